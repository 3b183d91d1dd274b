package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neurotutor/neurotutor/classdb"
	"github.com/neurotutor/neurotutor/server/sshtest"
)

const patience = 20 * time.Second

// serveClass runs `neurotutor serve` on a loopback port with the given
// options set by adjust, and returns its address and a stop function.
func serveClass(t *testing.T, adjust func(o *serveOptions)) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	o := newServeOptions()
	o.addr, o.hostKey, o.ready = "127.0.0.1:0", filepath.Join(t.TempDir(), "host"), ready
	adjust(o)
	done := make(chan error, 1)
	go func() { done <- o.Run(ctx, nil, &lockedBuffer{}) }()
	var addr net.Addr
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended early: %v", err)
	case <-time.After(patience):
		t.Fatal("serve did not start")
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-done:
		case <-time.After(patience):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(stop)
	return addr.String(), stop
}

// connect opens a w×h terminal session as user with key.
func connect(t *testing.T, addr, user string, key *sshtest.Key, w, h int) *sshtest.Term {
	t.Helper()
	c, err := sshtest.Dial(addr, user, key)
	if err != nil {
		t.Fatalf("%s: dial: %v", user, err)
	}
	term, err := sshtest.Open(c, w, h)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(term.Close)
	return term
}

// paramLine is the lab's line for a parameter at a value, as drawn.
func has(s ...string) func(string) bool {
	return func(screen string) bool {
		for _, x := range s {
			if !strings.Contains(screen, x) {
				return false
			}
		}
		return true
	}
}

func lacks(x string) func(string) bool {
	return func(screen string) bool { return !strings.Contains(screen, x) }
}

// TestClassOverSSH is a class with real SSH clients on loopback: the
// teacher changes a parameter and both followers see it; a detached
// student's change stays private and rejoining restores the class lab;
// a poll tallies one answer per student, hidden until the reveal, and
// the answers are in the class database.
func TestClassOverSSH(t *testing.T) {
	teacherKey := sshtest.NewKey(t, "Prof Ada")
	aliceKey, bobKey := sshtest.NewKey(t, "alice"), sshtest.NewKey(t, "bob")
	db := filepath.Join(t.TempDir(), classdb.FileName)
	addr, stop := serveClass(t, func(o *serveOptions) {
		o.lesson, o.db = "wta", db
		o.teacherKeys = []string{sshtest.WriteKeys(t, "teacher.pub", teacherKey)}
		o.authorizedKeys = sshtest.WriteKeys(t, "class_keys", aliceKey, bobKey)
	})
	teacher := connect(t, addr, "ada", &teacherKey, 120, 40)
	alice := connect(t, addr, "alice", &aliceKey, 120, 40)
	bob := connect(t, addr, "bob", &bobKey, 80, 24) // narrow: the lab is a tab
	teacher.WaitText(t, "◆ teaching · 2 students", patience)
	alice.WaitFor(t, "alice following the class lab", patience, has("● following Prof Ada", "Class lab, the teacher's", "β   0.20"))
	bob.WaitText(t, "● following Prof Ada", patience)
	bob.Type("\t")
	bob.WaitText(t, "▸ n   4", patience) // a short pane shows the parameters around the selection

	// The teacher raises β by ten steps: every follower sees it.
	teacher.Type("\t" + strings.Repeat("j", 8) + "L")
	teacher.WaitText(t, "▸ β   0.70", patience)
	alice.WaitText(t, "β   0.70", patience)
	bob.WaitText(t, "β   0.70", patience)

	// Bob detaches and changes α in his copy: only he sees it.
	bob.Type("x")
	bob.WaitText(t, "on your own", patience)
	bob.Type("kL")
	bob.WaitText(t, "α   1.00", patience)
	alice.WaitFor(t, "alice still at α = 0.50", patience, has("α   0.50", "β   0.70"))
	teacher.WaitFor(t, "the class lab still at α = 0.50", patience, has("α   0.50"))
	alice.Type(" ") // a follower cannot pause the class lab
	alice.WaitText(t, "the teacher's to drive", patience)
	teacher.WaitFor(t, "the class lab still running", patience, has("▶ running", "▸ β   0.70"))

	// Bob rejoins: the class lab again.
	bob.Type("f")
	bob.WaitFor(t, "bob back on the class lab", patience, has("● following Prof Ada", "α   0.50", "β   0.70"))

	// A poll: alice answers 2 (twice: refused), bob 1.
	teacher.Type("a")
	alice.WaitText(t, "Predict, then run", patience)
	bob.WaitText(t, "Predict, then run", patience)
	alice.Type("2")
	alice.WaitText(t, "Your answer, 2, is in", patience)
	alice.Type("1")
	alice.WaitText(t, "You already answered 2; one answer each", patience)
	bob.Type("1")
	bob.WaitText(t, "Your answer, 1, is in", patience)
	teacher.WaitText(t, "2 of 2 students answered", patience)
	alice.WaitFor(t, "no tally for students before the reveal", patience, has("2 of 2 have answered"))
	if s := alice.Screen(); strings.Contains(s, "50%") || strings.Contains(s, "✓") {
		t.Errorf("a student sees the tally or the answer before the reveal:\n%s", s)
	}
	teacher.Type("a") // voting closes, the lab runs β = 1.2
	bob.WaitText(t, "Voting closed", patience)
	teacher.Type("a") // the tally, to everyone
	alice.WaitFor(t, "the revealed tally", patience, has("✓ 2", "50%"))
	bob.WaitFor(t, "the revealed tally", patience, has("✓ 2", "50%"))

	// The teacher's class view.
	teacher.Type("C")
	teacher.WaitFor(t, "the class view", patience, has("Class: 2 students · 2 following · 0 on their own", "alice", "bob", "answered"))
	teacher.Type("C")

	stop()
	out, errs, code := runCLI("class", "report", "--db", db, "--format", "csv")
	if code != 0 {
		t.Fatalf("class report: exit %d: %s", code, errs)
	}
	for _, want := range []string{"alice,SHA256:", "bob,SHA256:", "poll1_wta_beta-up_choice"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "alice,") || !strings.HasSuffix(lines[1], ",2,true") {
		t.Errorf("the gradebook is not a heading, alice with her right answer 2, and bob (the teacher is no student):\n%s", out)
	}
	table, errs, code := runCLI("class", "report", "--db", db)
	if code != 0 || !strings.Contains(table, "Students: 2") || !strings.Contains(table, "Teachers: Prof Ada") {
		t.Errorf("class report (%d, %s) does not count two students and name the teacher apart:\n%s", code, errs, table)
	}
}

