package storage

import (
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// maxOriginalNameBytes bounds the original name kept beside a cleaned one.
const maxOriginalNameBytes = 1000

// migrateEvidenceName adds evidence.original_name (schema 11): the name a
// file was given, kept when domain.CleanFileName changed it, for display.
func migrateEvidenceName(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&evidenceRow{}, "OriginalName") {
		return nil
	}
	return tx.Migrator().AddColumn(&evidenceRow{}, "OriginalName")
}

// originalName returns the name worth keeping beside the cleaned one: the
// given name's last path element (the folders of the sender's computer are
// not the file's name), "" when it is the cleaned name; at most
// maxOriginalNameBytes, cut at a character boundary. given is valid UTF-8
// (CleanFileName refuses the rest).
func originalName(given, cleaned string) string {
	if i := strings.LastIndexAny(given, `/\`); i >= 0 {
		given = given[i+1:]
	}
	if given == cleaned {
		return ""
	}
	if len(given) > maxOriginalNameBytes {
		cut := maxOriginalNameBytes
		for cut > 0 && !utf8.RuneStart(given[cut]) {
			cut--
		}
		given = given[:cut]
	}
	return given
}
