package storage_test

import (
	"slices"
	"strings"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// TestUnitTypes checks that a unit's type must be one of the unit types of
// the catalogs, stored or built in, and that a refusal names the valid ones.
func TestUnitTypes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		cat := storagetest.Catalog()
		cat.ID, cat.UnitTypes = "border", []string{"市局", "边检站"}
		cat.Categories[1].Items[1].AppliesTo = []string{"边检站"}
		_, _, err := s.ImportCatalog(ctx, cat)
		mustOK(t, err)
		types, err := s.UnitTypes(ctx)
		mustOK(t, err)
		for _, want := range []string{"市局", "分县局", "派出所", "局直单位", "边检站"} { // built in, and stored
			if !slices.Contains(types, want) {
				t.Errorf("UnitTypes() = %v, lacks %s", types, want)
			}
		}
		for _, tc := range []struct{ name, typ, code string }{
			{"BuiltIn", "派出所", ""},
			{"Stored", "边检站", ""},
			{"Spaces", " 分县局 ", ""},
			{"Unknown", "任意类型", domain.EINVALID},
			{"Empty", "", domain.EINVALID},
		} {
			t.Run(tc.name, func(t *testing.T) {
				u := &domain.Unit{Name: "单位" + tc.name, Type: tc.typ}
				err := s.CreateUnit(ctx, u)
				wantCode(t, err, tc.code)
				if tc.code == "" {
					return
				}
				ps := domain.ErrorProblems(err)
				if tc.typ != "" && (len(ps) != 1 || ps[0].Code != domain.ProbUnknownUnitType ||
					!strings.Contains(ps[0].Args["types"], "派出所") || !strings.Contains(ps[0].Args["types"], "边检站") ||
					ps[0].Args["type"] != tc.typ) {
					t.Errorf("problems %+v, want one %s naming the type and the valid ones", ps, domain.ProbUnknownUnitType)
				}
			})
		}
		t.Run("UpdateToUnknown", func(t *testing.T) {
			u := &domain.Unit{Name: "甲派出所", Type: "派出所"}
			mustOK(t, s.CreateUnit(ctx, u))
			u.Type = "任意类型"
			wantCode(t, s.UpdateUnit(ctx, u), domain.EINVALID)
			got, err := s.FindUnit(ctx, u.ID)
			mustOK(t, err)
			if got.Type != "派出所" {
				t.Errorf("type after a refused update = %q", got.Type)
			}
		})
	})
}
