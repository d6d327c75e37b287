package htmlexec

import (
	"reflect"
	"text/template/parse"
)

// call compiles a call of fn, a function of the FuncMap, as text/template's
// evalCall makes it: the arguments converted to the parameters' types, the
// final value of the pipeline last. Functions of the most common
// signatures are called directly when their arguments have exactly the
// parameters' types, and by reflection otherwise.
func (c *compiler) call(name string, fn reflect.Value, args []parse.Node, hasFinal bool) (cmd, error) {
	typ := fn.Type()
	params, final, ok := signature(typ, len(args), hasFinal)
	if !ok {
		return nil, unsupported("arguments or results of %s", name)
	}
	argv := make([]expr, len(args))
	for i, a := range args {
		e, err := c.arg(a, params[i])
		if err != nil {
			return nil, err
		}
		argv[i] = e
	}
	direct := directCall(fn.Interface())
	if typ.IsVariadic() {
		direct = nil
	}
	return func(st *state, dot, fin reflect.Value) (reflect.Value, error) {
		var buf [4]reflect.Value
		vals, err := evalArgs(st, dot, argv, buf[:0])
		if err != nil {
			return reflect.Value{}, err
		}
		if hasFinal {
			v, err := validateType(fin, final)
			if err != nil {
				return v, err
			}
			vals = append(vals, v)
		}
		if direct != nil {
			if v, ok := direct(vals); ok {
				return v, nil
			}
		}
		return safeCall(fn, append([]reflect.Value(nil), vals...))
	}, nil
}

// signature is how text/template's evalCall gives arguments to a
// function of type typ: the parameter type of each of nargs arguments
// and, with hasFinal, of the pipeline's final value, given last. ok is
// false when the function cannot take them, or returns other than one
// value, or one and an error.
func signature(typ reflect.Type, nargs int, hasFinal bool) (params []reflect.Type, final reflect.Type, ok bool) {
	numIn := nargs
	if hasFinal {
		numIn++
	}
	numFixed := nargs
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return nil, nil, false
		}
	} else if numIn != typ.NumIn() {
		return nil, nil, false
	}
	switch typ.NumOut() {
	case 1:
	case 2:
		if typ.Out(1) != errorType {
			return nil, nil, false
		}
	default:
		return nil, nil, false
	}
	var last reflect.Type
	if typ.NumIn() > 0 {
		last = typ.In(typ.NumIn() - 1)
	}
	params = make([]reflect.Type, nargs)
	for i := range params {
		if typ.IsVariadic() && i >= numFixed {
			params[i] = last.Elem()
		} else {
			params[i] = typ.In(i)
		}
	}
	if hasFinal {
		switch {
		case !typ.IsVariadic():
			final = last
		case numIn-1 < numFixed:
			final = typ.In(numIn - 1)
		default:
			final = last.Elem()
		}
	}
	return params, final, true
}

// safeCall calls fn; a panic or an error leaves the execution to
// html/template.
func safeCall(fn reflect.Value, argv []reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if recover() != nil {
			err = errBail
		}
	}()
	ret := fn.Call(argv)
	if len(ret) == 2 && !ret[1].IsNil() {
		return ret[0], errBail
	}
	return unwrap(ret[0]), nil
}

// unwrap is the value a function returned as a reflect.Value.
func unwrap(v reflect.Value) reflect.Value {
	if v.Type() == reflectValueTyp {
		return v.Interface().(reflect.Value)
	}
	return v
}

// evalArgs appends the values of argv to vals, in order.
func evalArgs(st *state, dot reflect.Value, argv []expr, vals []reflect.Value) ([]reflect.Value, error) {
	for _, a := range argv {
		v, err := a(st, dot)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, nil
}

// directCall calls fn without reflection if it has one of the signatures
// the default theme's functions have; ok is false when an argument is
// not of exactly its parameter's type, which validateType allows for
// (an interface holding one, a pointer to one), and the call then goes
// by reflection.
func directCall(fn any) func(args []reflect.Value) (v reflect.Value, ok bool) {
	switch f := fn.(type) {
	case func(string) string:
		return func(a []reflect.Value) (reflect.Value, bool) {
			if !isString(a[0]) {
				return reflect.Value{}, false
			}
			return reflect.ValueOf(f(a[0].String())), true
		}
	case func(string) bool:
		return func(a []reflect.Value) (reflect.Value, bool) {
			if !isString(a[0]) {
				return reflect.Value{}, false
			}
			return boolValue(f(a[0].String())), true
		}
	case func(string, string) string:
		return func(a []reflect.Value) (reflect.Value, bool) {
			if !isString(a[0]) || !isString(a[1]) {
				return reflect.Value{}, false
			}
			return reflect.ValueOf(f(a[0].String(), a[1].String())), true
		}
	case func(string, string) bool:
		return func(a []reflect.Value) (reflect.Value, bool) {
			if !isString(a[0]) || !isString(a[1]) {
				return reflect.Value{}, false
			}
			return boolValue(f(a[0].String(), a[1].String())), true
		}
	case func(int, string) string:
		return func(a []reflect.Value) (reflect.Value, bool) {
			if !isInt(a[0]) || !isString(a[1]) {
				return reflect.Value{}, false
			}
			return reflect.ValueOf(f(int(a[0].Int()), a[1].String())), true
		}
	case func(int, int) int:
		return func(a []reflect.Value) (reflect.Value, bool) {
			if !isInt(a[0]) || !isInt(a[1]) {
				return reflect.Value{}, false
			}
			return intValue(f(int(a[0].Int()), int(a[1].Int()))), true
		}
	}
	return nil
}

func isString(v reflect.Value) bool { return v.IsValid() && v.Type() == stringType }

func isInt(v reflect.Value) bool { return v.IsValid() && v.Type() == intType }
