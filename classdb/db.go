// Package classdb keeps a class's progress in an embedded SQLite database
// (modernc.org/sqlite, pure Go): each student's lessons read, challenges
// met, last lesson and place in each lesson, keyed by public-key fingerprint (or SSH user), and
// every poll with its answers. Writes are transactions; a database that is
// locked or damaged gives an error that says so, and the caller carries on
// with progress in memory.
package classdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// FileName is the database's name inside the state directory.
const FileName = "classroom.db"

// schemaVersion is PRAGMA user_version of the schema this code writes.
// Version 2 added students.teacher.
const schemaVersion = 2

const schema = `
CREATE TABLE IF NOT EXISTS students (
	id          TEXT PRIMARY KEY,  -- SHA256:… key fingerprint, or user:<name>
	name        TEXT NOT NULL,     -- SSH user or key comment
	first_seen  TEXT NOT NULL,     -- RFC 3339, UTC
	last_seen   TEXT NOT NULL,
	last_lesson TEXT NOT NULL DEFAULT '',
	teacher     INTEGER NOT NULL DEFAULT 0  -- 1: came last as a teacher
);
CREATE TABLE IF NOT EXISTS lessons_read (
	student TEXT NOT NULL REFERENCES students(id),
	lesson  TEXT NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (student, lesson)
);
CREATE TABLE IF NOT EXISTS challenges_met (
	student   TEXT NOT NULL REFERENCES students(id),
	lesson    TEXT NOT NULL,
	challenge TEXT NOT NULL,
	at        TEXT NOT NULL,
	PRIMARY KEY (student, lesson, challenge)
);
CREATE TABLE IF NOT EXISTS places (
	student TEXT NOT NULL REFERENCES students(id),
	lesson  TEXT NOT NULL,
	place   TEXT NOT NULL,     -- JSON: {"scroll", "params", "seed"} as in progress.json
	at      TEXT NOT NULL,
	PRIMARY KEY (student, lesson)
);
CREATE TABLE IF NOT EXISTS polls (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	lesson     TEXT NOT NULL,
	prediction TEXT NOT NULL,
	question   TEXT NOT NULL,
	choices    TEXT NOT NULL,     -- JSON array of the choices' text
	answer     INTEGER NOT NULL,  -- index of the right choice, from 0
	asked_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
	poll    INTEGER NOT NULL REFERENCES polls(id),
	student TEXT NOT NULL,
	choice  INTEGER NOT NULL,     -- from 0
	at      TEXT NOT NULL,
	PRIMARY KEY (poll, student)
);
`

// DB is an open class database. A nil *DB is valid: it keeps nothing, and
// students it hands out keep their progress in memory.
type DB struct {
	sql  *sql.DB
	path string
	now  func() time.Time
}

// Options tune Open; the zero value is the default.
type Options struct {
	// BusyTimeout is how long a write waits for another program's lock
	// before it fails (default 1 s).
	BusyTimeout time.Duration
}

// Open opens (creating it and its directory if needed) the database at
// path. A file that is not a database, is damaged, is locked or cannot
// be written gives an error naming the file and what to do.
func Open(path string, o Options) (*DB, error) {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = time.Second
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("class database %s: %w", path, err)
	}
	dsn := fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_txlock=immediate",
		path, o.BusyTimeout.Milliseconds())
	s, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, explain(path, err)
	}
	s.SetMaxOpenConns(1) // one writer; SQLite serialises writes anyway
	d := &DB{sql: s, path: path, now: time.Now}
	if err := d.migrate(); err != nil {
		s.Close()
		return nil, explain(path, err)
	}
	return d, nil
}

// migrate creates the schema, or checks that the file holds this one.
func (d *DB) migrate() error {
	var v int
	if err := d.sql.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > schemaVersion {
		return fmt.Errorf("it was written by a newer neurotutor (schema %d, this one knows %d)", v, schemaVersion)
	}
	return d.tx(func(tx *sql.Tx) error {
		if _, err := tx.Exec(schema); err != nil {
			return err
		}
		if v == 1 { // a class of the first version: everyone a student
			if _, err := tx.Exec(`ALTER TABLE students ADD COLUMN teacher INTEGER NOT NULL DEFAULT 0`); err != nil {
				return err
			}
		}
		_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", schemaVersion))
		return err
	})
}

// Path is the database file.
func (d *DB) Path() string {
	if d == nil {
		return ""
	}
	return d.path
}

// Close closes the database.
func (d *DB) Close() error {
	if d == nil {
		return nil
	}
	return d.sql.Close()
}

// tx runs f in one transaction: all of it is written, or none.
func (d *DB) tx(f func(*sql.Tx) error) error {
	ctx := context.Background()
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (d *DB) stamp() string { return d.now().UTC().Format(time.RFC3339) }

// SQLite result codes that need their own message (the primary code, the
// low byte of an extended one).
const (
	codeBusy     = 5
	codeLocked   = 6
	codeReadOnly = 8
	codeCorrupt  = 11
	codeFull     = 13
	codeCantOpen = 14
	codeNotADB   = 26
)

// explain turns a driver error into one that names the file, says what is
// wrong in words and what to do.
func explain(path string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("class database %s: %w", path, err)
	}
	switch se.Code() & 0xff {
	case codeBusy, codeLocked:
		return fmt.Errorf("class database %s is locked by another program (%v); close it or wait", path, err)
	case codeCorrupt, codeNotADB:
		return fmt.Errorf("class database %s is damaged or not a SQLite database (%v); move it aside to start a new one", path, err)
	case codeReadOnly, codeCantOpen:
		return fmt.Errorf("class database %s cannot be written (%v); check its permissions and its directory's", path, err)
	case codeFull:
		return fmt.Errorf("class database %s: the disk is full (%v)", path, err)
	}
	return fmt.Errorf("class database %s: %w", path, err)
}
