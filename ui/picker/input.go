package picker

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// Input is a one-line query typed at its end: text and paste append,
// backspace deletes a character, ctrl+w a word, ctrl+u the whole line.
type Input struct {
	value []rune
}

// Value is the text typed.
func (in Input) Value() string { return string(in.value) }

// SetValue replaces the text.
func (in *Input) SetValue(s string) { in.value = []rune(s) }

// Update edits the line on a key or a paste and reports whether the text
// changed.
func (in *Input) Update(msg tea.Msg) bool {
	before := len(in.value)
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.add(msg.Content)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "backspace", "ctrl+h":
			if len(in.value) > 0 {
				in.value = in.value[:len(in.value)-1]
				return true
			}
			return false
		case "ctrl+u":
			in.value = in.value[:0]
		case "ctrl+w":
			s := strings.TrimRightFunc(string(in.value), unicode.IsSpace)
			i := strings.LastIndexFunc(s, unicode.IsSpace)
			in.value = []rune(s[:i+1])
		default:
			in.add(msg.Text)
		}
	}
	return len(in.value) != before
}

func (in *Input) add(s string) {
	for _, r := range s {
		if unicode.IsPrint(r) {
			in.value = append(in.value, r)
		}
	}
}

// View is the prompt, the text and a cursor.
func (in Input) View(prompt string) string { return prompt + string(in.value) + "▏" }
