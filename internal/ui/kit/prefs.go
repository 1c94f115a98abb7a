package kit

// Preferences keys shared by the shell and the screens; a screen that alone
// uses a key keeps it (export.PrefDir).
const (
	// PrefThemeVariant is the colour scheme: ThemeSystem, ThemeLight or ThemeDark.
	PrefThemeVariant = "theme.variant"
)

// Values of PrefThemeVariant.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)
