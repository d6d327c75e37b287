package htmlexec

import (
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// function compiles a call of a function of the set's FuncMap or of a
// builtin, as text/template looks them up: the FuncMap first.
func (c *compiler) function(name string, args []parse.Node, hasFinal bool) (cmd, error) {
	if strings.HasPrefix(name, escaperPrefix) {
		return nil, unsupported("escaper %s inside a pipeline", name)
	}
	if fn, ok := c.set.funcs[name]; ok {
		return c.call(name, fn, args, hasFinal)
	}
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	b, ok := builtins[name]
	if !ok || numIn < b.min || (b.max >= 0 && numIn > b.max) {
		return nil, unsupported("builtin %s with %d arguments", name, numIn)
	}
	argv := make([]expr, len(args))
	for i, a := range args {
		e, err := c.builtinArg(a)
		if err != nil {
			return nil, err
		}
		argv[i] = e
	}
	if name == "and" || name == "or" {
		return shortCircuit(name == "or", argv, hasFinal), nil
	}
	if name == "printf" {
		return c.printf(args, hasFinal)
	}
	return func(st *state, dot, final reflect.Value) (reflect.Value, error) {
		var buf [4]reflect.Value
		vals, err := evalArgs(st, dot, argv, buf[:0])
		if err != nil {
			return reflect.Value{}, err
		}
		if hasFinal {
			vals = append(vals, builtinValue(final))
		}
		return b.fn(vals)
	}, nil
}

// builtin is a text/template builtin with the number of arguments it
// takes (max -1: any number).
type builtin struct {
	min, max int
	fn       func(args []reflect.Value) (reflect.Value, error)
}

// builtins are those the compiler evaluates itself. The others (call,
// html, index, js, print, println, urlquery) leave a template to
// html/template.
var builtins = map[string]builtin{
	"and":    {1, -1, nil},
	"or":     {1, -1, nil},
	"printf": {1, -1, nil},
	"not":    {1, 1, func(a []reflect.Value) (reflect.Value, error) { return boolValue(!truth(a[0])), nil }},
	"len":    {1, 1, length},
	"eq":     {2, -1, func(a []reflect.Value) (reflect.Value, error) { b, err := eq(a[0], a[1:]); return boolValue(b), err }},
	"ne":     {2, 2, func(a []reflect.Value) (reflect.Value, error) { b, err := eq(a[0], a[1:]); return boolValue(!b), err }},
	"lt":     {2, 2, func(a []reflect.Value) (reflect.Value, error) { b, err := lt(a[0], a[1]); return boolValue(b), err }},
	"le":     {2, 2, func(a []reflect.Value) (reflect.Value, error) { b, err := le(a[0], a[1]); return boolValue(b), err }},
	"gt":     {2, 2, func(a []reflect.Value) (reflect.Value, error) { b, err := le(a[0], a[1]); return boolValue(!b), err }},
	"ge":     {2, 2, func(a []reflect.Value) (reflect.Value, error) { b, err := lt(a[0], a[1]); return boolValue(!b), err }},
	"slice":  {1, 4, slice},
}

// builtinArg compiles an argument of a builtin, whose parameters are
// reflect.Values: a literal is untyped, nil is the invalid value.
func (c *compiler) builtinArg(n parse.Node) (expr, error) {
	e, ok, err := c.value(n)
	if err != nil {
		return nil, err
	}
	if ok {
		return func(st *state, dot reflect.Value) (reflect.Value, error) {
			v, err := e(st, dot)
			return builtinValue(v), err
		}, nil
	}
	var v reflect.Value
	if _, isNil := n.(*parse.NilNode); !isNil {
		if v, err = untypedConstant(n); err != nil {
			return nil, err
		}
	}
	return func(*state, reflect.Value) (reflect.Value, error) { return v, nil }, nil
}

// builtinValue is the reflect.Value a builtin receives for v: v, unless v
// holds a reflect.Value.
func builtinValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueTyp {
		return v.Interface().(reflect.Value)
	}
	return v
}

// shortCircuit is and (or): the first false (true) argument, else the
// last, evaluating no more than it needs.
func shortCircuit(or bool, argv []expr, hasFinal bool) cmd {
	return func(st *state, dot, final reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for _, a := range argv {
			var err error
			if v, err = a(st, dot); err != nil {
				return v, err
			}
			if truth(v) == or {
				return v, nil
			}
		}
		if hasFinal {
			v = builtinValue(final)
		}
		return v, nil
	}
}

