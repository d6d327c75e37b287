package htmlexec

import (
	"bytes"
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"text/template/parse"
)

// maxDepth is text/template's limit on nested template calls; a
// compiled execution that reaches it leaves the error to html/template.
const maxDepth = 100000

// compiled is one template of the set, compiled.
type compiled struct {
	body  stmt
	slots int // variables, $ included
}

// stmt writes a node's output for dot.
type stmt func(st *state, dot reflect.Value) error

// expr evaluates a pipeline, command or argument for dot.
type expr func(st *state, dot reflect.Value) (reflect.Value, error)

func (c *compiled) run(st *state, dot reflect.Value) error {
	if st.depth >= maxDepth {
		return errBail
	}
	base := st.base
	st.base = len(st.vars)
	for range c.slots {
		st.vars = append(st.vars, reflect.Value{})
	}
	st.vars[st.base] = dot
	st.depth++
	err := c.body(st, dot)
	st.depth--
	clear(st.vars[st.base:])
	st.vars = st.vars[:st.base]
	st.base = base
	return err
}

// errUnsupported leaves a template to html/template.
type errUnsupported struct{ what string }

func (e errUnsupported) Error() string { return "htmlexec: unsupported " + e.what }

func unsupported(format string, args ...any) error {
	return errUnsupported{fmt.Sprintf(format, args...)}
}

// compiler compiles the templates an entry template reaches.
type compiler struct {
	set       *Set
	templates map[string]*compiled
	// The variables in scope in the template being compiled, innermost
	// last, and the number of slots it has used.
	vars  []variable
	slots int
}

type variable struct {
	name string
	slot int
}

// compile compiles the template name of s and those it calls. It must
// run after html/template has escaped them. A panic, from a case the
// compiler got wrong, leaves the template to html/template.
func compile(s *Set, name string) (t *compiled, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, unsupported("template %q: %v", name, r)
		}
	}()
	c := &compiler{set: s, templates: map[string]*compiled{}}
	return c.template(name)
}

func (c *compiler) template(name string) (*compiled, error) {
	if t, ok := c.templates[name]; ok {
		return t, nil
	}
	ht := c.set.ns.Lookup(name)
	if ht == nil || ht.Tree == nil || ht.Tree.Root == nil {
		// Not in the set: a template html/template derived for a
		// context other than the one it was written for.
		return nil, unsupported("template %q", name)
	}
	t := &compiled{}
	c.templates[name] = t // before the body, for recursive templates
	vars, slots := c.vars, c.slots
	c.vars, c.slots = []variable{{"$", 0}}, 1
	body, err := c.list(ht.Tree.Root)
	t.body, t.slots = body, c.slots
	c.vars, c.slots = vars, slots
	return t, err
}

// declare adds a variable to the scope and returns its slot.
func (c *compiler) declare(name string) int {
	slot := c.slots
	c.slots++
	c.vars = append(c.vars, variable{name, slot})
	return slot
}

// lookup finds the slot of the innermost variable called name.
func (c *compiler) lookup(name string) (int, error) {
	for i := len(c.vars) - 1; i >= 0; i-- {
		if c.vars[i].name == name {
			return c.vars[i].slot, nil
		}
	}
	return 0, unsupported("undefined variable %s", name)
}

