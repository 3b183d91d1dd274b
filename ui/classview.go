package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/neurotutor/neurotutor/classroom"
)

// classBadge is the mode, for the header: always on screen.
func (m Model) classBadge() string {
	c := m.class
	if c == nil {
		return ""
	}
	th := m.theme
	switch {
	case c.teacher:
		n := 0
		if r := c.view.Roster; r != nil {
			n = len(r.Members) - r.Teachers
		}
		return th.Accent.Render("◆ teaching · "+students(n)) + "  "
	case c.following && c.view.Teacher != "":
		return th.Good.Render("● following "+c.view.Teacher) + "  "
	case c.following:
		return th.Good.Render("● following the class (no teacher here now)") + "  "
	}
	return th.Warn.Render("◇ on your own · f follows") + "  "
}

// classBindings are the class keys for the footer, most useful first.
func (m Model) classBindings() []key.Binding {
	c := m.class
	if c == nil {
		return nil
	}
	k := c.keys
	var b []key.Binding
	if c.teacher {
		ask := k.Ask
		if p := c.view.Poll; p != nil {
			ask.SetHelp("a", map[classroom.Stage]string{classroom.Asking: "close voting, run", classroom.Running: "reveal tally", classroom.Revealed: "close poll"}[p.Stage])
		}
		return append(b, ask, k.Roster)
	}
	if p := c.view.Poll; p != nil && p.Stage == classroom.Asking && p.Mine < 0 {
		ans := k.Answer
		ans.SetHelp(fmt.Sprintf("1–%d", len(p.Choices)), "answer")
		b = append(b, ans)
	}
	if c.following {
		return append(b, k.Detach)
	}
	return append(b, k.Follow)
}

// classHelp is the class's group in the help overlay.
func (m Model) classHelp() []helpGroup {
	c := m.class
	if c == nil {
		return nil
	}
	k := c.keys
	if c.teacher {
		return []helpGroup{{"Class (teacher)", []key.Binding{k.Ask, k.Cancel, k.Roster}}}
	}
	det, fol := k.Detach, k.Follow
	det.SetEnabled(c.following)
	fol.SetEnabled(!c.following)
	ans := k.Answer
	ans.SetEnabled(c.view.Poll != nil && c.view.Poll.Stage == classroom.Asking && c.view.Poll.Mine < 0)
	return []helpGroup{{"Class", []key.Binding{det, fol, ans}}}
}

// classLabLines is the class lab as drawn for this pane, or a line while
// the hub draws it.
func (m Model) classLabLines() []string {
	if c := m.class; c != nil && c.view.Frame != nil && c.watched && c.watching.W > 0 {
		return c.view.Frame
	}
	return []string{m.theme.Subtle.Render("The class lab is on its way…")}
}

// pollPanel draws the open poll in w columns: the question and choices,
// then the tally as bars where this seat may see it.
func (m Model) pollPanel(w int) []string {
	c := m.class
	if c == nil || c.view.Poll == nil || w < 20 {
		return nil
	}
	p := c.view.Poll
	th := m.theme
	inner := w - 4
	var lines []string
	add := func(s string, st lipgloss.Style) {
		for _, l := range strings.Split(lipgloss.Wrap(s, inner, " "), "\n") {
			lines = append(lines, st.Render(l))
		}
	}
	add("Predict, then run: "+p.Question, th.Title)
	most := 1
	for _, n := range p.Counts {
		most = max(most, n)
	}
	barW := min(20, max(6, inner/4))
	labelW := max(10, inner-barW-12)
	for i, choice := range p.Choices {
		mark := "  "
		if i == p.Answer {
			mark = "✓ "
		}
		label := fmt.Sprintf("%s%d  %s", mark, i+1, choice)
		if p.Counts == nil {
			if i == p.Mine {
				label += th.Accent.Render("  ← your answer")
			}
			add(label, lipgloss.NewStyle())
			continue
		}
		label = ansi.Truncate(label, labelW, "…")
		label += strings.Repeat(" ", max(0, labelW-lipgloss.Width(label)))
		n := p.Counts[i]
		bar := strings.Repeat("█", n*barW/most) + strings.Repeat("░", barW-n*barW/most)
		pct := 0
		if p.Answered > 0 {
			pct = 100 * n / p.Answered
		}
		row := fmt.Sprintf("%s %s %3d %3d%%", label, bar, n, pct)
		if i == p.Mine {
			row += " ←"
		}
		st := lipgloss.NewStyle()
		if i == p.Answer && (p.Stage == classroom.Revealed) {
			st = th.Good
		}
		lines = append(lines, st.Render(ansi.Truncate(row, inner, "")))
	}
	var foot string
	switch {
	case c.teacher && p.Stage == classroom.Asking:
		foot = fmt.Sprintf("%d of %s answered · a closes voting and runs the lab with %s", p.Answered, students(p.Students), p.Reveal)
	case c.teacher && p.Stage == classroom.Running:
		foot = fmt.Sprintf("The lab runs with %s; the answer shows after %g ms · a shows the tally to the class", p.Reveal, p.AfterMS)
	case c.teacher:
		foot = "Everyone sees this tally · a closes the poll"
	case p.Stage == classroom.Asking && p.Mine < 0:
		foot = fmt.Sprintf("Press 1–%d to answer (once). Others' answers stay hidden until the reveal.", len(p.Choices))
	case p.Stage == classroom.Asking:
		foot = fmt.Sprintf("You answered %d. %d of %d have answered; the teacher runs the lab next.", p.Mine+1, p.Answered, p.Students)
	case p.Stage == classroom.Running:
		foot = fmt.Sprintf("Voting closed. Watch the lab: it runs with %s.", p.Reveal)
	}
	if foot != "" {
		add(foot, th.Subtle)
	}
	if p.Explain != "" {
		add(p.Explain, th.Subtle)
	}
	box := th.Overlay.Width(w).Render(strings.Join(lines, "\n"))
	return strings.Split(box, "\n")
}

