package answerform

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		text, unit string
		want       float64
		empty, ok  bool
	}{
		{"12.5", "", 12.5, false, true},
		{" -3 ", "", -3, false, true},
		{"９５．５", "", 95.5, false, true},
		{"－８", "", -8, false, true},
		{"98%", "%", 98, false, true},
		{"12个", "个", 12, false, true},
		{"1,200", "", 1200, false, true},
		{"", "", 0, true, true},
		{"abc", "", 0, true, false},
		{"1e400", "", 0, true, false},
		{"NaN", "", 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := ParseNumber(tt.text, tt.unit)
			if ok != tt.ok || (got == nil) != tt.empty || (got != nil && *got != tt.want) {
				t.Errorf("ParseNumber(%q) = %v, %v", tt.text, got, ok)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		text string
		want int
		ok   bool
	}{{"3", 3, true}, {"０", 0, true}, {"-1", 0, false}, {"1.5", 0, false}, {"", 0, true}}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := ParseCount(tt.text)
			if ok != tt.ok || (ok && got != nil && *got != tt.want) {
				t.Errorf("ParseCount(%q) = %v, %v", tt.text, got, ok)
			}
		})
	}
}
