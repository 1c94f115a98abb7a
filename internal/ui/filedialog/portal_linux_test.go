package filedialog

import (
	"slices"
	"testing"
)

func TestFilePaths(t *testing.T) {
	got := filePaths([]string{"file:///home/张三/评测 报告.pdf", "sftp://host/x", "file://relative", "file:///tmp/../etc/x"})
	want := []string{"/home/张三/评测 报告.pdf", "/etc/x"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
