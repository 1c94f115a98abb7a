package walk

import "pingce/internal/domain"

// Describe says in words how an item's method and parameters score — the
// sentence the walk generates for an item without a scoring text of its
// own, whatever text the item has — so that the catalog editor's preview
// reads as the walk will (internal/ui/catalogs). Its words are walk's
// translations (RegisterTranslations).
func Describe(it *domain.Item) string {
	c := *it
	c.Scoring = ""
	return describe(&c)
}
