package classdb

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteJSON writes the report as one indented JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteCSV writes one row per student, a gradebook: name, id, times, last
// lesson, counts, then for each poll the choice made (from 1, empty when
// not answered) and whether it was right.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"name", "id", "first_seen", "last_seen", "last_lesson", "lessons_read", "challenges_met", "polls_answered", "polls_right"}
	for _, p := range r.Polls {
		col := fmt.Sprintf("poll%d_%s_%s", p.ID, p.Lesson, p.Prediction)
		head = append(head, col+"_choice", col+"_right")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, s := range r.Students {
		answered, right := s.score()
		row := []string{s.Name, s.ID, s.FirstSeen, s.LastSeen, s.LastLesson,
			strconv.Itoa(len(s.LessonsRead)), strconv.Itoa(len(s.Challenges)), strconv.Itoa(answered), strconv.Itoa(right)}
		for _, p := range r.Polls {
			choice, ok := "", ""
			for _, a := range s.Answers {
				if a.Poll == p.ID {
					choice, ok = strconv.Itoa(a.Choice), strconv.FormatBool(a.Right)
				}
			}
			row = append(row, choice, ok)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// score is how many polls the student answered, and answered right.
func (s StudentReport) score() (answered, right int) {
	for _, a := range s.Answers {
		answered++
		if a.Right {
			right++
		}
	}
	return answered, right
}

// WriteTable writes the report for reading: the students, then each poll
// with its question, a bar per choice and the right one marked.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Students: %d\n", len(r.Students))
	if len(r.Students) > 0 {
		fmt.Fprintln(tw, "NAME\tID\tLAST SEEN\tLAST LESSON\tREAD\tCHALLENGES\tPOLLS RIGHT")
		for _, s := range r.Students {
			answered, right := s.score()
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d of %d\n", s.Name, shortID(s.ID), localTime(s.LastSeen),
				dash(s.LastLesson), len(s.LessonsRead), len(s.Challenges), right, answered)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Teachers) > 0 {
		var names []string
		for _, t := range r.Teachers {
			names = append(names, t.Name)
		}
		fmt.Fprintf(w, "Teachers: %s\n", strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "\nPolls: %d\n", len(r.Polls))
	for _, p := range r.Polls {
		pct := 0
		if p.Answered > 0 {
			pct = 100 * p.Right / p.Answered
		}
		fmt.Fprintf(w, "\n#%d  %s · %s · asked %s · %d answered, %d right (%d%%)\n  %s\n",
			p.ID, p.Lesson, p.Prediction, localTime(p.AskedAt), p.Answered, p.Right, pct, p.Question)
		most := 1
		for _, n := range p.Counts {
			most = max(most, n)
		}
		for i, c := range p.Choices {
			mark := " "
			if i+1 == p.Answer {
				mark = "✓"
			}
			bar := strings.Repeat("█", p.Counts[i]*20/most)
			fmt.Fprintf(w, "  %s %d. %-44s %-20s %d\n", mark, i+1, clip(c, 44), bar, p.Counts[i])
		}
	}
	return nil
}

// shortID shortens a key fingerprint for the table; the CSV and JSON
// have it whole.
func shortID(id string) string {
	if strings.HasPrefix(id, "SHA256:") && len(id) > 19 {
		return id[:19] + "…"
	}
	return id
}

// localTime writes an RFC 3339 time in the local zone, to the minute.
func localTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip cuts s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
