package ui_test

import (
	"reflect"
	"runtime"
	"strconv"

	tea "charm.land/bubbletea/v2"
)

func runtimeName(cmd tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
}

func fmtInt(n int) string { return strconv.Itoa(n) }
