// Package keys defines every key binding, one key map per screen. Keys are
// data: screens match with key.Matches, help is built from these bindings,
// and a binding that does not apply is disabled so help never lies.
package keys

import "charm.land/bubbles/v2/key"

// Global bindings work on every screen.
type Global struct {
	Help key.Binding
	Quit key.Binding
}

// NewGlobal returns the global bindings.
func NewGlobal() Global {
	return Global{
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// Contents bindings move through the table of contents.
type Contents struct {
	Up, Down, Top, Bottom, Open key.Binding
}

// NewContents returns the contents bindings.
func NewContents() Contents {
	return Contents{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		Open:   key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter", "open lesson")),
	}
}

// Lesson bindings navigate between lessons and panes.
type Lesson struct {
	Focus, Contents, Next, Prev key.Binding
}

// NewLesson returns the lesson-screen bindings.
func NewLesson() Lesson {
	return Lesson{
		Focus:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "text ↔ lab")),
		Contents: key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "contents")),
		Next:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next lesson")),
		Prev:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous lesson")),
	}
}

// Reader bindings scroll the lesson text.
type Reader struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// NewReader returns the reader bindings.
func NewReader() Reader {
	return Reader{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "end")),
	}
}

// Lab bindings drive the live simulation.
type Lab struct {
	Prev, Next         key.Binding // select a parameter
	Dec, Inc           key.Binding // small step
	DecBig, IncBig     key.Binding // large step
	Default            key.Binding // back to the lesson's starting value
	Type               key.Binding // type an exact value
	Pause, Step, Reset key.Binding
	Seed               key.Binding // reset with a new random seed
	Preset             key.Binding
	Faster, Slower     key.Binding
	Ghost              key.Binding
	Hint               key.Binding
	Plots              key.Binding
}

// NewLab returns the lab bindings.
func NewLab() Lab {
	return Lab{
		Prev:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous parameter")),
		Next:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next parameter")),
		Dec:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "decrease")),
		Inc:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "increase")),
		DecBig:  key.NewBinding(key.WithKeys("shift+left", "H"), key.WithHelp("H", "decrease ×10")),
		IncBig:  key.NewBinding(key.WithKeys("shift+right", "L"), key.WithHelp("L", "increase ×10")),
		Default: key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "starting value")),
		Type:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "type a value")),
		Pause:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "run/pause")),
		Step:    key.NewBinding(key.WithKeys("."), key.WithHelp(".", "one frame (paused)")),
		Reset:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset run")),
		Seed:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "new random seed")),
		Preset:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cycle presets")),
		Faster:  key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:  key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Ghost:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "ghost of previous run")),
		Hint:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "hint")),
		Plots:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "next plots")),
	}
}

// Study bindings find, sweep, keep and share, on the lesson screen
// whichever pane has the keys.
type Study struct {
	Search, NextMatch, PrevMatch key.Binding
	Outline, Glossary            key.Binding
	Sweep, Export, Share         key.Binding
	TryIt                        key.Binding // list the Try-it steps' lab states
}

// NewStudy returns the study bindings. n and N move between matches only
// while a search is in force; otherwise n is the next lesson.
func NewStudy() Study {
	return Study{
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Outline:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "table of contents")),
		Glossary:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "glossary")),
		Sweep:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "sweep selected parameter")),
		Export:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export run (CSV, JSON)")),
		Share:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "command for this state")),
		TryIt:     key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "try-it steps")),
	}
}

// Picker bindings move through a list overlay (table of contents, search
// results, glossary, sweep metrics).
type Picker struct {
	Up, Down, PageUp, PageDown, Choose, Close key.Binding
}

// NewPicker returns the list-overlay bindings. Letters are left free for
// typing a filter.
func NewPicker() Picker {
	return Picker{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}
