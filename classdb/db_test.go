package classdb

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neurotutor/neurotutor/progress"
)

func openTest(t *testing.T, path string) *DB {
	t.Helper()
	d, err := Open(path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestProgressSurvivesReopen writes a student's progress, closes the
// database and reads it back from the file.
func TestProgressSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", FileName)
	d := openTest(t, path)
	s, err := d.Student("SHA256:abc", "alice")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []func() (bool, error){
		func() (bool, error) { return s.SetLast("wta") },
		func() (bool, error) { return s.MarkRead("lif") },
		func() (bool, error) { return s.MarkSolved("wta", "pick") },
		func() (bool, error) { return s.MarkSolved("wta", "close") },
		func() (bool, error) {
			return s.SetPlace("wta", progress.Place{Section: 3, Frac: 0.25, Params: map[string]float64{"beta": 1.1}, Seed: 4})
		},
	} {
		if changed, err := f(); !changed || err != nil {
			t.Fatalf("change: %v, %v", changed, err)
		}
	}
	if changed, err := s.MarkSolved("wta", "pick"); changed || err != nil {
		t.Errorf("the same challenge twice: changed %v, %v", changed, err)
	}
	d.Close()

	d = openTest(t, path)
	s, err = d.Student("SHA256:abc", "alice")
	if err != nil {
		t.Fatal(err)
	}
	if s.Last() != "wta" || !s.Lesson("lif").Read || strings.Join(s.Lesson("wta").Solved, ",") != "close,pick" || s.Met() != 2 {
		t.Errorf("after reopening: last %q, lif %+v, wta %+v", s.Last(), s.Lesson("lif"), s.Lesson("wta"))
	}
	if p := s.Lesson("wta").Place; p == nil || p.Section != 3 || p.Frac != 0.25 || p.Seed != 4 || p.Params["beta"] != 1.1 {
		t.Errorf("after reopening the place in wta is %+v, want section 3 at 0.25, seed 4, beta 1.1", p)
	}
	other, _ := d.Student("user:bob", "bob")
	if other.Last() != "" || other.Met() != 0 {
		t.Errorf("another student sees alice's progress: %q %d", other.Last(), other.Met())
	}
}

// TestLockedDatabaseKeepsProgressInMemory holds a write lock from another
// connection: the change fails with a message that says the database is
// locked, stays in memory, and is saved with the next change once the
// lock is gone.
func TestLockedDatabaseKeepsProgressInMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	d := openTest(t, path)
	s, _ := d.Student("user:carol", "carol")

	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(t.Context(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	changed, err := s.MarkRead("hh")
	if !changed || err == nil || !strings.Contains(err.Error(), "is locked by another program") || !strings.Contains(err.Error(), path) {
		t.Fatalf("write under a lock: changed %v, err %v", changed, err)
	}
	if !s.Lesson("hh").Read {
		t.Error("the change was lost from memory")
	}
	conn.ExecContext(t.Context(), "ROLLBACK")
	conn.Close()

	if _, err := s.MarkSolved("hh", "spike"); err != nil {
		t.Fatal(err)
	}
	back, _ := d.Student("user:carol", "carol")
	if !back.Lesson("hh").Read || len(back.Lesson("hh").Solved) != 1 {
		t.Errorf("the change made under the lock was not saved later: %+v", back.Lesson("hh"))
	}
}

// TestDamagedDatabaseIsNamed opens a file that is not a database.
func TestDamagedDatabaseIsNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, bytes.Repeat([]byte("not a database "), 400), 0o644)
	_, err := Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "is damaged or not a SQLite database") || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v", err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasPrefix(data, []byte("not a database")) {
		t.Error("the damaged file was changed")
	}
}

// TestNilDatabaseKeepsMemory: without a database everything works in
// memory and nothing fails.
func TestNilDatabaseKeepsMemory(t *testing.T) {
	var d *DB
	s, err := d.Student("user:dan", "dan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkSolved("wta", "pick"); err != nil || s.Met() != 1 {
		t.Errorf("memory student: %v, met %d", err, s.Met())
	}
	if id, err := d.NewPoll(Poll{}); id != 0 || err != nil {
		t.Errorf("NewPoll on nil: %d %v", id, err)
	}
	r, err := d.Report()
	if err != nil || len(r.Students) != 0 {
		t.Errorf("Report on nil: %+v %v", r, err)
	}
}

