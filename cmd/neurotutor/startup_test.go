package main

import (
	"runtime/debug"
	"testing"
)

// TestNoChroma: the program starts without building Chroma's registries
// of lexers and styles, which its package init does (about 10 ms before
// main, half of the time to start). glamour is built from
// third_party/glamour, which sets code blocks without Chroma; a module
// that brought Chroma back would undo that.
func TestNoChroma(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information in this test binary")
	}
	for _, m := range bi.Deps {
		switch m.Path {
		case "github.com/alecthomas/chroma/v2", "github.com/alecthomas/chroma":
			t.Errorf("%s %s is linked: its package init costs about 10 ms at every start", m.Path, m.Version)
		case "charm.land/glamour/v2":
			if m.Replace == nil || m.Replace.Path != "./third_party/glamour" {
				t.Errorf("glamour is %s %s, not third_party/glamour (its code blocks need Chroma)", m.Path, m.Version)
			}
		}
	}
}
