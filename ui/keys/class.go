package keys

import "charm.land/bubbles/v2/key"

// Class bindings take part in a class led by a teacher over SSH.
type Class struct {
	Detach, Follow key.Binding // a student's two modes
	Roster         key.Binding // the teacher's class view
	Ask, Cancel    key.Binding // the teacher's polls
	Answer         key.Binding // a student's answer
}

// NewClass returns the class bindings.
func NewClass() Class {
	return Class{
		Detach: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "explore on your own")),
		Follow: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow the teacher")),
		Roster: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "class view")),
		Ask:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "ask / next poll step")),
		Cancel: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "cancel the poll")),
		Answer: key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1–4", "answer")),
	}
}
