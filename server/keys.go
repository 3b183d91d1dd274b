package server

import (
	"bytes"
	"fmt"
	"os"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// namedKey is a public key and the comment it was listed with.
type namedKey struct {
	key     ssh.PublicKey
	comment string
}

// KeyFileError is a key file that cannot be used: missing, a private
// key, or holding no public key.
type KeyFileError struct{ Err error }

func (e *KeyFileError) Error() string { return e.Err.Error() }
func (e *KeyFileError) Unwrap() error { return e.Err }

// readKeys reads the public keys in a .pub or authorized_keys file. flag
// names the option that gave the file, for the messages.
func readKeys(flag, path string) ([]namedKey, error) {
	keys, err := parseKeys(flag, path)
	if err != nil {
		return nil, &KeyFileError{err}
	}
	return keys, nil
}

func parseKeys(flag, path string) ([]namedKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, path, err)
	}
	if bytes.Contains(data, []byte("PRIVATE KEY")) {
		return nil, fmt.Errorf("%s %s is a private key: give its public half (%s.pub), which is safe to share", flag, path, path)
	}
	var keys []namedKey
	for rest, line := data, 1; len(bytes.TrimSpace(rest)) > 0; line++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		k, comment, _, _, err := gossh.ParseAuthorizedKey(l)
		if err != nil {
			return nil, fmt.Errorf("%s %s, line %d: not a public key (%v); give a .pub file or an authorized_keys file", flag, path, line, err)
		}
		keys = append(keys, namedKey{k, comment})
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s %s holds no public key; give a .pub file or an authorized_keys file", flag, path)
	}
	return keys, nil
}

// find returns the entry for key, if listed.
func find(keys []namedKey, key ssh.PublicKey) (namedKey, bool) {
	for _, k := range keys {
		if ssh.KeysEqual(k.key, key) {
			return k, true
		}
	}
	return namedKey{}, false
}

// Visitor is who a session belongs to.
type Visitor struct {
	// ID keys the visitor's progress: the SHA256 fingerprint of the key
	// they signed in with, or user:<name> when they came without a key.
	ID string
	// Name is the key's comment in --authorized-keys or --teacher-key,
	// else the SSH user name.
	Name    string
	Teacher bool
	Addr    string // the remote host, without the port
}

// visitor identifies a session.
func (s *Server) visitor(sess ssh.Session) Visitor {
	v := Visitor{ID: "user:" + sess.User(), Name: sess.User(), Addr: host(sess.RemoteAddr().String())}
	key := sess.PublicKey()
	if key == nil {
		return v
	}
	v.ID = gossh.FingerprintSHA256(key)
	if k, ok := find(s.teachers, key); ok {
		v.Teacher = true
		if k.comment != "" {
			v.Name = k.comment
		}
		return v
	}
	if s.cfg.AuthorizedKeys != "" {
		if keys, err := readKeys("--authorized-keys", s.cfg.AuthorizedKeys); err == nil {
			if k, ok := find(keys, key); ok && k.comment != "" {
				v.Name = k.comment
			}
		}
	}
	return v
}

// authorize admits a key: any key without --authorized-keys, else the
// keys listed there and the teachers'. The file is read at each sign-in,
// so keys added during a class work at once.
func (s *Server) authorize(_ ssh.Context, key ssh.PublicKey) bool {
	if _, ok := find(s.teachers, key); ok || s.cfg.AuthorizedKeys == "" {
		return true
	}
	keys, err := readKeys("--authorized-keys", s.cfg.AuthorizedKeys)
	if err != nil {
		s.logf("cannot read the allowed keys, so nobody new gets in: %v", err)
		return false
	}
	_, ok := find(keys, key)
	return ok
}
