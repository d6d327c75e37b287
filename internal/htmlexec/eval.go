package htmlexec

import (
	"reflect"
	"strings"
	"text/template/parse"
)

// cmd evaluates one command of a pipeline; final is the value of the
// command before it, for every command but the first.
type cmd func(st *state, dot, final reflect.Value) (reflect.Value, error)

var (
	stringType      = reflect.TypeFor[string]()
	intType         = reflect.TypeFor[int]()
	anyType         = reflect.TypeFor[any]()
	errorType       = reflect.TypeFor[error]()
	reflectValueTyp = reflect.TypeFor[reflect.Value]()
	trueValue       = reflect.ValueOf(true)
	falseValue      = reflect.ValueOf(false)
)

func boolValue(b bool) reflect.Value {
	if b {
		return trueValue
	}
	return falseValue
}

// pipeline compiles a pipeline and its variable declarations. A nil
// pipeline compiles to nil.
func (c *compiler) pipeline(p *parse.PipeNode) (expr, error) {
	if p == nil {
		return nil, nil
	}
	if _, esc := splitEscapers(p.Cmds); len(esc) > 0 {
		return nil, unsupported("escaper outside an action")
	}
	run, err := c.commands(p.Cmds)
	if err != nil || len(p.Decl) == 0 {
		return run, err
	}
	slots := make([]int, len(p.Decl))
	for i, v := range p.Decl {
		if p.IsAssign {
			if slots[i], err = c.lookup(v.Ident[0]); err != nil {
				return nil, err
			}
		} else {
			slots[i] = c.declare(v.Ident[0])
		}
	}
	return func(st *state, dot reflect.Value) (reflect.Value, error) {
		v, err := run(st, dot)
		if err != nil {
			return v, err
		}
		for _, s := range slots {
			st.vars[st.base+s] = v
		}
		return v, nil
	}, nil
}

// commands compiles the commands of a pipeline, each given the value of
// the one before it as its final argument.
func (c *compiler) commands(cmds []*parse.CommandNode) (expr, error) {
	if len(cmds) == 0 {
		return nil, unsupported("empty pipeline")
	}
	fns := make([]cmd, len(cmds))
	for i, n := range cmds {
		f, err := c.command(n, i > 0)
		if err != nil {
			return nil, err
		}
		fns[i] = f
	}
	if len(fns) == 1 {
		f := fns[0]
		return func(st *state, dot reflect.Value) (reflect.Value, error) {
			v, err := f(st, dot, reflect.Value{})
			return elemOfAny(v), err
		}, nil
	}
	return func(st *state, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for _, f := range fns {
			var err error
			if v, err = f(st, dot, v); err != nil {
				return v, err
			}
			v = elemOfAny(v)
		}
		return v, nil
	}, nil
}

// elemOfAny digs into a value of type interface{}, as text/template does
// after every command.
func elemOfAny(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		return v.Elem()
	}
	return v
}

func (c *compiler) command(n *parse.CommandNode, hasFinal bool) (cmd, error) {
	args := n.Args
	switch first := args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(nil, first.Ident, args, hasFinal)
	case *parse.ChainNode:
		recv, err := c.chainReceiver(first)
		if err != nil {
			return nil, err
		}
		return c.fieldChain(recv, first.Field, args, hasFinal)
	case *parse.IdentifierNode:
		return c.function(first.Ident, args[1:], hasFinal)
	case *parse.VariableNode:
		slot, err := c.lookup(first.Ident[0])
		if err != nil {
			return nil, err
		}
		recv := func(st *state, _ reflect.Value) (reflect.Value, error) { return st.vars[st.base+slot], nil }
		if len(first.Ident) > 1 {
			return c.fieldChain(recv, first.Ident[1:], args, hasFinal)
		}
		if len(args) > 1 || hasFinal {
			return nil, unsupported("argument to a variable")
		}
		return func(st *state, dot, _ reflect.Value) (reflect.Value, error) { return recv(st, dot) }, nil
	}
	if len(args) > 1 || hasFinal {
		return nil, unsupported("argument to %s", args[0])
	}
	switch first := args[0].(type) {
	case *parse.PipeNode:
		p, err := c.pipeline(first)
		if err != nil {
			return nil, err
		}
		return func(st *state, dot, _ reflect.Value) (reflect.Value, error) { return p(st, dot) }, nil
	case *parse.DotNode:
		return func(_ *state, dot, _ reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	}
	v, err := untypedConstant(args[0])
	if err != nil {
		return nil, err
	}
	return func(*state, reflect.Value, reflect.Value) (reflect.Value, error) { return v, nil }, nil
}

