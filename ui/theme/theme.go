// Package theme builds the program's styles and plot palette for a light
// or a dark terminal background. A Theme is a value: the root model builds
// one from the background-colour message and hands it down; nothing here is
// global or mutable.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/neurotutor/neurotutor/ui/plot"
)

// Theme holds every style the screens use.
type Theme struct {
	Dark bool

	Title    lipgloss.Style // screen titles
	Header   lipgloss.Style // the top bar
	Footer   lipgloss.Style // the key line
	Subtle   lipgloss.Style // secondary text
	Accent   lipgloss.Style // the selected item, the focus
	Selected lipgloss.Style // the selected row
	Good     lipgloss.Style // solved, running
	Warn     lipgloss.Style // holding, paused
	Bad      lipgloss.Style // errors
	Border   lipgloss.Style // pane borders
	Focus    lipgloss.Style // the focused pane's border
	Key      lipgloss.Style // key names in help
	Overlay  lipgloss.Style // the help box
	// Match marks search matches in the text; MatchCurrent the one the
	// search is on. Both read without colour (underline, reverse video).
	Match        lipgloss.Style
	MatchCurrent lipgloss.Style

	Palette plot.Palette // colour-blind-safe plot colours
	Glamour string       // glamour standard style: "dark" or "light"
}

// okabeIto is the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2002),
// ordered for contrast: blue, orange, bluish green, vermillion, reddish
// purple, sky blue, yellow.
var okabeIto = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"}

// New builds the theme for a dark or a light background.
// Of is New for sharing: the screens of one program hold a pointer to the
// same theme, which never changes once made (a new background makes a
// new theme).
func Of(dark bool) *Theme {
	t := New(dark)
	return &t
}

func New(dark bool) Theme {
	ld := lipgloss.LightDark(dark)
	fg := ld(lipgloss.Color("#1a1a1a"), lipgloss.Color("#e8e8e8"))
	subtle := ld(lipgloss.Color("#666666"), lipgloss.Color("#8a8a8a"))
	accent := ld(lipgloss.Color("#0060a0"), lipgloss.Color("#56B4E9"))
	good := ld(lipgloss.Color("#007a5a"), lipgloss.Color("#2ec27e"))
	warn := ld(lipgloss.Color("#9a6700"), lipgloss.Color("#E69F00"))
	bad := ld(lipgloss.Color("#b42318"), lipgloss.Color("#ff6b5b"))
	barBG := ld(lipgloss.Color("#e4e4e4"), lipgloss.Color("#2a2a2a"))
	selBG := ld(lipgloss.Color("#dcebf7"), lipgloss.Color("#1f3a4d"))

	series := make([]color.Color, len(okabeIto))
	for i, c := range okabeIto {
		series[i] = lipgloss.Color(c)
	}
	if !dark { // yellow is unreadable on white: drop it
		series = series[:len(series)-1]
	}
	t := Theme{
		Dark:         dark,
		Title:        lipgloss.NewStyle().Bold(true).Foreground(fg),
		Header:       lipgloss.NewStyle().Background(barBG).Foreground(fg),
		Footer:       lipgloss.NewStyle().Foreground(subtle),
		Subtle:       lipgloss.NewStyle().Foreground(subtle),
		Accent:       lipgloss.NewStyle().Foreground(accent).Bold(true),
		Selected:     lipgloss.NewStyle().Background(selBG).Foreground(fg),
		Good:         lipgloss.NewStyle().Foreground(good),
		Warn:         lipgloss.NewStyle().Foreground(warn),
		Bad:          lipgloss.NewStyle().Foreground(bad).Bold(true),
		Border:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle),
		Focus:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent),
		Key:          lipgloss.NewStyle().Foreground(accent).Bold(true),
		Overlay:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Match:        lipgloss.NewStyle().Underline(true).Background(selBG).Foreground(fg),
		MatchCurrent: lipgloss.NewStyle().Reverse(true).Bold(true),
		Palette: plot.Palette{
			Series: series,
			Ghost:  subtle,
			Axis:   subtle,
			Text:   fg,
			Mark:   bad,
		},
		Glamour: "light",
	}
	if dark {
		t.Glamour = "dark"
	}
	return t
}

// WithoutColor returns t for a terminal that shows no colour (NO_COLOR, a
// dumb terminal): plots then draw with shades and dot patterns instead of
// colours, which would otherwise be stripped and leave heat grids blank.
func (t Theme) WithoutColor() Theme {
	t.Palette = plot.Palette{}
	return t
}
