package exchange

import (
	"crypto/ed25519"
	"testing"
)

func TestKeyStatus(t *testing.T) {
	fp := func(seed byte) string { return Fingerprint(testKey(seed).Public().(ed25519.PublicKey)) }
	keys := []TrustedKey{{Unit: "某某区公安分局", Fingerprint: fp(1)}, {Unit: "某某县公安局", Fingerprint: fp(2)}}
	for _, tc := range []struct {
		name, unit   string
		seed         byte
		want, wantOf string
	}{
		{"registered for the unit", "某某区公安分局", 1, KeyTrusted, "某某区公安分局"},
		{"registered for another unit", "某某区公安分局", 2, KeyOtherUnit, "某某县公安局"},
		{"the unit has another key", "某某县公安局", 3, KeyRekeyed, "某某县公安局"},
		{"unknown key and unit", "某某镇派出所", 3, KeyNew, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Manifest{Sender: Sender{Unit: Unit{Name: tc.unit}, Fingerprint: fp(tc.seed)}}
			if got, of := KeyStatus(keys, m); got != tc.want || of != tc.wantOf {
				t.Errorf("KeyStatus = %s, %q; want %s, %q", got, of, tc.want, tc.wantOf)
			}
		})
	}
}