// untypedConstant is a literal's value where no parameter gives it a
// type, as text/template's evalEmptyInterface has it.
func untypedConstant(n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return boolValue(n.True), nil
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), nil
	case *parse.NumberNode:
		switch {
		case n.IsComplex:
			return reflect.ValueOf(n.Complex128), nil
		case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
			return reflect.ValueOf(n.Float64), nil
		case n.IsInt && int64(int(n.Int64)) == n.Int64:
			return reflect.ValueOf(int(n.Int64)), nil
		}
	}
	return reflect.Value{}, unsupported("constant %s", n)
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// typedConstant is a literal given to a parameter of type typ, as
// text/template's evalArg converts it.
func typedConstant(n parse.Node, typ reflect.Type) (reflect.Value, error) {
	if _, ok := n.(*parse.NilNode); ok {
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, unsupported("nil for %s", typ)
	}
	v := reflect.New(typ).Elem()
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			v.SetBool(b.True)
			return v, nil
		}
	case reflect.String:
		if s, ok := n.(*parse.StringNode); ok {
			v.SetString(s.Text)
			return v, nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsInt {
			v.SetInt(num.Int64)
			return v, nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num, ok := n.(*parse.NumberNode); ok && num.IsUint {
			v.SetUint(num.Uint64)
			return v, nil
		}
	case reflect.Float32, reflect.Float64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsFloat {
			v.SetFloat(num.Float64)
			return v, nil
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return untypedConstant(n)
		}
	case reflect.Struct:
		if typ == reflectValueTyp {
			u, err := untypedConstant(n)
			return reflect.ValueOf(u), err
		}
	}
	return reflect.Value{}, unsupported("constant %s for %s", n, typ)
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueTyp
	}
	return false
}

// value compiles an argument that is not a literal: dot, a field, a
// variable, a parenthesized pipeline, a function or a chain. ok is false
// for a literal.
func (c *compiler) value(n parse.Node) (e expr, ok bool, err error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }, true, nil
	case *parse.FieldNode, *parse.VariableNode, *parse.IdentifierNode, *parse.ChainNode:
		f, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}}, false)
		if err != nil {
			return nil, true, err
		}
		return func(st *state, dot reflect.Value) (reflect.Value, error) { return f(st, dot, reflect.Value{}) }, true, nil
	case *parse.PipeNode:
		p, err := c.pipeline(n)
		return p, true, err
	}
	return nil, false, nil
}

// arg compiles an argument for a parameter of type typ.
func (c *compiler) arg(n parse.Node, typ reflect.Type) (expr, error) {
	e, ok, err := c.value(n)
	if err != nil {
		return nil, err
	}
	if !ok {
		v, err := typedConstant(n, typ)
		if err != nil {
			return nil, err
		}
		return func(*state, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	}
	return func(st *state, dot reflect.Value) (reflect.Value, error) {
		v, err := e(st, dot)
		if err != nil {
			return v, err
		}
		return validateType(v, typ)
	}, nil
}

// validateType is text/template's: v as an argument of type typ.
func validateType(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if typ == nil {
			return reflect.Value{}, nil
		}
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return v, errBail
	}
	if typ == reflectValueTyp && v.Type() != typ {
		return reflect.ValueOf(v), nil
	}
	if typ == nil || v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		v = v.Elem()
		if !v.IsValid() {
			return v, errBail
		}
		return v, nil
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		return v.Addr(), nil
	}
	return v, errBail
}

// chainReceiver compiles the (pipeline) of (pipeline).Field.
func (c *compiler) chainReceiver(n *parse.ChainNode) (expr, error) {
	e, ok, err := c.value(n.Node)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, unsupported("chain on %s", n.Node)
	}
	return e, nil
}

func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}
