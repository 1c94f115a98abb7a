package exchange

// KeyStatus says what a registry of trusted keys (Store.TrustedKeys)
// makes of the signer of the manifest m, by the rules a Store applies when
// it imports the package: KeyTrusted, KeyOtherUnit (the key is registered
// for another unit), KeyRekeyed (another key is registered for the unit)
// or KeyNew. It reads nothing but the manifest, so a window can say who
// signed a package and whether that key is known before it verifies the
// evidence (Options.CheckEvidenceLater, Package.VerifyEvidence); the
// import decides again in its transaction.
func KeyStatus(keys []TrustedKey, m *Manifest) (status, owner string) {
	fp, unit := m.Sender.Fingerprint, m.Sender.Unit.Name
	var byUnit *TrustedKey
	for i, k := range keys {
		if k.Fingerprint == fp {
			if k.Unit != unit {
				return KeyOtherUnit, k.Unit
			}
			return KeyTrusted, k.Unit
		}
		if k.Unit == unit {
			byUnit = &keys[i]
		}
	}
	if byUnit != nil {
		return KeyRekeyed, byUnit.Unit
	}
	return KeyNew, ""
}
