// Package htmlexec executes html/template templates several times faster
// than html/template does, with the same output.
//
// html/template escapes a template on its first execution by adding an
// escaper function to every action, and text/template then evaluates each
// action by reflection: every field by name, every function, escapers
// included, through reflect.Value.Call with its arguments boxed into a
// variadic slice. A national build renders twenty thousand pages of a
// hundred actions each, and that evaluation was the largest cost of a
// build.
//
// A Set compiles each template it is asked to execute, after html/template
// has executed (and so escaped) it once, into a tree of Go closures: fields
// are found by index, cached per type; the functions of the FuncMap with
// common signatures are called directly; the builtins the default theme
// uses (and, or, not, eq, ne, lt, le, gt, ge, len, slice, printf) are
// evaluated without reflection; and the escapers html/template added are
// applied by equivalents of its own for plain strings, and by html/template
// itself (a one-action template per escaper chain) for anything else.
//
// Exactness comes first. Whatever the compiler does not handle — a
// builtin it does not know, a template html/template derived for another
// context, an escaper chain it has no equivalent of — leaves that template
// to html/template. And whatever a compiled template meets at run time
// that it does not handle exactly as text/template would — an error of any
// kind, a nil pointer, a comparison of unlike types — abandons the
// execution, discards its output and runs html/template instead, which
// gives the same output or the same error as it always would.
package htmlexec

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"reflect"
	"sync"
	"sync/atomic"
)

// Set executes the templates of one html/template namespace.
type Set struct {
	ns    *template.Template
	funcs map[string]reflect.Value
	// escaping is read-locked while html/template executes a template
	// for the first time, which escapes it and every template it calls,
	// editing their parse trees, and write-locked while the compiler
	// reads the trees. The compiler only tries the lock: a first
	// execution can call a function that executes another template of
	// the set for the first time, inside the first.
	escaping sync.RWMutex
	programs sync.Map // template name → *program
	// chains holds the escaper chains compiled templates apply, by their
	// escapers' names; written by the compiler, under escaping.
	chains map[string]*chain
	// interpret leaves every template to html/template.
	interpret bool
	// fallbacks counts executions that html/template ran because a
	// compiled program could not.
	fallbacks atomic.Int64
}

// program is a compiled entry template, or nil when the compiler could
// not compile it.
type program struct {
	root *compiled
	// runs and bails count its executions and those it left to
	// html/template: a program that bails often is dropped, since each
	// bail costs an execution of both.
	runs, bails atomic.Int64
}

// New returns a Set executing the templates of ns, whose functions are
// funcs (the FuncMap given to ns.Funcs).
func New(ns *template.Template, funcs template.FuncMap) *Set {
	s := &Set{ns: ns, funcs: make(map[string]reflect.Value, len(funcs)), chains: map[string]*chain{}}
	for name, fn := range funcs {
		s.funcs[name] = reflect.ValueOf(fn)
	}
	return s
}

// Execute applies the template name of the set to data and writes the
// output to w, exactly as ns.ExecuteTemplate(w, name, data) would. Nothing
// is written to w when it returns an error, unless w is a *bytes.Buffer,
// which then holds what html/template wrote before the error.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	if b, ok := w.(*bytes.Buffer); ok {
		return s.execute(b, name, data)
	}
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	err := s.execute(b, name, data)
	if err == nil {
		_, err = w.Write(b.Bytes())
	}
	return err
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Set) execute(w *bytes.Buffer, name string, data any) error {
	p, ok := s.programs.Load(name)
	if !ok {
		return s.first(w, name, data)
	}
	if prog := p.(*program); prog.root != nil {
		start := w.Len()
		runs := prog.runs.Add(1)
		if prog.run(w, data) == nil {
			return nil
		}
		w.Truncate(start)
		s.fallbacks.Add(1)
		if bails := prog.bails.Add(1); bails > 16 && bails > runs/4 {
			s.programs.Store(name, &program{})
		}
	}
	return s.ns.ExecuteTemplate(w, name, data)
}

// run executes the program into w. A panic, from a function of the
// FuncMap or from a case the compiler got wrong, leaves the execution to
// html/template like any other failure.
func (p *program) run(w *bytes.Buffer, data any) (err error) {
	st := newState(w)
	defer func() {
		if recover() != nil {
			err = errBail
		}
		st.release()
	}()
	return p.root.run(st, dataValue(data))
}

// first executes name with html/template, then compiles it if no other
// first execution is under way; if one is, or this one failed, a later
// call compiles it.
func (s *Set) first(w *bytes.Buffer, name string, data any) error {
	if s.interpret {
		return s.ns.ExecuteTemplate(w, name, data)
	}
	s.escaping.RLock()
	err := s.ns.ExecuteTemplate(w, name, data)
	s.escaping.RUnlock()
	if err != nil || !s.escaping.TryLock() {
		return err
	}
	defer s.escaping.Unlock()
	if _, ok := s.programs.Load(name); !ok {
		root, err := compile(s, name)
		if err != nil {
			root = nil
		}
		s.programs.Store(name, &program{root: root})
	}
	return nil
}

// Interpret makes the set execute every template with html/template
// alone, never compiled. Call it before the first execution.
func (s *Set) Interpret() { s.interpret = true }

// Fallbacks reports how many executions html/template ran because a
// compiled template met something it does not handle.
func (s *Set) Fallbacks() int64 { return s.fallbacks.Load() }

// Compiled reports whether the template name has been compiled: false
// before its first execution, and for a template the compiler leaves to
// html/template.
func (s *Set) Compiled(name string) bool {
	p, ok := s.programs.Load(name)
	return ok && p.(*program).root != nil
}

// dataValue is text/template's reflect.ValueOf of the data, which keeps a
// reflect.Value given as data as it is.
func dataValue(data any) reflect.Value {
	if v, ok := data.(reflect.Value); ok {
		return v
	}
	return reflect.ValueOf(data)
}

// errBail abandons a compiled execution for html/template's.
var errBail = errors.New("htmlexec: left to html/template")

// state is one execution: its output and its variables. A template's
// variables are slots of vars from base on, numbered at compile time.
type state struct {
	w     *bytes.Buffer
	vars  []reflect.Value
	base  int
	depth int
}

var states = sync.Pool{New: func() any { return &state{vars: make([]reflect.Value, 0, 64)} }}

func newState(w *bytes.Buffer) *state {
	st := states.Get().(*state)
	st.w, st.base, st.depth = w, 0, 0
	return st
}

func (st *state) release() {
	clear(st.vars)
	st.vars, st.w = st.vars[:0], nil
	states.Put(st)
}
