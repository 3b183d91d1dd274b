package ui

import (
	"sync"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/contents"
	"github.com/neurotutor/neurotutor/ui/keys"
	"github.com/neurotutor/neurotutor/ui/lab"
	"github.com/neurotutor/neurotutor/ui/reader"
	"github.com/neurotutor/neurotutor/ui/theme"
)

// Minimum terminal size; smaller shows a notice.
const (
	MinWidth  = 80
	MinHeight = 24
	// SplitWidth is the width from which text and lab sit side by side.
	SplitWidth = 110
)

type screen int

const (
	screenContents screen = iota
	screenLesson
)

// Model is the root of the program.
type Model struct {
	cat   *lessons.Catalog
	reg   *sim.Registry
	store progress.Tracker

	width, height int
	dark          bool
	noColor       bool         // the terminal shows no colour
	theme         *theme.Theme // shared by every screen, never copied
	global        keys.Global
	lessonKeys    keys.Lesson
	studyKeys     keys.Study
	help          help.Model
	keyCache      *keyLineCache // the footer's key line, shared by copies of the model

	screen   screen
	contents contents.Model
	lesson   *lessons.Lesson
	reader   reader.Model
	lab      lab.Model
	labOK    bool // the lesson's lab was built
	focusLab bool
	labs     int // labs built so far: the next lab's id

	cache   map[string]string // rendered markdown by reader.CacheKey
	pending map[string]bool   // renders in flight

	helpOpen  bool
	helpPage  int // of the help overlay, when it needs more than one
	status    string
	statusBad bool
	autoRun   bool
	fps       int     // lab animation rate
	startCmd  tea.Cmd // the first tick of a lab opened by WithLesson

	study      study     // search, table of contents, glossary, sweep, share
	fixedTheme bool      // the theme was chosen, not detected
	startState *labState // the first lab's state from the command line

	class   *classState  // a class over SSH (class.go); nil otherwise
	remote  bool         // over SSH: write no files
	renders *RenderCache // shared with other sessions; nil: none
}

// Option configures New.
type Option func(*Model)

// WithLesson opens the program at a lesson instead of the contents.
func WithLesson(id string) Option {
	return func(m *Model) {
		if l, ok := m.cat.Lesson(id); ok {
			m.startCmd = m.openLesson(l)
		}
	}
}

// WithStatus shows a message on the first screen, for example a warning
// that the progress file was unreadable.
func WithStatus(msg string, bad bool) Option {
	return func(m *Model) { m.status, m.statusBad = msg, bad }
}

// WithAutoRun says whether a lab starts running when its lesson opens
// (default true).
func WithAutoRun(on bool) Option {
	return func(m *Model) { m.autoRun = on }
}

// WithoutColor draws plots without colour from the start, as for NO_COLOR.
func WithoutColor() Option {
	return func(m *Model) {
		m.noColor = true
		m.setTheme(m.dark)
	}
}

// WithFrameRate sets the labs' animation rate in frames per second (30 by
// default); a classroom over SSH uses fewer. Give it before WithLesson.
func WithFrameRate(fps int) Option {
	return func(m *Model) {
		if fps > 0 {
			m.fps = fps
		}
	}
}

// WithTheme fixes the theme as dark or light whatever the terminal says
// its background is (the detection misfires over SSH and in some
// terminals).
func WithTheme(dark bool) Option {
	return func(m *Model) {
		m.setTheme(dark)
		m.fixedTheme = true
	}
}

// WithLabState opens the lab of the given lesson with these parameter
// values over the lesson's starting values, and this seed when seed is
// not nil: the state a shared command line names. Give it before
// WithLesson.
func WithLabState(lesson string, set lessons.Settings, seed *uint64) Option {
	return func(m *Model) { m.startState = &labState{lesson, set, seed} }
}

// labState is the lab state asked for on the command line.
type labState struct {
	lesson string
	set    lessons.Settings
	seed   *uint64
}

// WithRemote says the program runs over SSH: keys that would write files
// (on the server, not the learner's machine) say so instead.
func WithRemote() Option {
	return func(m *Model) { m.remote = true }
}

// WithDark fixes the background as dark or light before the terminal
// answers the background-colour query.
func WithDark(dark bool) Option {
	return func(m *Model) { m.setTheme(dark) }
}

// warmWidths builds, once per process and beside the start-up work, the
// table of character widths the renderer consults at its first frame:
// building it on the way to that frame took about 2 ms.
var warmWidths = sync.OnceFunc(func() { go xansi.StringWidthWc("│") })

// New builds the program over a catalog, a model registry and a progress
// store.
func New(cat *lessons.Catalog, reg *sim.Registry, store progress.Tracker, opts ...Option) Model {
	warmWidths()
	m := Model{
		cat: cat, reg: reg, store: store,
		global: keys.NewGlobal(), lessonKeys: keys.NewLesson(), studyKeys: keys.NewStudy(),
		help: help.New(), keyCache: &keyLineCache{},
		cache: map[string]string{}, pending: map[string]bool{},
		autoRun: true, dark: true, fps: lab.DefaultFPS,
	}
	t := theme.New(true)
	m.theme = &t
	m.help.Styles = help.DefaultStyles(true)
	m.contents = contents.New(cat, store, store.Last(), m.theme)
	// Apply WithAutoRun and WithDark before WithLesson builds a lab.
	for _, o := range opts {
		o(&m)
	}
	return m
}

// Init asks the terminal for its background colour and starts a lab
// opened by WithLesson.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.startCmd, m.classInit())
}

func (m *Model) setTheme(dark bool) {
	m.dark = dark
	t := theme.New(dark)
	if m.noColor {
		t = t.WithoutColor()
	}
	m.theme = &t
	m.help.Styles = help.DefaultStyles(dark)
	m.contents.SetTheme(m.theme)
	m.reader.SetTheme(m.theme)
	if m.labOK {
		m.lab.SetTheme(m.theme)
	}
}
