package search_test

import (
	"testing"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/search"
	"github.com/neurotutor/neurotutor/sim/models"
)

// BenchmarkSearchAllLessons is one keystroke of the search across every
// embedded lesson.
func BenchmarkSearchAllLessons(b *testing.B) {
	cat, err := lessons.Default(models.Registry())
	if err != nil {
		b.Fatal(err)
	}
	var docs []search.Doc
	for _, l := range cat.All() {
		docs = append(docs, search.Doc{ID: l.ID, Title: l.Title, Markdown: cat.Markdown(l)})
	}
	ix := search.NewIndex(docs)
	b.ReportAllocs()
	for b.Loop() {
		ix.Search("rate", 300)
	}
}
