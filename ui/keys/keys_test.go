package keys

import (
	"reflect"
	"testing"

	"charm.land/bubbles/v2/key"
)

// keysOf lists every key of every binding in a key map struct.
func keysOf(km any) map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok {
			for _, k := range b.Keys() {
				out[k] = v.Type().Field(i).Name
			}
		}
	}
	return out
}

// TestStudyKeysAreFree: the study keys are read before the panes', so one
// that a pane also uses would silently take it over. Only n is shared on
// purpose: next match while a search is in force, else next lesson.
func TestStudyKeysAreFree(t *testing.T) {
	study := keysOf(NewStudy())
	for name, km := range map[string]any{"Global": NewGlobal(), "Lesson": NewLesson(), "Reader": NewReader(), "Lab": NewLab(), "Contents": NewContents()} {
		for k, field := range keysOf(km) {
			if s, clash := study[k]; clash && !(k == "n" && s == "NextMatch" && field == "Next") {
				t.Errorf("key %q is both Study.%s and %s.%s", k, s, name, field)
			}
		}
	}
}
