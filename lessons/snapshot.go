package lessons

import (
	"encoding/binary"
	"hash"
	"hash/crc64"
	"io/fs"

	"github.com/neurotutor/neurotutor/sim"
)

//go:generate go test -run ^TestSnapshot$ -update

// Default returns the embedded catalog. Parsing and checking it (Load)
// takes tens of milliseconds, most of the time to a first frame, so
// go generate stores what Load makes of the embedded files in
// snapshot_gen.go, and Default uses that when it was made from the files
// as they are: reading it costs nothing. Otherwise (a lesson's front
// matter, the bibliography or the glossary changed since; TestSnapshot
// fails until `go generate ./lessons` is run) it loads the files.
func Default(reg *sim.Registry) (*Catalog, error) {
	if c, ok := embeddedSnapshot.catalog(Files); ok {
		return c, nil
	}
	return Load(Files, reg)
}

// snapshot is a loaded catalog as go generate writes it: the lessons
// without their bodies (editing a lesson's text leaves it fresh), the
// bibliography and the glossary, and Sum, the sourceSum of the files it
// was made from.
type snapshot struct {
	Sum     uint64
	Lessons []Lesson
	Refs    []Reference
	Terms   []Term
}

// catalog builds the catalog from s, with the lesson bodies read from
// fsys, if s was made from fsys's files as they are.
func (s *snapshot) catalog(fsys fs.FS) (*Catalog, bool) {
	sum, bodies, err := sourceSum(fsys)
	if err != nil || sum != s.Sum || len(bodies) != len(s.Lessons) {
		return nil, false
	}
	c := newCatalog(newBibliography(s.Refs))
	c.Glossary = &Glossary{Terms: s.Terms}
	for i := range s.Lessons {
		l := s.Lessons[i] // a copy: every catalog has its own lessons
		body, ok := bodies[l.File]
		if !ok {
			return nil, false
		}
		l.Body = body
		c.byID[l.ID] = &l
	}
	c.arrange()
	return c, true
}

// sourceSum is a checksum of what a snapshot is made from: each lesson
// file's name and front matter, references.yaml and glossary.yaml. It
// returns the bodies of the lessons too, by file name under content/.
func sourceSum(fsys fs.FS) (uint64, map[string]string, error) {
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	files, err := fs.Glob(fsys, "content/*/*.md")
	if err != nil {
		return 0, nil, err
	}
	bodies := make(map[string]string, len(files))
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return 0, nil, err
		}
		name := f[len("content/"):]
		front, body, err := splitLesson(name, data)
		if err != nil {
			return 0, nil, err
		}
		write(h, []byte(name))
		write(h, front)
		bodies[name] = string(body)
	}
	for _, f := range []string{"references.yaml", "glossary.yaml"} {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return 0, nil, err
		}
		write(h, data)
	}
	return h.Sum64(), bodies, nil
}

// write adds b to h with its length, so that no two lists of pieces
// run together into the same bytes.
func write(h hash.Hash, b []byte) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(b)))
	h.Write(n[:])
	h.Write(b)
}
