package lessons

import (
	"strings"
	"testing"
)

func TestReferenceForms(t *testing.T) {
	r := Reference{Key: "a2000b", Type: "article", Authors: []string{"Ames, A.", "Bell, B.", "Cole, C."},
		Title: "Salt & pepper: 50% of #1", Venue: "J. Things & Stuff", Volume: "3", Number: "2", Pages: "1–9",
		Year: 2000, DOI: "10.1000/x_y"}
	if got := r.Short(); got != "Ames et al. 2000" {
		t.Errorf("Short = %q", got)
	}
	if got := r.Full(); got != "Ames, A., Bell, B., & Cole, C. (2000). Salt & pepper: 50% of #1. J. Things & Stuff, 3(2), 1–9. https://doi.org/10.1000/x_y" {
		t.Errorf("Full = %q", got)
	}
	bib := r.BibTeX()
	for _, want := range []string{`title = {Salt \& pepper: 50\% of \#1}`, `journal = {J. Things \& Stuff}`, "pages = {1--9}", "doi = {10.1000/x_y}"} {
		if !strings.Contains(bib, want) {
			t.Errorf("BibTeX lacks %q:\n%s", want, bib)
		}
	}
	q := Reference{Authors: []string{"Olshausen, B. A."}, Year: 1997, Title: "A strategy employed by V1?", Venue: "Vision Research"}
	if got := q.Full(); got != "Olshausen, B. A. (1997). A strategy employed by V1? Vision Research." {
		t.Errorf("a title ending in a question mark: Full = %q", got)
	}
	two := Reference{Authors: []string{"Hubel, D. H.", "Wiesel, T. N."}, Year: 1962}
	if got := two.Short(); got != "Hubel & Wiesel 1962" {
		t.Errorf("Short = %q", got)
	}
}

func TestBibliographyRefusesBadEntries(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"- key: a\n  type: article\n  authors: [X]\n  title: T\n  venue: V\n  year: 2000\n- key: a\n  type: article\n  authors: [X]\n  title: T\n  venue: V\n  year: 2000\n", "duplicate key"},
		{"- key: a\n  type: blog\n  authors: [X]\n  title: T\n  venue: V\n  year: 2000\n", `type "blog" is not one of`},
		{"- key: a\n  type: article\n  authors: [X]\n  title: T\n  venue: V\n  year: 2000\n  doi: https://doi.org/10.1/x\n", "is not of the form 10.NNNN"},
		{"- key: a\n  type: article\n  title: T\n  venue: V\n  year: 2000\n", "authors, title and year are required"},
		{"- key: a\n  type: article\n  authors: [X]\n  title: T\n  venue: V\n  year: 2000\n  isbn: 1\n", "field isbn not found"},
	} {
		if _, err := ParseBibliography([]byte(c.yaml)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}
