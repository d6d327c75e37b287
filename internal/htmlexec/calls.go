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
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return nil, unsupported("too few arguments for %s", name)
		}
	} else if numIn != typ.NumIn() {
		return nil, unsupported("wrong number of arguments for %s", name)
	}
	if !goodFunc(typ) {
		return nil, unsupported("results of %s", name)
	}
	argv := make([]expr, len(args))
	for i, a := range args {
		t := typ.In(min(i, typ.NumIn()-1))
		if typ.IsVariadic() && i >= numFixed {
			t = typ.In(typ.NumIn() - 1).Elem()
		}
		e, err := c.arg(a, t)
		if err != nil {
			return nil, err
		}
		argv[i] = e
	}
	var final reflect.Type
	if hasFinal {
		final = finalType(typ, numIn, numFixed)
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
