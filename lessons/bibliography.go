package lessons

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Reference is one full bibliography entry.
type Reference struct {
	Key       string   `yaml:"key"`     // "hubel1962receptive"
	Type      string   `yaml:"type"`    // article, book, inproceedings, incollection, techreport, thesis, misc
	Authors   []string `yaml:"authors"` // "Hubel, D. H." — family name, then initials
	Title     string   `yaml:"title"`
	Venue     string   `yaml:"venue"` // journal, proceedings or containing book
	Volume    string   `yaml:"volume"`
	Number    string   `yaml:"number"`
	Pages     string   `yaml:"pages"`
	Year      int      `yaml:"year"`
	Publisher string   `yaml:"publisher"`
	DOI       string   `yaml:"doi"`
	URL       string   `yaml:"url"`
	Note      string   `yaml:"note"`
}

// Bibliography is the shared list of references, by key.
type Bibliography struct {
	Refs  []Reference // in file order
	byKey map[string]int
}

var (
	refTypes = []string{"article", "book", "inproceedings", "incollection", "techreport", "thesis", "misc"}
	doiRE    = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)
	keyRE    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// ParseBibliography reads and checks the YAML list of references.
func ParseBibliography(data []byte) (*Bibliography, error) {
	var refs []Reference
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&refs); err != nil {
		return nil, fmt.Errorf("references.yaml: %w", err)
	}
	b := newBibliography(refs)
	var errs []string
	seen := map[string]bool{}
	for i, r := range refs {
		where := fmt.Sprintf("references.yaml: entry %d (%s)", i+1, r.Key)
		if !keyRE.MatchString(r.Key) {
			errs = append(errs, where+": key must be lower-case letters, digits and _")
		}
		if seen[r.Key] {
			errs = append(errs, where+": duplicate key")
		}
		seen[r.Key] = true
		if !slices.Contains(refTypes, r.Type) {
			errs = append(errs, fmt.Sprintf("%s: type %q is not one of %s", where, r.Type, strings.Join(refTypes, ", ")))
		}
		if len(r.Authors) == 0 || r.Title == "" || r.Year < 1600 {
			errs = append(errs, where+": authors, title and year are required")
		}
		if r.Venue == "" && r.Publisher == "" {
			errs = append(errs, where+": a venue (journal, proceedings, book) or a publisher is required")
		}
		if r.DOI != "" && !doiRE.MatchString(r.DOI) {
			errs = append(errs, fmt.Sprintf("%s: doi %q is not of the form 10.NNNN/…", where, r.DOI))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return b, nil
}

// newBibliography indexes refs by key (the last of a repeated key wins;
// ParseBibliography refuses repeats).
func newBibliography(refs []Reference) *Bibliography {
	b := &Bibliography{Refs: refs, byKey: make(map[string]int, len(refs))}
	for i, r := range refs {
		b.byKey[r.Key] = i
	}
	return b
}

// Lookup returns the reference with the given key.
func (b *Bibliography) Lookup(key string) (Reference, bool) {
	i, ok := b.byKey[key]
	if !ok {
		return Reference{}, false
	}
	return b.Refs[i], true
}

// Keys lists every key in file order.
func (b *Bibliography) Keys() []string {
	ks := make([]string, len(b.Refs))
	for i, r := range b.Refs {
		ks[i] = r.Key
	}
	return ks
}

// family returns the family name of an author written "Family, G. N.".
func family(a string) string {
	f, _, _ := strings.Cut(a, ",")
	return strings.TrimSpace(f)
}

// Short is the in-text citation: "Hubel & Wiesel 1962", "Yamins et al. 2014".
func (r Reference) Short() string {
	switch len(r.Authors) {
	case 1:
		return fmt.Sprintf("%s %d", family(r.Authors[0]), r.Year)
	case 2:
		return fmt.Sprintf("%s & %s %d", family(r.Authors[0]), family(r.Authors[1]), r.Year)
	}
	return fmt.Sprintf("%s et al. %d", family(r.Authors[0]), r.Year)
}

// Full is the reference list entry, APA-like, in plain text.
func (r Reference) Full() string {
	var s strings.Builder
	s.WriteString(joinAuthors(r.Authors))
	fmt.Fprintf(&s, " (%d). %s", r.Year, sentence(r.Title))
	if r.Venue != "" {
		if r.Type == "incollection" || r.Type == "inproceedings" {
			s.WriteString(" In")
		}
		s.WriteString(" " + r.Venue)
		if r.Volume != "" {
			s.WriteString(", " + r.Volume)
			if r.Number != "" {
				s.WriteString("(" + r.Number + ")")
			}
		}
		if r.Pages != "" {
			s.WriteString(", " + r.Pages)
		}
		s.WriteString(".")
	}
	if r.Publisher != "" {
		s.WriteString(" " + r.Publisher + ".")
	}
	if r.Note != "" {
		s.WriteString(" " + r.Note + ".")
	}
	if r.DOI != "" {
		s.WriteString(" https://doi.org/" + r.DOI)
	} else if r.URL != "" {
		s.WriteString(" " + r.URL)
	}
	return s.String()
}

// sentence ends a title with a full stop, unless it ends in its own
// punctuation ("Do we have brain to spare?").
func sentence(title string) string {
	if strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!") || strings.HasSuffix(title, ".") {
		return title
	}
	return title + "."
}

func joinAuthors(as []string) string {
	switch len(as) {
	case 0:
		return ""
	case 1:
		return as[0]
	case 2:
		return as[0] + " & " + as[1]
	}
	return strings.Join(as[:len(as)-1], ", ") + ", & " + as[len(as)-1]
}

// bibtexEscaper escapes the characters that are special in BibTeX values.
var bibtexEscaper = strings.NewReplacer("&", `\&`, "%", `\%`, "#", `\#`, "$", `\$`)

// BibTeX writes the entry as BibTeX.
func (r Reference) BibTeX() string {
	typ := r.Type
	if typ == "thesis" {
		typ = "phdthesis"
	}
	var s strings.Builder
	fmt.Fprintf(&s, "@%s{%s,\n", typ, r.Key)
	field := func(k, v string) {
		if v != "" {
			if k != "url" && k != "doi" {
				v = bibtexEscaper.Replace(v)
			}
			fmt.Fprintf(&s, "  %s = {%s},\n", k, v)
		}
	}
	field("author", strings.Join(r.Authors, " and "))
	field("title", r.Title)
	switch r.Type {
	case "article":
		field("journal", r.Venue)
	case "inproceedings", "incollection":
		field("booktitle", r.Venue)
	case "techreport", "thesis":
		field("institution", r.Venue)
	default:
		field("howpublished", r.Venue)
	}
	field("volume", r.Volume)
	field("number", r.Number)
	field("pages", strings.ReplaceAll(r.Pages, "–", "--"))
	field("year", fmt.Sprint(r.Year))
	field("publisher", r.Publisher)
	field("doi", r.DOI)
	field("url", r.URL)
	field("note", r.Note)
	s.WriteString("}\n")
	return s.String()
}

// Sorted returns the references ordered by key.
func (b *Bibliography) Sorted() []Reference {
	rs := slices.Clone(b.Refs)
	slices.SortFunc(rs, func(x, y Reference) int { return strings.Compare(x.Key, y.Key) })
	return rs
}
