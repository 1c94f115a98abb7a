package exchange

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"

	"pingce/internal/domain"
)

// KeyPrefix starts a public key line: "pingce-ed25519 " and the key in
// standard base64.
const KeyPrefix = "pingce-ed25519 "

// KeyLine returns the public key as one line of text that can be sent and
// pasted ("pingce-ed25519 BASE64").
func KeyLine(pub ed25519.PublicKey) string {
	return KeyPrefix + base64.StdEncoding.EncodeToString(pub)
}

// ParseKeyLine reads a line written by KeyLine. Leading and trailing
// spaces are ignored; anything after the key (a comment) is refused, so a
// pasted line is exactly one key. EINVALID when it is not a key.
func ParseKeyLine(line string) (ed25519.PublicKey, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), KeyPrefix)
	if !ok {
		return nil, fail(domain.EINVALID, ProbBadKey, "not a Pingce public key: it must start with \"{prefix}\"", "prefix", strings.TrimSpace(KeyPrefix))
	}
	b, err := base64.StdEncoding.Strict().DecodeString(strings.TrimSpace(rest))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fail(domain.EINVALID, ProbBadKey, "not a Pingce public key: the key is not {size} bytes of base64", "prefix", strings.TrimSpace(KeyPrefix), "size", "32")
	}
	return ed25519.PublicKey(b), nil
}

// Fingerprint returns the key's fingerprint in a form people can read aloud
// over the phone and compare: eight groups of four decimal digits taken
// from the SHA-256 of the key ("0421-7730-…"), about 106 bits.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	groups := make([]string, 8)
	for i := range groups {
		v := binary.BigEndian.Uint32(sum[4*i:]) % 10000
		groups[i] = fmt.Sprintf("%04d", v)
	}
	return strings.Join(groups, "-")
}

// ValidFingerprint reports whether s has the form Fingerprint writes.
func ValidFingerprint(s string) bool {
	if len(s) != 39 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i%5 == 4 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// TrustedKey is a key the receiver trusts for one unit.
type TrustedKey struct {
	Unit        string // the unit's name, as its packages name it
	Key         ed25519.PublicKey
	Fingerprint string
	AddedBy     string
	AddedAt     string // RFC 3339, UTC
}
