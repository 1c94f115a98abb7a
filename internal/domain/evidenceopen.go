package domain

import (
	"bytes"
	"context"
	"io"
)

// EvidenceOpener is an EvidenceService that opens a file's content for
// reading instead of returning it whole (storage keeps contents in pieces
// and reads them a piece at a time).
type EvidenceOpener interface {
	// OpenEvidence opens a file's content. ENOTFOUND if it does not exist.
	OpenEvidence(ctx context.Context, evidenceID int64) (io.ReadCloser, error)
}

// OpenEvidence opens a file's content through svc: streamed when svc is
// an EvidenceOpener, else from the bytes EvidenceContent returns.
func OpenEvidence(ctx context.Context, svc EvidenceService, evidenceID int64) (io.ReadCloser, error) {
	if o, ok := svc.(EvidenceOpener); ok {
		return o.OpenEvidence(ctx, evidenceID)
	}
	data, err := svc.EvidenceContent(ctx, evidenceID)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

// CopyEvidence writes a file's content to w (OpenEvidence).
func CopyEvidence(ctx context.Context, w io.Writer, svc EvidenceService, evidenceID int64) error {
	rc, err := OpenEvidence(ctx, svc, evidenceID)
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = io.Copy(w, rc)
	return err
}
