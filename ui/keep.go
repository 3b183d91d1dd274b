package ui

import (
	"fmt"
	"os"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/neurotutor/neurotutor/sim"
	"github.com/neurotutor/neurotutor/sim/export"
)

// labStudyKey handles the keys that act on the lab: sweep, export, share.
func (m *Model) labStudyKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.labOK && !(m.leadsLab() && m.screen == screenLesson) {
		return nil, false
	}
	sk := m.studyKeys
	if m.lab.Busy() && (key.Matches(msg, sk.Sweep) || key.Matches(msg, sk.Export) || key.Matches(msg, sk.Share)) {
		m.status = "The lab is computing its new run; try again when it shows."
		return nil, true
	}
	switch {
	case key.Matches(msg, sk.Sweep):
		if !m.labOK {
			m.classNoSweep()
			return nil, true
		}
		return m.startSweep(), true
	case key.Matches(msg, sk.Export):
		if m.refuseFiles() {
			return nil, true
		}
		m.exportRun()
		return nil, true
	case key.Matches(msg, sk.Share):
		return m.openShare(), true
	case key.Matches(msg, sk.TryIt) && len(m.lesson.TryIt) > 0:
		m.openTryIt()
		return nil, true
	}
	return nil, false
}

// exportRun writes what the lab has recorded to CSV and JSON in the
// working directory and says where.
func (m *Model) exportRun() {
	run := m.lab.Run()
	rec := export.FromRun(run)
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	stem := fmt.Sprintf("neurotutor-%s-seed%d-t%sms", m.lesson.ID, rec.Seed, sim.FormatValue(rec.Duration))
	c, j, err := export.Save(dir, stem, rec)
	if err != nil {
		m.status, m.statusBad = "Export failed: "+err.Error()+" (nothing was written)", true
		return
	}
	m.status, m.statusBad = fmt.Sprintf("Saved the last %s ms of the run: %s and %s in %s", sim.FormatValue(min(rec.Duration, run.Info().Window)),
		filepath.Base(c), filepath.Base(j), dir), false
}

// shareCommands are the command lines that reproduce the lab: a headless
// run, and the lesson opened in the same state.
func (m Model) shareCommands(run *sim.Run) (simRun, lesson string) {
	info := run.Info()
	values := make([]float64, len(info.Params))
	for i, p := range info.Params {
		values[i], _ = run.Model.Get(p.Key)
	}
	def := func(key string) float64 {
		p, _ := sim.FindParam(info.Params, key)
		return p.Default
	}
	l := m.lesson // the catalog's, not a start state from the command line
	start := func(key string) float64 {
		if v, ok := l.Lab.Params.Lookup(key); ok {
			return v
		}
		return def(key)
	}
	seed := fmt.Sprintf("--seed %d", run.Seed())
	dur := ""
	if t := float64(run.Steps()) * info.DT; t > 0 {
		dur = "--duration " + sim.FormatValue(min(roundMS(t), export.MaxDuration))
	}
	simRun = export.Command(append(append([]string{"neurotutor sim run", info.ID}, export.SetFlags(info.Params, values, def)...), seed, dur)...)
	lesson = export.Command(append(append([]string{"neurotutor", l.ID}, export.SetFlags(info.Params, values, start)...), seed)...)
	return simRun, lesson
}

func roundMS(t float64) float64 { return float64(int64(t*1e6+0.5)) / 1e6 }

// openShare shows the commands and copies the lesson link with OSC 52.
// longRunNote says when the run is longer than sim run replays, else "".
func (m Model) longRunNote() string {
	run := m.lab.Run()
	if float64(run.Steps())*run.Info().DT <= export.MaxDuration {
		return ""
	}
	return m.theme.Subtle.Render(fmt.Sprintf("This run is longer than sim run's limit: the command replays its first %d ms.", export.MaxDuration)) + "\n"
}

func (m *Model) openShare() tea.Cmd {
	var simRun, lesson string
	if m.labOK {
		simRun, lesson = m.shareCommands(m.lab.Run())
	} else if !m.classLab(func(run *sim.Run) { simRun, lesson = m.shareCommands(run) }) {
		m.status, m.statusBad = "The class lab is not running yet: no command to show.", true
		return nil
	}
	th := m.theme
	body := th.Title.Render("This lab, as a command") + "\n\n" +
		th.Subtle.Render("Open the lesson in this state:") + "\n  " + th.Accent.Render(lesson) + "\n\n" +
		th.Subtle.Render("Run it headless (the run so far, as CSV with --format csv):") + "\n  " + th.Accent.Render(simRun) + "\n\n" +
		th.Subtle.Render("Both lines were sent to the clipboard (OSC 52), where the terminal allows it.") + "\n" +
		th.Subtle.Render("Parameters changed while running (live) are not replayed by --duration.") + "\n" + m.longRunNote() + "\n" +
		th.Subtle.Render("esc closes")
	// Wide enough for the notes on one line each, wider for long commands.
	box := th.Overlay.Width(min(m.width-2, max(78, lipgloss.Width(lesson)+6, lipgloss.Width(simRun)+6))).Render(body)
	m.study.share = lipgloss.Place(m.width, m.height-2, lipgloss.Center, lipgloss.Center, box)
	m.study.overlay = shareOverlay
	return tea.SetClipboard(lesson + "\n" + simRun + "\n")
}
