package export

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Save writes the record as stem.csv and stem.json in dir, each written
// whole to a temporary file and renamed into place. It never overwrites:
// when either name is taken it tries stem-2, stem-3, …. It returns the two
// paths written.
func Save(dir, stem string, r Record) (csvPath, jsonPath string, err error) {
	return SaveWith(dir, stem, r.WriteCSV, r.WriteJSON)
}

// SaveWith is Save for anything that writes itself as CSV and JSON.
func SaveWith(dir, stem string, writeCSV, writeJSON func(io.Writer) error) (csvPath, jsonPath string, err error) {
	var c, j bytes.Buffer
	if err := writeCSV(&c); err != nil {
		return "", "", err
	}
	if err := writeJSON(&j); err != nil {
		return "", "", err
	}
	for n := 1; n < 1000; n++ {
		name := stem
		if n > 1 {
			name = fmt.Sprintf("%s-%d", stem, n)
		}
		csvPath, jsonPath = filepath.Join(dir, name+".csv"), filepath.Join(dir, name+".json")
		if exists(csvPath) || exists(jsonPath) {
			continue
		}
		if err := writeNew(csvPath, c.Bytes()); err != nil {
			return "", "", err
		}
		if err := writeNew(jsonPath, j.Bytes()); err != nil {
			os.Remove(csvPath)
			return "", "", err
		}
		return csvPath, jsonPath, nil
	}
	return "", "", fmt.Errorf("no free file name for %s in %s", stem, dir)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// writeNew writes data to path atomically, refusing to replace a file that
// appeared in the meantime.
func writeNew(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".neurotutor-export-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	// A hard link fails when path exists, unlike rename.
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