// overPoll lays the poll panel over the first lines of a pane w wide.
func (m Model) overPoll(lines []string, w int) []string {
	panel := m.pollPanel(w)
	if panel == nil {
		return lines
	}
	out := make([]string, len(lines))
	copy(out, lines)
	for i, l := range panel {
		if i < len(out) {
			out[i] = fitWidth(l, w)
		}
	}
	return out
}

// rosterView is the teacher's class view: counts, then everyone.
func (m Model) rosterView(h int) string {
	c := m.class
	th := m.theme
	r := c.view.Roster
	if r == nil {
		r = &classroom.Roster{}
	}
	head := fmt.Sprintf("Class: %s · %d following · %d on their own", students(len(r.Members)-r.Teachers), r.Following, r.Detached)
	if p := c.view.Poll; p != nil {
		head += fmt.Sprintf(" · poll %q: %d of %d answered", p.Prediction, p.Answered, p.Students)
	}
	lines := []string{th.Title.Render(head), th.Subtle.Render("C or esc closes · ↑/↓ scroll"), ""}
	nameW := 8
	for _, mb := range r.Members {
		nameW = min(28, max(nameW, lipgloss.Width(mb.Name)))
	}
	lines = append(lines, th.Subtle.Render(fmt.Sprintf("%-*s  %-10s  %-14s  %-11s  %s", nameW, "NAME", "MODE", "LESSON", "CHALLENGES", "POLL")))
	var rows []string
	for _, mb := range r.Members {
		mode := "on own"
		switch {
		case mb.Teacher:
			mode = "teacher"
		case mb.Following:
			mode = "following"
		}
		lesson := mb.Lesson
		if lesson == "" {
			lesson = "contents"
		}
		met := fmt.Sprintf("%d", mb.Met)
		if mb.LessonChallenges > 0 {
			met += fmt.Sprintf(" (%d/%d)", mb.LessonMet, mb.LessonChallenges)
		}
		poll := ""
		if c.view.Poll != nil && !mb.Teacher {
			poll = map[bool]string{true: "answered", false: "—"}[mb.Answered]
		}
		row := fmt.Sprintf("%-*s  %-10s  %-14s  %-11s  %s", nameW, ansi.Truncate(mb.Name, nameW, "…"), mode, lesson, met, poll)
		if mb.Teacher {
			row = th.Accent.Render(row)
		}
		rows = append(rows, row)
	}
	room := max(1, h-len(lines))
	top := min(c.rosterTop, max(0, len(rows)-room))
	end := min(len(rows), top+room)
	lines = append(lines, rows[top:end]...)
	if end < len(rows) || top > 0 {
		lines[1] += th.Subtle.Render(fmt.Sprintf(" · showing %d–%d of %d", top+1, end, len(rows)))
	}
	return indent(strings.Join(lines, "\n"))
}

// rosterKey moves through or closes the class view.
func (m *Model) rosterKey(msg tea.KeyPressMsg) bool {
	c := m.class
	switch {
	case key.Matches(msg, c.keys.Roster), msg.String() == "esc":
		c.rosterOpen = false
	case msg.String() == "down" || msg.String() == "j":
		c.rosterTop++
	case msg.String() == "up" || msg.String() == "k":
		c.rosterTop = max(0, c.rosterTop-1)
	case msg.String() == "pgdown":
		c.rosterTop += max(1, m.height-8)
	case msg.String() == "pgup":
		c.rosterTop = max(0, c.rosterTop-max(1, m.height-8))
	}
	if r := c.view.Roster; r != nil {
		c.rosterTop = min(c.rosterTop, max(0, len(r.Members)-1))
	}
	return true
}

// students counts students in words: "1 student", "30 students".
func students(n int) string {
	if n == 1 {
		return "1 student"
	}
	return fmt.Sprintf("%d students", n)
}
