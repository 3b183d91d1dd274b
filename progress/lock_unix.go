//go:build unix

package progress

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock (flock) on path.lock, waiting for
// another program to finish, and returns its release. The lock lives on
// its own file because saving renames a new file over the progress file.
func lock(path string) (func(), error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
