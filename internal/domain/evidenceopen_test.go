package domain_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"pingce/internal/domain"
)

// contentOnly is an EvidenceService that can only return contents whole.
type contentOnly struct{ domain.EvidenceService }

func (contentOnly) EvidenceContent(ctx context.Context, id int64) ([]byte, error) {
	if id != 1 {
		return nil, domain.Errorf(domain.ENOTFOUND, "no evidence file with id %d", id)
	}
	return []byte("whole"), nil
}

// opener can also open a content for reading.
type opener struct{ contentOnly }

func (opener) OpenEvidence(ctx context.Context, id int64) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader("streamed")), nil
}

func TestCopyEvidence(t *testing.T) {
	tests := []struct {
		name string
		svc  domain.EvidenceService
		id   int64
		want string
		code string
	}{
		{"streamed when the service opens contents", opener{}, 1, "streamed", ""},
		{"whole otherwise", contentOnly{}, 1, "whole", ""},
		{"missing", contentOnly{}, 2, "", domain.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := domain.CopyEvidence(context.Background(), &b, tt.svc, tt.id)
			if domain.ErrorCode(err) != tt.code || b.String() != tt.want {
				t.Errorf("got %q (%v), want %q (code %q)", b.String(), err, tt.want, tt.code)
			}
		})
	}
}