func (c *compiler) list(l *parse.ListNode) (stmt, error) {
	if l == nil {
		return func(*state, reflect.Value) error { return nil }, nil
	}
	var stmts []stmt
	var text []byte
	flush := func() {
		if text != nil {
			t := bytes.Clone(text)
			stmts = append(stmts, func(st *state, _ reflect.Value) error {
				st.w.Write(t)
				return nil
			})
			text = nil
		}
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			text = append(text, n.Text...)
			continue
		case *parse.CommentNode:
			continue
		}
		flush()
		s, err := c.node(n)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, s)
	}
	flush()
	switch len(stmts) {
	case 0:
		return func(*state, reflect.Value) error { return nil }, nil
	case 1:
		return stmts[0], nil
	}
	return func(st *state, dot reflect.Value) error {
		for _, s := range stmts {
			if err := s(st, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) node(n parse.Node) (stmt, error) {
	switch n := n.(type) {
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) error { return errBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) error { return errContinue }, nil
	case *parse.ListNode:
		return c.list(n)
	}
	return nil, unsupported("node %s", n)
}

// errBreak and errContinue carry {{break}} and {{continue}} to the range.
var (
	errBreak    = unsupported("break outside range")
	errContinue = unsupported("continue outside range")
)

// action prints its pipeline through the escapers html/template gave it,
// or declares or assigns its variables.
func (c *compiler) action(n *parse.ActionNode) (stmt, error) {
	cmds, escapers := splitEscapers(n.Pipe.Cmds)
	if len(n.Pipe.Decl) > 0 {
		if len(escapers) > 0 {
			return nil, unsupported("escaped declaration")
		}
		p, err := c.pipeline(n.Pipe)
		if err != nil {
			return nil, err
		}
		return func(st *state, dot reflect.Value) error {
			_, err := p(st, dot)
			return err
		}, nil
	}
	p, err := c.commands(cmds)
	if err != nil {
		return nil, err
	}
	if len(escapers) == 0 {
		return func(st *state, dot reflect.Value) error {
			v, err := p(st, dot)
			if err != nil {
				return err
			}
			return printValue(st, v)
		}, nil
	}
	esc, err := c.chain(escapers)
	if err != nil {
		return nil, err
	}
	return func(st *state, dot reflect.Value) error {
		v, err := p(st, dot)
		if err != nil {
			return err
		}
		return esc.write(st.w, v)
	}, nil
}

// chain returns the chain of the escapers named, made once per set.
func (c *compiler) chain(escapers []string) (*chain, error) {
	key := strings.Join(escapers, " ")
	if ch, ok := c.set.chains[key]; ok {
		return ch, nil
	}
	ch, err := newChain(escapers)
	if err == nil {
		c.set.chains[key] = ch
	}
	return ch, err
}

// printValue prints what an action without escapers evaluates to. Only
// strings are printed here; anything else goes to html/template, which
// formats it with fmt.
func printValue(st *state, v reflect.Value) error {
	if !v.IsValid() || v.Type() != stringType {
		return errBail
	}
	st.w.WriteString(v.String())
	return nil
}

func (c *compiler) ifOrWith(pipe *parse.PipeNode, list, elseList *parse.ListNode, with bool) (stmt, error) {
	mark := len(c.vars)
	p, err := c.pipeline(pipe)
	if err != nil {
		return nil, err
	}
	then, otherwise, err := c.branches(list, elseList)
	if err != nil {
		return nil, err
	}
	c.vars = c.vars[:mark]
	return func(st *state, dot reflect.Value) error {
		v, err := p(st, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			return errBail
		}
		if !truth {
			return otherwise(st, dot)
		}
		if with {
			return then(st, v)
		}
		return then(st, dot)
	}, nil
}

func (c *compiler) rangeNode(r *parse.RangeNode) (stmt, error) {
	mark := len(c.vars)
	p, err := c.pipeline(r.Pipe)
	if err != nil {
		return nil, err
	}
	// The slots the iterations set: text/template sets the element and
	// then the index, or with "=" the variables named.
	var elemSlot, indexSlot = -1, -1
	if decl := r.Pipe.Decl; len(decl) > 0 {
		slots := make([]int, len(decl))
		for i, v := range decl {
			if slots[i], err = c.lookup(v.Ident[0]); err != nil {
				return nil, err
			}
		}
		if len(decl) == 1 {
			elemSlot = slots[0]
		} else {
			indexSlot, elemSlot = slots[0], slots[1]
		}
	}
	body, otherwise, err := c.branches(r.List, r.ElseList)
	if err != nil {
		return nil, err
	}
	c.vars = c.vars[:mark]
	iteration := func(st *state, index, elem reflect.Value) error {
		if indexSlot >= 0 {
			st.vars[st.base+indexSlot] = index
		}
		if elemSlot >= 0 {
			st.vars[st.base+elemSlot] = elem
		}
		err := body(st, elem)
		if err == errContinue {
			return nil
		}
		return err
	}
	return func(st *state, dot reflect.Value) error {
		v, err := p(st, dot)
		if err != nil {
			return err
		}
		v, _ = indirect(v)
		n, err := rangeOver(st, v, indexSlot >= 0, iteration)
		if err == errBreak {
			return nil
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return otherwise(st, dot)
		}
		return nil
	}, nil
}

// rangeOver runs each for the elements of v, as text/template ranges over
// them, and returns how many there were. Maps keyed by other than strings
// and integers, channels and iterator functions are left to
// html/template.
func rangeOver(st *state, v reflect.Value, twoVars bool, each func(*state, reflect.Value, reflect.Value) error) (int, error) {
	switch v.Kind() {
	case reflect.Map:
		keys := v.MapKeys()
		switch v.Type().Key().Kind() {
		case reflect.String:
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
		default:
			return 0, errBail
		}
		for i, k := range keys {
			if err := each(st, k, v.MapIndex(k)); err != nil {
				return i + 1, err
			}
		}
		return len(keys), nil
	case reflect.Array, reflect.Slice:
		n := v.Len()
		for i := range n {
			if err := each(st, intValue(i), v.Index(i)); err != nil {
				return i + 1, err
			}
		}
		return n, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if twoVars {
			return 0, errBail
		}
		n := v.Int()
		for i := int64(0); i < n; i++ {
			if err := each(st, reflect.Value{}, reflect.ValueOf(i).Convert(v.Type())); err != nil {
				return int(i) + 1, err
			}
		}
		return int(max(n, 0)), nil
	case reflect.Invalid:
		return 0, nil
	}
	return 0, errBail
}

// intValue is reflect.ValueOf(i) for a range index, without allocating
// for small ones.
func intValue(i int) reflect.Value {
	if uint(i) < uint(len(smallInts)) {
		return smallInts[i]
	}
	return reflect.ValueOf(i)
}

var smallInts = func() []reflect.Value {
	v := make([]reflect.Value, 256)
	for i := range v {
		v[i] = reflect.ValueOf(i)
	}
	return v
}()

func (c *compiler) templateNode(n *parse.TemplateNode) (stmt, error) {
	p, err := c.pipeline(n.Pipe)
	if err != nil {
		return nil, err
	}
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return func(st *state, _ reflect.Value) error { return t.run(st, reflect.Value{}) }, nil
	}
	return func(st *state, dot reflect.Value) error {
		v, err := p(st, dot)
		if err != nil {
			return err
		}
		return t.run(st, v)
	}, nil
}

// branches compiles the two lists of an if, with or range. Variables
// declared in the first are not in scope in the second: text/template's
// parser accepts them there, but they are never set.
func (c *compiler) branches(list, elseList *parse.ListNode) (stmt, stmt, error) {
	mark := len(c.vars)
	first, err := c.list(list)
	if err != nil {
		return nil, nil, err
	}
	c.vars = c.vars[:mark]
	second, err := c.list(elseList)
	c.vars = c.vars[:mark]
	return first, second, err
}
