package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/neurotutor/neurotutor/server/sshtest"
)

// BenchmarkClassFollowers serves a class on the spiking lesson (the
// Brunel network, the costliest lab a class is likely to follow) from the
// built binary, connects a teacher, then 100 students following at
// 120×40 over SSH on loopback, and measures the server process alone:
// CPU (cores, from /proc), resident memory, and the bytes each follower
// receives per second, over a 10 s window, first with the teacher only
// and then with the class. Run it with:
//
//	go test ./e2e/ -run '^$' -bench ClassFollowers -benchtime 1x
//
// NEUROTUTOR_LOAD_FOLLOWERS changes the class size, NEUROTUTOR_LOAD_FPS
// the frame rate (serve --fps; a class's default is 10), and
// NEUROTUTOR_LOAD_SIZES the number of distinct terminal sizes among the
// followers (1: all at 120×40; n, up to 100: 120×40, 119×40, … 111×40,
// 120×39, … in turn, all wide enough for the lab beside the text).
// Followers at one size see the same screen, which the server encodes
// once; every other size costs another encoding of each frame.
func BenchmarkClassFollowers(b *testing.B) {
	followers, sizes := 100, 1
	if s := os.Getenv("NEUROTUTOR_LOAD_FOLLOWERS"); s != "" {
		followers, _ = strconv.Atoi(s)
	}
	if s := os.Getenv("NEUROTUTOR_LOAD_SIZES"); s != "" {
		sizes, _ = strconv.Atoi(s)
	}
	const window = 10 * time.Second
	bin := filepath.Join(b.TempDir(), "neurotutor")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/neurotutor").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	teacher := sshtest.NewKey(b, "teacher")
	dir := b.TempDir()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--lesson", "spiking",
		"--teacher-key", sshtest.WriteKeys(b, "teacher.pub", teacher),
		"--db", filepath.Join(dir, "class.db"), "--host-key", filepath.Join(dir, "host"),
		"--max-sessions", "0", "--max-per-address", "0", "--idle-timeout", "0")
	if fps := os.Getenv("NEUROTUTOR_LOAD_FPS"); fps != "" {
		cmd.Args = append(cmd.Args, "--fps", fps)
	}
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+dir)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	addr := serverAddr(b, stderr)
	pid := cmd.Process.Pid

	var clients []*loadClient
	defer func() {
		for _, c := range clients {
			c.close()
		}
	}()
	connect := func(user string, key *sshtest.Key, size int) {
		c, err := dialLoad(addr, user, key, 120-size%10, 40-size/10)
		if err != nil {
			b.Fatalf("%s: %v", user, err)
		}
		clients = append(clients, c)
	}
	connect("teacher", &teacher, 0)
	time.Sleep(3 * time.Second) // the class lab runs and the teacher's frames flow
	cpu0, rss0 := procStat(b, pid)
	t0 := clients[0].bytes.Load()
	time.Sleep(window)
	cpu1, rss1 := procStat(b, pid)
	alone := (cpu1 - cpu0) / window.Seconds()
	aloneRate := float64(clients[0].bytes.Load()-t0) / window.Seconds() / 1024

	for i := range followers {
		connect(fmt.Sprintf("student%03d", i), nil, i%max(sizes, 1))
	}
	// Wait until every follower has been drawn the class lab, then warm up.
	deadline := time.Now().Add(60 * time.Second)
	for _, c := range clients {
		for c.bytes.Load() < 20_000 {
			if time.Now().After(deadline) {
				b.Fatalf("a follower received only %d bytes in a minute", c.bytes.Load())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	time.Sleep(3 * time.Second)
	b.ResetTimer()
	for range b.N {
		var before []int64
		for _, c := range clients[1:] {
			before = append(before, c.bytes.Load())
		}
		c0, _ := procStat(b, pid)
		time.Sleep(window)
		c1, rss := procStat(b, pid)
		var got int64
		for i, c := range clients[1:] {
			got += c.bytes.Load() - before[i]
		}
		cores := (c1 - c0) / window.Seconds()
		b.ReportMetric(cores, "server-cores")
		b.ReportMetric(alone, "teacher-only-cores")
		b.ReportMetric((cores-alone)/float64(followers)*100, "%core/follower")
		b.ReportMetric(float64(rss-rss1)/float64(followers)/(1<<20), "MB/follower")
		b.ReportMetric(float64(rss)/(1<<20), "server-MB")
		b.ReportMetric(float64(rss0)/(1<<20), "teacher-only-MB")
		rate := float64(got) / float64(followers) / window.Seconds() / 1024
		b.ReportMetric(rate, "KB/s/follower")
		// The teacher alone received every frame. A follower's screen is not
		// the teacher's (its header and key line differ), so the ratio of
		// bytes is a rough guide only: well under 1, the server fell behind
		// and skipped frames.
		b.ReportMetric(aloneRate, "KB/s/teacher-alone")
		b.ReportMetric(rate/aloneRate, "bytes-vs-teacher")
	}
}

// serverAddr reads the address the server announces on stderr.
func serverAddr(b *testing.B, r io.Reader) string {
	re := regexp.MustCompile(`serving on (\S+)`)
	sc := bufio.NewScanner(r)
	found := make(chan string, 1)
	go func() {
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case a := <-found:
		return a
	case <-time.After(30 * time.Second):
		b.Fatal("the server did not announce its address")
	}
	return ""
}

// procStat is the process's CPU time (user + system, seconds) and
// resident memory (bytes).
func procStat(b *testing.B, pid int) (cpu float64, rss int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skipf("no /proc to measure the server: %v", err)
	}
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
			rss = kb << 10
		}
	}
	return (ut + st) / 100, rss // clock ticks of 1/100 s on Linux
}

// loadClient is a terminal session that only counts what it receives.
type loadClient struct {
	client *gossh.Client
	bytes  atomic.Int64
	once   sync.Once
}

func dialLoad(addr, user string, key *sshtest.Key, w, h int) (*loadClient, error) {
	c, err := sshtest.Dial(addr, user, key)
	if err != nil {
		return nil, err
	}
	s, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	l := &loadClient{client: c}
	s.Stdout = countWriter{&l.bytes}
	if err := s.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if err := s.Shell(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *loadClient) close() { l.once.Do(func() { l.client.Close() }) }

type countWriter struct{ n *atomic.Int64 }

func (w countWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return len(p), nil
}
