package htmlexec

import (
	"reflect"
	"sync/atomic"
	"text/template/parse"
)

// fieldChain compiles .A.B.C, from dot or from recv: each name a method,
// a struct field or a map key, the last given args[1:] and the final
// value.
func (c *compiler) fieldChain(recv expr, names []string, args []parse.Node, hasFinal bool) (cmd, error) {
	steps := make([]*field, len(names))
	for i, name := range names {
		steps[i] = &field{name: name, key: reflect.ValueOf(name)}
	}
	last := steps[len(steps)-1]
	last.hasArgs = len(args) > 1 || hasFinal
	last.hasFinal = hasFinal
	for _, a := range args[1:] {
		d, err := c.dynamicArg(a)
		if err != nil {
			return nil, err
		}
		last.args = append(last.args, d)
	}
	return func(st *state, dot, final reflect.Value) (reflect.Value, error) {
		v := dot
		if recv != nil {
			var err error
			if v, err = recv(st, dot); err != nil {
				return v, err
			}
		}
		for _, f := range steps {
			var err error
			if v, err = f.eval(st, dot, v, final); err != nil {
				return v, err
			}
		}
		return v, nil
	}, nil
}

// field is one name of a field chain, with what it resolved to for the
// last type it was evaluated on.
type field struct {
	name     string
	key      reflect.Value // the name as a map key
	args     []dynamicArg
	hasArgs  bool
	hasFinal bool
	last     atomic.Pointer[resolution]
}

// resolution is what a name is on one receiver type.
type resolution struct {
	typ    reflect.Type
	addr   bool // the receiver was addressable
	how    resolved
	method int   // how == isMethod: the index on the receiver or its address
	index  []int // how == isField
}

type resolved int

const (
	isNothing resolved = iota // left to html/template
	isMethod
	isField
	isMapKey
)

func (f *field) eval(st *state, dot, recv, final reflect.Value) (reflect.Value, error) {
	if !recv.IsValid() {
		return reflect.Value{}, nil // text/template's missingkey=default
	}
	recv, isNil := indirect(recv)
	if isNil {
		return recv, errBail
	}
	r := f.last.Load()
	if r == nil || r.typ != recv.Type() || r.addr != recv.CanAddr() {
		r = f.resolve(recv)
		f.last.Store(r)
	}
	switch r.how {
	case isField:
		if f.hasArgs {
			return recv, errBail
		}
		if len(r.index) == 1 {
			return recv.Field(r.index[0]), nil
		}
		v, err := recv.FieldByIndexErr(r.index)
		if err != nil {
			return v, errBail
		}
		return v, nil
	case isMapKey:
		if f.hasArgs {
			return recv, errBail
		}
		return recv.MapIndex(f.key), nil
	case isMethod:
		if r.addr {
			recv = recv.Addr()
		}
		return f.call(st, dot, recv.Method(r.method), final)
	}
	return recv, errBail
}

// resolve finds what f.name is on recv as text/template's evalField does:
// a method of recv or of its address, else a field or a map key.
func (f *field) resolve(recv reflect.Value) *resolution {
	r := &resolution{typ: recv.Type(), addr: recv.CanAddr()}
	t := recv.Type()
	addr := r.addr && t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer
	mt := t
	if addr {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(f.name); ok {
		r.how, r.method, r.addr = isMethod, m.Index, addr
		return r
	}
	r.addr = recv.CanAddr()
	switch t.Kind() {
	case reflect.Struct:
		if sf, ok := t.FieldByName(f.name); ok && sf.IsExported() {
			r.how, r.index = isField, sf.Index
		}
	case reflect.Map:
		if stringType.AssignableTo(t.Key()) {
			r.how = isMapKey
		}
	}
	return r
}

// call calls a method with f's arguments, as text/template's evalCall.
func (f *field) call(st *state, dot, fn, final reflect.Value) (reflect.Value, error) {
	params, finalParam, ok := signature(fn.Type(), len(f.args), f.hasFinal)
	if !ok {
		return fn, errBail
	}
	argv := make([]reflect.Value, len(params), len(params)+1)
	for i, a := range f.args {
		var err error
		if argv[i], err = a(st, dot, params[i]); err != nil {
			return fn, err
		}
	}
	if f.hasFinal {
		v, err := validateType(final, finalParam)
		if err != nil {
			return fn, err
		}
		argv = append(argv, v)
	}
	return safeCall(fn, argv)
}

// dynamicArg is an argument of a method, whose parameter types are known
// only when the receiver is.
type dynamicArg func(st *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error)

func (c *compiler) dynamicArg(n parse.Node) (dynamicArg, error) {
	e, ok, err := c.value(n)
	if err != nil {
		return nil, err
	}
	if !ok {
		return func(_ *state, _ reflect.Value, typ reflect.Type) (reflect.Value, error) {
			v, err := typedConstant(n, typ)
			if err != nil {
				return v, errBail
			}
			return v, nil
		}, nil
	}
	return func(st *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
		v, err := e(st, dot)
		if err != nil {
			return v, err
		}
		return validateType(v, typ)
	}, nil
}
