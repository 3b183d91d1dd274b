package main

import (
	"os"
	"strings"

	"github.com/neurotutor/neurotutor/lessons"
	"github.com/neurotutor/neurotutor/ui"
)

// themeEnv names the environment variable that chooses the theme when
// --theme does not.
const themeEnv = "NEUROTUTOR_THEME"

// themeOption reads --theme, else $NEUROTUTOR_THEME: nil for auto (the
// terminal's background decides).
func themeOption(flag string) (ui.Option, error) {
	switch t, err := themeName(flag); {
	case err != nil:
		return nil, err
	case t == "dark":
		return ui.WithTheme(true), nil
	case t == "light":
		return ui.WithTheme(false), nil
	}
	return nil, nil
}

// themeName reads --theme, else $NEUROTUTOR_THEME, as dark, light or auto.
func themeName(flag string) (string, error) {
	v, from := flag, "--theme"
	if v == "" {
		v, from = os.Getenv(themeEnv), themeEnv
	}
	switch t := strings.ToLower(strings.TrimSpace(v)); t {
	case "", "auto":
		return "auto", nil
	case "dark", "light":
		return t, nil
	}
	return "", usagef("%s %q is not allowed: use dark, light or auto", from, v)
}

// labState checks --set against the lesson's model, over the lesson's
// starting values, and returns the option that opens the lab so.
func labState(e *env, l *lessons.Lesson, sets []string, seed uint64, seedSet bool) (ui.Option, error) {
	if len(sets) == 0 && !seedSet {
		return nil, nil
	}
	m, err := e.reg.New(l.Lab.Model)
	if err != nil {
		return nil, err
	}
	for _, s := range l.Lab.Params {
		if err := m.Set(s.Key, s.Value); err != nil {
			return nil, err
		}
	}
	if err := applySets(m, sets); err != nil {
		return nil, err
	}
	var out lessons.Settings
	for _, kv := range sets {
		k, raw, _ := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		v, _ := m.Get(k)
		out = append(out, lessons.Setting{Key: k, Raw: strings.TrimSpace(raw), Value: v})
	}
	var sp *uint64
	if seedSet {
		sp = &seed
	}
	return ui.WithLabState(l.ID, out, sp), nil
}
