package pdf

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"pingce/internal/report"
	"pingce/internal/report/internal/fixture"
)

// TestPDFShapes: the PDF says what the categories' own rules and the
// veto did to the points, and that a N/A counted as full marks earns them.
func TestPDFShapes(t *testing.T) {
	doc := report.Build(fixture.Shapes(), report.Options{})
	if path := os.Getenv("PINGCE_PDF"); path != "" { // to look at
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, doc); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	text := squeeze(strings.Join(pdfText(t, doc), "\n"))
	for _, want := range []string{
		"类目调整−7",                  // the figures line
		"一票否决扣分−10",               // the figures line
		"治安防控（类目调整+3分）",           // summary row of A
		"安全监管（类目调整−10分）",          // summary row of B
		"一票否决：V1发生重大安全责任事故。扣10分。", // notice
		"类目调整：B安全监管追加扣除10分",       // notice
		"不适用（按满分计）5/5",            // C1: answer and points
		"发生重大安全责任事故（扣10分）已触发",     // the veto table
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