func (c *compiler) printf(args []parse.Node, hasFinal bool) (cmd, error) {
	var format expr
	var rest []expr
	for i, a := range args {
		typ := anyType
		if i == 0 {
			typ = stringType
		}
		e, err := c.arg(a, typ)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			format = e
		} else {
			rest = append(rest, e)
		}
	}
	return func(st *state, dot, final reflect.Value) (reflect.Value, error) {
		var f reflect.Value
		var err error
		if format != nil {
			f, err = format(st, dot)
		} else {
			f, err = validateType(final, stringType)
		}
		if err != nil {
			return f, err
		}
		if f.Type() != stringType {
			return f, errBail
		}
		vals := make([]any, 0, len(rest)+1)
		for _, a := range rest {
			v, err := a(st, dot)
			if err != nil {
				return v, err
			}
			vals = append(vals, anyOf(v))
		}
		if hasFinal && format != nil {
			v, err := validateType(final, anyType)
			if err != nil {
				return v, err
			}
			vals = append(vals, anyOf(v))
		}
		return reflect.ValueOf(fmt.Sprintf(f.String(), vals...)), nil
	}, nil
}

// anyOf is what a parameter of type any receives for v.
func anyOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

func length(a []reflect.Value) (reflect.Value, error) {
	v, isNil := indirect(a[0])
	if isNil {
		return v, errBail
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return intValue(v.Len()), nil
	}
	return v, errBail
}

type basic int

const (
	notBasic basic = iota
	boolKind
	intKind
	uintKind
	floatKind
	complexKind
	stringKind
)

func basicKind(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return notBasic
}

// eq is text/template's, for values of basic kinds; anything else is
// left to html/template.
func eq(a reflect.Value, others []reflect.Value) (bool, error) {
	a = indirectInterface(a)
	k1 := basicKind(a)
	for _, b := range others {
		b = indirectInterface(b)
		k2 := basicKind(b)
		truth := false
		switch {
		case k1 == intKind && k2 == uintKind:
			truth = a.Int() >= 0 && uint64(a.Int()) == b.Uint()
		case k1 == uintKind && k2 == intKind:
			truth = b.Int() >= 0 && a.Uint() == uint64(b.Int())
		case k1 != k2:
			if a.IsValid() && b.IsValid() {
				return false, errBail
			}
		case k1 == boolKind:
			truth = a.Bool() == b.Bool()
		case k1 == complexKind:
			truth = a.Complex() == b.Complex()
		case k1 == floatKind:
			truth = a.Float() == b.Float()
		case k1 == intKind:
			truth = a.Int() == b.Int()
		case k1 == stringKind:
			truth = a.String() == b.String()
		case k1 == uintKind:
			truth = a.Uint() == b.Uint()
		default:
			return false, errBail
		}
		if truth {
			return true, nil
		}
	}
	return false, nil
}

func lt(a, b reflect.Value) (bool, error) {
	a, b = indirectInterface(a), indirectInterface(b)
	k1, k2 := basicKind(a), basicKind(b)
	switch {
	case k1 == notBasic || k2 == notBasic:
		return false, errBail
	case k1 == intKind && k2 == uintKind:
		return a.Int() < 0 || uint64(a.Int()) < b.Uint(), nil
	case k1 == uintKind && k2 == intKind:
		return b.Int() >= 0 && a.Uint() < uint64(b.Int()), nil
	case k1 != k2:
		return false, errBail
	case k1 == floatKind:
		return a.Float() < b.Float(), nil
	case k1 == intKind:
		return a.Int() < b.Int(), nil
	case k1 == stringKind:
		return a.String() < b.String(), nil
	case k1 == uintKind:
		return a.Uint() < b.Uint(), nil
	}
	return false, errBail
}

func le(a, b reflect.Value) (bool, error) {
	less, err := lt(a, b)
	if less || err != nil {
		return less, err
	}
	return eq(a, []reflect.Value{b})
}

func slice(a []reflect.Value) (reflect.Value, error) {
	item := indirectInterface(a[0])
	if !item.IsValid() {
		return item, errBail
	}
	item, isNil := indirect(item)
	if isNil {
		return item, errBail
	}
	indexes := a[1:]
	var limit int
	switch item.Kind() {
	case reflect.String:
		if len(indexes) == 3 {
			return item, errBail
		}
		limit = item.Len()
	case reflect.Array, reflect.Slice:
		limit = item.Cap()
	default:
		return item, errBail
	}
	idx := [3]int{0, item.Len()}
	for i, index := range indexes {
		var x int64
		switch index.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			x = index.Int()
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			x = int64(index.Uint())
		default:
			return item, errBail
		}
		if x < 0 || int(x) < 0 || int(x) > limit {
			return item, errBail
		}
		idx[i] = int(x)
	}
	if idx[0] > idx[1] {
		return item, errBail
	}
	if len(indexes) < 3 {
		return item.Slice(idx[0], idx[1]), nil
	}
	if idx[1] > idx[2] {
		return item, errBail
	}
	return item.Slice3(idx[0], idx[1], idx[2]), nil
}