// TestPollsAndReport records a poll, answers (one refused as a second
// answer) and checks the report in all three formats.
func TestPollsAndReport(t *testing.T) {
	d := openTest(t, filepath.Join(t.TempDir(), FileName))
	a, _ := d.Student("SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "alice")
	b, _ := d.Student("user:bob", "bob")
	a.MarkRead("wta")
	a.MarkSolved("wta", "pick")
	id, err := d.NewPoll(Poll{Lesson: "wta", Prediction: "beta-up", Question: "What happens when β rises?", Choices: []string{"all on", "one on", "all off"}, Answer: 1})
	if err != nil || id == 0 {
		t.Fatalf("NewPoll: %d %v", id, err)
	}
	if err := d.Answer(id, a.ID(), 1); err != nil {
		t.Fatal(err)
	}
	if err := d.Answer(id, b.ID(), 0); err != nil {
		t.Fatal(err)
	}
	if err := d.Answer(id, b.ID(), 1); !errors.Is(err, ErrAnswered) {
		t.Fatalf("a second answer: %v, want ErrAnswered", err)
	}
	r, err := d.Report()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Polls) != 1 || r.Polls[0].Answered != 2 || r.Polls[0].Right != 1 || r.Polls[0].Answer != 2 ||
		r.Polls[0].Counts[0] != 1 || r.Polls[0].Counts[1] != 1 || r.Polls[0].Counts[2] != 0 {
		t.Errorf("poll report: %+v", r.Polls)
	}
	if len(r.Students) != 2 || r.Students[0].Name != "alice" || len(r.Students[0].Answers) != 1 || !r.Students[0].Answers[0].Right ||
		r.Students[1].Answers[0].Choice != 1 || r.Students[1].Answers[0].Right {
		t.Errorf("student report: %+v", r.Students)
	}

	var js bytes.Buffer
	r.WriteJSON(&js)
	var back Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Students[0].Challenges[0].Challenge != "pick" {
		t.Errorf("JSON does not read back: %v\n%s", err, js.String())
	}
	var c bytes.Buffer
	r.WriteCSV(&c)
	lines := strings.Split(strings.TrimSpace(c.String()), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[0], "poll1_wta_beta-up_choice,poll1_wta_beta-up_right") ||
		!strings.HasSuffix(lines[1], ",1,1,2,true") || !strings.HasSuffix(lines[2], ",1,0,1,false") {
		t.Errorf("CSV:\n%s", c.String())
	}
	var tb bytes.Buffer
	r.WriteTable(&tb)
	for _, want := range []string{"Students: 2", "alice", "SHA256:aaaaaaaaaaaa…", "1 of 1", "0 of 1", "Polls: 1", "What happens when β rises?", "✓ 2. one on", "2 answered, 1 right (50%)"} {
		if !strings.Contains(tb.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, tb.String())
		}
	}
}

// TestTeachersApartInReport: a teacher's progress is kept like a
// student's, but the report counts and lists the class without them.
func TestTeachersApartInReport(t *testing.T) {
	d := openTest(t, filepath.Join(t.TempDir(), FileName))
	if _, err := d.Teacher("SHA256:teacher", "Prof Ada"); err != nil {
		t.Fatal(err)
	}
	s, _ := d.Student("user:bob", "bob")
	if _, err := s.MarkRead("wta"); err != nil {
		t.Fatal(err)
	}
	r, err := d.Report()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Students) != 1 || r.Students[0].Name != "bob" || len(r.Teachers) != 1 || r.Teachers[0].Name != "Prof Ada" {
		t.Fatalf("students %+v, teachers %+v: want bob, and Prof Ada apart", r.Students, r.Teachers)
	}
	var table, csv bytes.Buffer
	r.WriteTable(&table)
	r.WriteCSV(&csv)
	if !strings.Contains(table.String(), "Students: 1") || !strings.Contains(table.String(), "Teachers: Prof Ada") {
		t.Errorf("table:\n%s", table.String())
	}
	if strings.Contains(csv.String(), "Prof Ada") {
		t.Errorf("the gradebook lists the teacher:\n%s", csv.String())
	}
}

// TestFirstSchemaMigrates: a database of the first schema (no teacher
// column) opens, keeps its students as students, and takes teachers.
func TestFirstSchemaMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	old, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE students (id TEXT PRIMARY KEY, name TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_lesson TEXT NOT NULL DEFAULT '')`,
		`INSERT INTO students VALUES ('user:carol', 'carol', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z', 'lif')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := old.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	d := openTest(t, path)
	if _, err := d.Teacher("SHA256:teacher", "Prof Ada"); err != nil {
		t.Fatal(err)
	}
	r, err := d.Report()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Students) != 1 || r.Students[0].LastLesson != "lif" || len(r.Teachers) != 1 {
		t.Fatalf("after migrating: students %+v, teachers %+v", r.Students, r.Teachers)
	}
}
