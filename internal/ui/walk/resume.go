package walk

import (
	"strconv"
	"strings"
)

// The item the user was on is remembered per assessment (in the app's
// preferences, which Fyne writes at once), so that after a crash or a
// restart the view opens where they were, not at the first unanswered item.

// resumeKey is the preference key of the assessment's current item. The
// database may change (a demo, a copy), so the key names the assessment by
// its unit, round and catalog as well as its id.
func (v *View) resumeKey() string {
	a := v.ws.Assessment
	return "walk.item/" + strings.Join([]string{strconv.FormatInt(a.ID, 10), a.Unit.Name, a.Round, v.ws.Catalog.Ref()}, "/")
}

// rememberedItem returns the item to resume at, or "" when none is
// remembered or the catalog has no such item.
func (v *View) rememberedItem() string {
	if v.deps.App == nil {
		return ""
	}
	id := v.deps.App.Preferences().String(v.resumeKey())
	if id == "" || v.ws.Catalog.Item(id) == nil {
		return ""
	}
	return id
}

// rememberItem stores the item shown.
func (v *View) rememberItem(id string) {
	if v.deps.App == nil {
		return
	}
	p := v.deps.App.Preferences()
	if p.String(v.resumeKey()) != id {
		p.SetString(v.resumeKey(), id)
	}
}
