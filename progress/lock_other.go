//go:build !unix

package progress

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lock takes an exclusive lock by creating path.lock, which must not exist
// yet, waiting up to five seconds for another program to remove it, and
// returns its release. (Unix systems use flock instead.)
func lock(path string) (func(), error) {
	name := path + ".lock"
	deadline := time.Now().Add(5 * time.Second)
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			f.Close()
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) || time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}
