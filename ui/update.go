package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/neurotutor/neurotutor/classroom"
	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/progress"
	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/ui/contents"
	"github.com/neurotutor/neurotutor/ui/lab"
	"github.com/neurotutor/neurotutor/ui/reader"
)

// update routes messages: global keys first, then the active screen. Update
// (guard.go) calls it under a recover.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.layout()
	case tea.ColorProfileMsg:
		no := msg.Profile != colorprofile.Unknown && msg.Profile < colorprofile.ANSI
		if no != m.noColor {
			m.noColor = no
			m.setTheme(m.dark)
			return m, m.layout()
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if !m.fixedTheme && msg.IsDark() != m.dark {
			m.setTheme(msg.IsDark())
			return m, m.layout()
		}
		return m, nil
	case reader.RenderedMsg:
		delete(m.pending, msg.Key)
		if msg.Err != nil {
			m.status, m.statusBad = "could not render the lesson: "+msg.Err.Error(), true
			return m, nil
		}
		m.cache[msg.Key] = msg.Content
		if m.screen == screenLesson && msg.Key == m.readerKey() {
			cmd := m.reader.SetContent(msg.Key, msg.Content)
			return m, tea.Batch(cmd, m.classPlaced())
		}
		return m, nil
	case reader.ReadMsg:
		m.save(m.store.MarkRead(msg.Lesson))
		return m, nil
	case lab.SolvedMsg:
		m.save(m.store.MarkSolved(msg.Lesson, msg.Challenge))
		return m, nil
	case lab.TickMsg, lab.ComputedMsg:
		if m.labOK {
			var cmd tea.Cmd
			m.lab, cmd = m.lab.Update(msg)
			return m, cmd
		}
		return m, nil
	case contents.OpenMsg:
		if l, ok := m.cat.Lesson(msg.Lesson); ok {
			m.classContentsOpen()
			return m, m.open(l)
		}
		return m, nil
	case tea.MouseWheelMsg:
		if m.screen == screenLesson && m.mouseOnText(msg.Mouse().X) {
			var cmd tea.Cmd
			m.reader, cmd = m.reader.Update(msg)
			return m, cmd
		}
		return m, nil
	case sweepProgressMsg, sweepDoneMsg:
		return m, m.sweepMsg(msg)
	case tea.PasteMsg:
		m.paste(msg)
		return m, nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case classroom.ViewMsg, classAnswerMsg:
		return m, m.classMsg(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	typing := m.typing()
	if key.Matches(msg, m.global.Quit) && (msg.String() == "ctrl+c" || (!m.helpOpen && !typing)) {
		m.keepPlace()
		m.stopLab()
		m.sweepCancel()
		return m, tea.Quit
	}
	if m.helpOpen {
		if key.Matches(msg, m.global.Help) || msg.String() == "esc" || msg.String() == "q" {
			m.helpOpen = false
		}
		switch msg.String() {
		case "right", "l", "space", "pgdown", "n":
			m.helpPage = min(m.helpPage+1, len(m.helpLayout())-1)
		case "left", "h", "pgup", "p":
			m.helpPage = max(0, m.helpPage-1)
		}
		return m, nil
	}
	if key.Matches(msg, m.global.Help) && !typing {
		m.helpOpen, m.helpPage = true, 0
		return m, nil
	}
	if m.tooSmall() {
		return m, nil
	}
	m.status = ""
	if m.labTyping() { // every key edits the value, esc included
		var cmd tea.Cmd
		m.lab, cmd = m.lab.Update(msg)
		return m, cmd
	}
	if cmd, done := m.classKey(msg); done {
		return m, cmd
	}
	if cmd, done := m.studyKey(msg); done {
		return m, cmd
	}
	if m.screen == screenContents {
		var cmd tea.Cmd
		m.contents, cmd = m.contents.Update(msg)
		return m, cmd
	}
	if m.classBlocks(msg) {
		return m, nil
	}
	lk := m.lessonKeys
	switch {
	case key.Matches(msg, lk.Contents):
		m.keepPlace()
		m.stopLab()
		m.screen = screenContents
		m.contents.Select(m.lesson.ID)
		return m, m.layout()
	case key.Matches(msg, lk.Focus):
		m.setFocus(!m.focusLab)
		return m, m.layout()
	case key.Matches(msg, lk.Next), key.Matches(msg, lk.Prev):
		step := 1
		if key.Matches(msg, lk.Prev) {
			step = -1
		}
		all := m.cat.All()
		i := m.cat.Index(m.lesson.ID) + step
		if i < 0 || i >= len(all) {
			m.status = map[int]string{1: "This is the last lesson.", -1: "This is the first lesson."}[step]
			return m, nil
		}
		return m, m.open(all[i])
	}
	var rcmd, lcmd tea.Cmd
	m.reader, rcmd = m.reader.Update(msg)
	if m.labOK {
		m.lab, lcmd = m.lab.Update(msg)
	} else {
		m.classLabKey(msg)
	}
	return m, tea.Batch(rcmd, lcmd)
}

// previewHold is how long the rest of a lesson waits to be rendered after
// its first screen is shown: two frames at 120 a second.
const previewHold = 17 * time.Millisecond

// open switches to a lesson and lays it out.
func (m *Model) open(l *lessons.Lesson) tea.Cmd {
	cmd := m.openLesson(l)
	return tea.Batch(cmd, m.layout())
}

// openLesson builds the reader and lab for a lesson and records it as the
// last one open. It returns the lab's first tick when it auto-runs.
func (m *Model) openLesson(l *lessons.Lesson) tea.Cmd {
	m.keepPlace()
	m.stopLab()
	m.sweepCancel()
	m.study.overlay, m.study.searching = noOverlay, false
	m.screen = screenLesson
	m.lesson = l
	m.reader = reader.New(l.ID, m.theme)
	m.reader.SetHeadings(search.Headings(m.cat.Markdown(l)))
	m.labOK = false
	fromCommandLine := m.startState != nil && m.startState.lesson == l.ID
	if !m.leadsLab() { // in a class, the class lab shows instead
		m.newLab(m.withStartState(l))
	}
	var restore tea.Cmd
	if p := m.store.Lesson(l.ID).Place; p != nil {
		m.reader.SetPlace(p.Section, p.Frac)
		if m.labOK && !fromCommandLine {
			restore = m.lab.RestorePlace(p.Params, p.Seed)
		}
	}
	m.setFocus(false)
	m.save(m.store.SetLast(l.ID))
	if !m.labOK {
		return nil
	}
	computing := tea.Batch(m.lab.Computing(), restore)
	if m.autoRun {
		return tea.Batch(computing, m.lab.Start())
	}
	return computing
}

// keepPlace records where the learner leaves the open lesson: the text's
// scroll position and the lab's changed values, for coming back to it in
// this session or the next.
func (m *Model) keepPlace() {
	if m.lesson == nil || m.screen != screenLesson {
		return
	}
	sec, frac, _ := m.reader.Place() // −1, 0 (the top) before any text
	p := progress.Place{Section: sec, Frac: frac}
	if m.labOK {
		p.Params, p.Seed = m.lab.Place()
	}
	m.save(m.store.SetPlace(m.lesson.ID, p))
}

// newLab builds the lab of l (the catalog's lesson, or a copy that starts
// in another state) around a fresh model.
func (m *Model) newLab(l *lessons.Lesson) {
	m.labOK = false
	m.labs++
	model, err := m.reg.New(l.Lab.Model)
	if err == nil {
		reg, id := m.reg, l.Lab.Model
		factory := lab.WithFactory(func() sim.Model { x, _ := reg.New(id); return x })
		m.lab, err = lab.New(m.labs, l, model, m.store.Lesson(l.ID).Solved, m.theme, factory)
		m.lab.SetFPS(m.fps)
	}
	if err != nil {
		m.status, m.statusBad = fmt.Sprintf("the lab of %s could not start: %v", l.ID, err), true
	} else {
		m.labOK = true
	}
}

func (m *Model) stopLab() {
	if m.labOK && m.lab.Running() {
		m.lab.Stop()
	}
}

func (m *Model) setFocus(lab bool) {
	m.focusLab = lab && (m.labOK || m.leadsLab())
	m.reader.SetFocused(!m.focusLab)
	if m.labOK {
		m.lab.SetFocused(m.focusLab)
	}
}

// save reports a progress-store result in the status line.
func (m *Model) save(changed bool, err error) {
	if err != nil {
		m.status, m.statusBad = err.Error()+" (progress is kept in memory)", true
		return
	}
	if changed {
		m.contents.Refresh()
	}
}

func (m Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

func (m Model) split() bool { return m.width >= SplitWidth }

// readerWidth is the text pane's width.
func (m Model) readerWidth() int {
	if m.split() {
		return m.width * 52 / 100
	}
	return m.width
}

func (m Model) readerKey() string {
	if m.lesson == nil {
		return ""
	}
	return reader.CacheKey(m.lesson.ID, m.readerWidth(), m.dark)
}

func (m Model) mouseOnText(x int) bool {
	if m.split() {
		return x < m.readerWidth()
	}
	return !m.focusLab
}

// layout sizes the screens after a resize, a theme change or a lesson
// change, and asks for the lesson's text at the new width if it is not
// cached.
func (m *Model) layout() tea.Cmd {
	if m.width == 0 {
		return nil
	}
	m.help.SetWidth(m.width)
	m.sizeOverlay()
	bodyH := m.height - 2 // header and footer
	m.contents.SetSize(m.width, bodyH)
	if m.screen != screenLesson || m.tooSmall() {
		return nil
	}
	lw, lh := m.labPane()
	m.reader.SetSize(m.readerWidth(), lh)
	if m.labOK {
		m.lab.SetSize(lw, lh)
	}
	k := m.readerKey()
	if m.reader.Key() == k {
		return nil
	}
	if s, ok := m.cache[k]; ok {
		return m.reader.SetContent(k, s)
	}
	if m.pending[k] {
		return nil
	}
	m.pending[k] = true
	md := m.cat.Markdown(m.lesson)
	render := m.renderCmd(k, md, m.readerWidth(), m.dark)
	// Nothing shown yet: the first screen now, the rest in a command. (A
	// server shares its renderings between sessions: no preview there.)
	if m.reader.Key() == "" && m.renders == nil {
		if s, ok := reader.Preview(md, m.readerWidth(), lh, m.dark); ok {
			m.reader.SetPreview(s)
			// after the frame that shows it: on a busy machine the two
			// would compete for the same cores
			return func() tea.Msg { time.Sleep(previewHold); return render() }
		}
	}
	return render
}

// labPane is the lab pane's size on the lesson screen.
func (m Model) labPane() (w, h int) {
	h = m.height - 3 // header, pane title or tab bar, footer
	if m.split() {
		return m.width - m.readerWidth() - 3, h
	}
	return m.width - 1, h
}

// withStartState returns the lesson with the command line's lab state
// applied, once, for the lesson it names; any other lesson as it is.
func (m *Model) withStartState(l *lessons.Lesson) *lessons.Lesson {
	st := m.startState
	if st == nil || st.lesson != l.ID {
		return l
	}
	m.startState = nil
	c := *l
	c.Lab.Params = append(append(lessons.Settings{}, l.Lab.Params...), st.set...)
	if st.seed != nil {
		c.Lab.Seed = *st.seed
	}
	return &c
}
