package posixlocale

import "testing"

func TestIsPOSIX(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"C", true},
		{"C.UTF-8", true},
		{"C.utf8", true},
		{"POSIX", true},
		{"zh_CN.UTF-8", false},
		{"en_US", false},
		{"", false},
		{"Chinese", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isPOSIX(tt.in); got != tt.want {
				t.Errorf("isPOSIX(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
