package kit

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io/fs"
	"math"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"pingce/assets"
	"pingce/internal/domain"
	"pingce/internal/ui/uitest"
)

func TestTranslations(t *testing.T) {
	zh := uitest.LoadJSON(t, assets.Translations(), "zh_Hans.json")
	uitest.CheckTranslations(t, ".", zh)
}

// bundledFonts are the fonts the application gives its theme.
var bundledFonts = BundledFonts()

func TestTheme(t *testing.T) {
	tests := []struct {
		variant string
		asked   fyne.ThemeVariant
		want    fyne.ThemeVariant
	}{
		{ThemeSystem, theme.VariantDark, theme.VariantDark},
		{ThemeSystem, theme.VariantLight, theme.VariantLight},
		{ThemeLight, theme.VariantDark, theme.VariantLight},
		{ThemeDark, theme.VariantLight, theme.VariantDark},
	}
	for _, tc := range tests {
		t.Run(tc.variant, func(t *testing.T) {
			th := NewTheme(bundledFonts, tc.variant)
			got := th.Color(theme.ColorNameBackground, tc.asked)
			want := theme.DefaultTheme().Color(theme.ColorNameBackground, tc.want)
			if got != want {
				t.Fatalf("background = %v, want %v", got, want)
			}
		})
	}
	t.Run("fonts by style", func(t *testing.T) {
		th := NewTheme(bundledFonts, ThemeSystem)
		for _, tc := range []struct {
			style fyne.TextStyle
			want  []byte
		}{
			{fyne.TextStyle{}, assets.Font()},
			{fyne.TextStyle{Italic: true}, assets.Font()},
			{fyne.TextStyle{Monospace: true}, assets.Font()},
			{fyne.TextStyle{Bold: true}, assets.ChromeFont()},
			{fyne.TextStyle{Bold: true, Italic: true}, assets.ChromeFont()},
			{fyne.TextStyle{Symbol: true}, theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true}).Content()},
		} {
			if r := th.Font(tc.style); !bytes.Equal(r.Content(), tc.want) {
				t.Errorf("style %+v: %s, not the font it should be", tc.style, r.Name())
			}
		}
	})
	t.Run("bold falls back to the text font", func(t *testing.T) {
		th := NewTheme(Fonts{Text: assets.Font()}, ThemeSystem)
		if r := th.Font(fyne.TextStyle{Bold: true}); !bytes.Equal(r.Content(), assets.Font()) {
			t.Errorf("bold without a chrome font: %s", r.Name())
		}
	})
	t.Run("no fonts: Fyne's", func(t *testing.T) {
		th := NewTheme(Fonts{}, ThemeSystem)
		if r := th.Font(fyne.TextStyle{Bold: true}); r != theme.DefaultTheme().Font(fyne.TextStyle{Bold: true}) {
			t.Errorf("bold without fonts: %s", r.Name())
		}
	})
	t.Run("another variant keeps the fonts", func(t *testing.T) {
		th := NewTheme(bundledFonts, ThemeLight)
		d := th.WithVariant(ThemeDark)
		if d.Variant() != ThemeDark || th.Variant() != ThemeLight {
			t.Fatalf("variants %s, %s", th.Variant(), d.Variant())
		}
		for _, s := range []fyne.TextStyle{{}, {Bold: true}} {
			if d.Font(s) != th.Font(s) {
				t.Errorf("style %+v: the font resource changed", s)
			}
		}
	})
}

