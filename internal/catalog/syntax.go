package catalog

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"pingce/internal/domain"
)

var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// maxLineSearch bounds the prefixes syntaxProblem parses to find the line
// of a syntax error.
const (
	maxLineSearch  = 200
	maxSearchBytes = 1 << 20 // bytes parsed in all
)

// syntaxProblem turns a YAML parser error about data into a problem with a
// line (File and Code are left to the caller).
//
// yaml.v3 reports the line where the broken construct starts, and for some
// errors one less; the problem itself is often a few lines further down. So
// the line is found by parsing ever longer prefixes of data from the
// reported line on: the first prefix that fails with the same message ends
// on the line at fault.
func syntaxProblem(data []byte, err error) domain.Problem {
	msg := err.Error()
	reported := 0
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		reported, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p := domain.Problem{Line: reported, Msg: "YAML syntax: " + msg, Args: map[string]string{"detail": msg}}
	ends := lineEnds(data)
	budget := maxSearchBytes
	for line := max(reported, 1); line <= len(ends) && line < max(reported, 1)+maxLineSearch; line++ {
		if budget -= ends[line-1]; budget < 0 {
			break
		}
		var n yaml.Node
		perr := unmarshal(data[:ends[line-1]], &n)
		if perr == nil {
			continue
		}
		pm := perr.Error()
		if m := syntaxLine.FindStringSubmatch(pm); m != nil {
			pm = m[2]
		} else {
			pm = strings.TrimPrefix(pm, "yaml: ")
		}
		if pm == msg {
			p.Line = line
			break
		}
	}
	return p
}

// lineEnds returns the offset just past each line of data (its newline
// included).
func lineEnds(data []byte) []int {
	var ends []int
	off := 0
	for {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			if off < len(data) {
				ends = append(ends, len(data))
			}
			return ends
		}
		off += i + 1
		ends = append(ends, off)
	}
}
