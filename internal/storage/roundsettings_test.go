package storage_test

import (
	"context"
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

func TestStore_RoundSettings(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		admin := domain.WithUser(context.Background(), domain.User{Name: "管理员", Roles: domain.Roles})
		var ids []int64
		for _, n := range []string{"东城区公安分局", "西城区公安分局", "临江县公安局"} {
			u := &domain.Unit{Name: n, Type: "分县局"}
			if err := s.CreateUnit(admin, u); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, u.ID)
		}
		t.Run("a round without settings", func(t *testing.T) {
			got, err := s.RoundSettings(admin, "2026-Q3")
			if err != nil || got.Groups != nil || got.Bands != (domain.Bands{}) {
				t.Fatalf("= %+v, %v; want the zero settings", got, err)
			}
		})
		want := domain.RoundSettings{Round: "2026-Q3",
			Groups: []domain.PeerGroup{{Name: "城区", UnitIDs: ids[:2]}, {Name: "县域", UnitIDs: ids[2:]}},
			Bands:  domain.Bands{Green: 0.95, Yellow: 0.85}}
		t.Run("OK", func(t *testing.T) {
			if err := s.SaveRoundSettings(admin, want); err != nil {
				t.Fatal(err)
			}
			got, err := s.RoundSettings(admin, "2026-Q3")
			if err != nil || len(got.Groups) != 2 || got.Groups[0].Name != "城区" || len(got.Groups[0].UnitIDs) != 2 ||
				got.Groups[1].UnitIDs[0] != ids[2] || got.Bands != want.Bands {
				t.Fatalf("= %+v, %v", got, err)
			}
			// Saving the same again writes no audit entry.
			before := countAudit(t, s, admin)
			if before == 0 {
				t.Fatal("saving the settings left no audit entry")
			}
			if err := s.SaveRoundSettings(admin, want); err != nil {
				t.Fatal(err)
			}
			if after := countAudit(t, s, admin); after != before {
				t.Errorf("audit %d → %d on a no-op", before, after)
			}
		})
		for _, tc := range []struct {
			name string
			ctx  context.Context
			rs   domain.RoundSettings
			code string
		}{
			{"a unit in two groups", admin, domain.RoundSettings{Round: "2026-Q3", Groups: []domain.PeerGroup{{Name: "甲", UnitIDs: ids[:1]}, {Name: "乙", UnitIDs: ids[:1]}}}, domain.EINVALID},
			{"a unit that does not exist", admin, domain.RoundSettings{Round: "2026-Q3", Groups: []domain.PeerGroup{{Name: "甲", UnitIDs: []int64{9999}}}}, domain.EINVALID},
			{"bands out of order", admin, domain.RoundSettings{Round: "2026-Q3", Bands: domain.Bands{Green: 0.7, Yellow: 0.8}}, domain.EINVALID},
			{"a group without a name", admin, domain.RoundSettings{Round: "2026-Q3", Groups: []domain.PeerGroup{{Name: " "}}}, domain.EINVALID},
			{"unit staff may not", domain.WithUser(context.Background(), domain.User{Name: "张三", Roles: []domain.Role{domain.RoleStaff}}), want, domain.EFORBIDDEN},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := s.SaveRoundSettings(tc.ctx, tc.rs)
				if domain.ErrorCode(err) != tc.code {
					t.Fatalf("error %v (code %s), want %s", err, domain.ErrorCode(err), tc.code)
				}
				got, _ := s.RoundSettings(admin, "2026-Q3")
				if len(got.Groups) != 2 || got.Bands != want.Bands {
					t.Errorf("settings changed to %+v", got)
				}
			})
		}
	})
}

// countAudit counts the audit entries of round settings.
func countAudit(t *testing.T, s *storage.Store, ctx context.Context) int {
	t.Helper()
	es, err := s.Audit(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}