func TestErrorText(t *testing.T) {
	seen := map[string]string{}
	for _, code := range []string{domain.EINVALID, domain.ENOTFOUND, domain.ECONFLICT, domain.ELOCKED,
		domain.EBLOCKED, domain.ETOOLARGE, domain.EINTERNAL} {
		t.Run(code, func(t *testing.T) {
			s := ErrorText(domain.Errorf(code, "x"))
			if s == "" {
				t.Fatal("empty")
			}
			if other, dup := seen[s]; dup {
				t.Fatalf("same text as %s", other)
			}
			seen[s] = code
		})
	}
	t.Run("operating system errors", func(t *testing.T) {
		// A permission error is no domain error: it has its own sentence,
		// not "something went wrong" (the walk-through showed that).
		internal := ErrorText(errors.New("boom"))
		for _, err := range []error{
			fmt.Errorf("save: %w", os.ErrPermission),
			fmt.Errorf("open: %w", fs.ErrNotExist),
			errors.Join(errors.New("rename"), ErrFileInUse),
		} {
			if s := ErrorText(err); s == "" || s == internal {
				t.Errorf("ErrorText(%v) = %q, want its own sentence", err, s)
			}
		}
	})
	t.Run("problems are the details", func(t *testing.T) {
		err := &domain.Error{Code: domain.EINVALID, Message: "m", Problems: []domain.Problem{{ItemID: "A1", Msg: "bad"}}}
		if d := ErrorDetails(err); len(d) != 1 || d[0] != "item A1: bad" {
			t.Fatalf("details = %q", d)
		}
	})
}

// TestInputBorderVisible checks that radio circles and check boxes, drawn
// in the input border colour, stand out from the background in both
// variants (WCAG contrast of at least 2.5:1 for these graphical parts).
func TestInputBorderVisible(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark} {
		t.Run(variant, func(t *testing.T) {
			th := NewTheme(bundledFonts, variant)
			border := th.Color(theme.ColorNameInputBorder, theme.VariantLight)
			bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
			if c := contrast(border, bg); c < 2.5 {
				t.Errorf("input border %v on background %v: contrast %.2f, want ≥ 2.5", border, bg, c)
			}
		})
	}
}

// contrast returns the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestDisabledTextReadable checks that disabled text — every answer of a
// submitted assessment, and secondary labels — can be read, yet stays
// lighter than normal text.
func TestDisabledTextReadable(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark} {
		t.Run(variant, func(t *testing.T) {
			th := NewTheme(bundledFonts, variant)
			bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
			dis := contrast(th.Color(theme.ColorNameDisabled, theme.VariantLight), bg)
			fg := contrast(th.Color(theme.ColorNameForeground, theme.VariantLight), bg)
			if dis < 3.5 || dis >= fg {
				t.Errorf("disabled text contrast %.2f, normal %.2f; want 3.5 ≤ disabled < normal", dis, fg)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"whole", Number(95), "95"},
		{"one decimal", Number(95.5), "95.5"},
		{"two decimals", Number(95.25), "95.25"},
		{"rounded half away from zero", Number(1.005), "1.01"},
		{"no trailing zeros", Number(2.10), "2.1"},
		{"negative zero", Number(-0.001), "0"},
		{"negative", Number(-3.5), "-3.5"},
		{"signed positive", Signed(12.5), "+12.5"},
		{"signed negative", Signed(-4), "-4"},
		{"signed zero", Signed(0), "0"},
		{"percent", Percent(0.953), "95%"},
		{"percent full", Percent(1), "100%"},
		{"input keeps every digit", InputNumber(ptr(0.125)), "0.125"},
		{"input none", InputNumber(nil), ""},
		{"bytes", FileSize(512), "512 B"},
		{"kilobytes", FileSize(3584), "3.5 KB"},
		{"megabytes", FileSize(5 << 20), "5 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Fatalf("%q, want %q", tc.got, tc.want)
			}
		})
	}
}

func ptr(f float64) *float64 { return &f }

func TestAddTranslations(t *testing.T) {
	t.Run("the assets' files", func(t *testing.T) {
		if err := AddTranslations(assets.Translations(), "."); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a folder without files is an error", func(t *testing.T) {
		if err := AddTranslations(assets.Translations(), "nothing-here"); err == nil {
			t.Fatal("no error")
		}
	})
}
