package reader

import "testing"

func TestReflow(t *testing.T) {
	in := "A paragraph\nthat goes on\nover lines.\n\n- An item\n  that wraps,\n- another\n\n1. First\n   step.\n2. Second.\n\n```text\nkeep\nthese\n```\n## Head\nnext para\nline two\n| a | b |\n| c | d |\nhard  \nbreak\n"
	want := "A paragraph that goes on over lines.\n\n- An item that wraps,\n- another\n\n1. First step.\n2. Second.\n\n```text\nkeep\nthese\n```\n## Head\nnext para line two\n| a | b |\n| c | d |\nhard  \nbreak\n"
	if got := Reflow(in); got != want {
		t.Errorf("Reflow:\n%s\nwant:\n%s", got, want)
	}
}
