package catalog

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/userfile"
	"pingce/internal/yamlnode"
)

// TestLoadFileBounds refuses catalog files that would take memory without
// end (issue 10 #4), naming the file and the limit, before parsing them.
func TestLoadFileBounds(t *testing.T) {
	dir := t.TempDir()
	ones := filepath.Join(dir, "ones.yaml")
	if err := os.WriteFile(ones, []byte("["+strings.Repeat("1,", yamlnode.DefaultMaxNodes/2)+"1]"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, prob, limit string }{
		{"a list of ones", ones, yamlnode.ProbTooManyNodes, strconv.Itoa(yamlnode.DefaultMaxNodes)},
	}
	if runtime.GOOS == "linux" {
		tests = append(tests, struct{ name, path, prob, limit string }{
			"endless device", "/dev/zero", userfile.ProbTooLarge, "32 MiB"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFile(context.Background(), tt.path)
			ps := domain.ErrorProblems(err)
			if domain.ErrorCode(err) != domain.ETOOLARGE || len(ps) != 1 || ps[0].Code != tt.prob ||
				ps[0].File != tt.path || ps[0].Args["limit"] != tt.limit {
				t.Fatalf("LoadFile: %v %+v, want %s with limit %s", err, ps, tt.prob, tt.limit)
			}
		})
	}
}