// TestProgressSurvivesRestart: a student reads a lesson to its end, the
// server stops; started again (without --lesson), it resumes the student
// at that lesson, marked read.
func TestProgressSurvivesRestart(t *testing.T) {
	key := sshtest.NewKey(t, "carol")
	db := filepath.Join(t.TempDir(), classdb.FileName)
	addr, stop := serveClass(t, func(o *serveOptions) { o.lesson, o.db = "lif", db })
	s := connect(t, addr, "carol", &key, 120, 40)
	s.WaitText(t, "Leaky integrate-and-fire", patience)
	s.WaitFor(t, "the text rendered", patience, lacks("Rendering…"))
	s.Type("G")
	s.WaitText(t, "◐ read", patience)
	s.Type("q")
	s.WaitEnd(t, patience)
	stop()

	addr, _ = serveClass(t, func(o *serveOptions) { o.db = db })
	again := connect(t, addr, "carol", &key, 120, 40)
	again.WaitFor(t, "carol back at lif, read", patience, has("Leaky integrate-and-fire", "◐ read"))
}

// TestFollowersDrawnExactly: screens a server has been changing for a
// while, as the teacher scrolls the text and the lab runs, are exactly
// what a student who connects afterwards is drawn from scratch, at two
// terminal sizes (two followers share one). A follower's screen is sent
// as changes that several terminals may share, and over SSH a line feed
// arrives as a carriage return and line feed. The early students came
// before the class had a lesson, and the note saying what would happen
// is gone once it has one.
func TestFollowersDrawnExactly(t *testing.T) {
	teacherKey := sshtest.NewKey(t, "Prof Ada")
	addr, _ := serveClass(t, func(o *serveOptions) {
		o.teacherKeys = []string{sshtest.WriteKeys(t, "teacher.pub", teacherKey)}
	})
	teacher := connect(t, addr, "ada", &teacherKey, 120, 40)
	var early []*sshtest.Term
	for i, size := range [][2]int{{120, 40}, {120, 40}, {112, 30}} {
		early = append(early, connect(t, addr, fmt.Sprintf("early%d", i), nil, size[0], size[1]))
	}
	for _, s := range early {
		s.WaitText(t, "the class starts when they open a lesson", patience)
	}
	teacher.WaitText(t, "Why look at the brain", patience)
	teacher.Type("\r") // the first lesson
	for _, s := range early {
		s.WaitText(t, "Class lab, the teacher's", patience)
	}
	for _, keys := range []string{"jjjj", "jjj", "J", "jjjjjj", "kk", "J"} {
		teacher.Type(keys)
		time.Sleep(150 * time.Millisecond)
	}
	teacher.Type(" ") // the class lab pauses: screens settle
	for i, s := range early {
		s.WaitText(t, "paused", patience)
		w, h := s.Size()
		late := connect(t, addr, fmt.Sprintf("late%d", i), nil, w, h)
		late.WaitText(t, "paused", patience)
		got, want := settled(s), settled(late)
		if got != want {
			t.Errorf("follower %d at %d×%d, drawn by changes:\n%s\nthe same screen drawn afresh:\n%s", i, w, h, got, want)
		}
	}
}

// settled is the terminal's screen once it stops changing.
func settled(term *sshtest.Term) string {
	prev := term.Screen()
	for range 50 {
		time.Sleep(100 * time.Millisecond)
		now := term.Screen()
		if now == prev {
			return now
		}
		prev = now
	}
	return prev
}
