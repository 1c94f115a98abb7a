package storage_test

import (
	"testing"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

func TestProfileService(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, s *storage.Store) {
		t.Run("NoneYet", func(t *testing.T) {
			_, err := s.Profile(ctx)
			wantCode(t, err, domain.ENOTFOUND)
			if units, err := s.ListUnits(ctx); err != nil || len(units) != 0 {
				t.Errorf("asking for the profile made units %v (%v)", units, err)
			}
		})
		u := &domain.Unit{Name: "某某区公安分局", Type: "分县局"}
		mustOK(t, s.CreateUnit(ctx, u))
		t.Run("Save", func(t *testing.T) {
			p := domain.Profile{UnitID: u.ID, Operator: " 张三 ",
				Roles: []domain.Role{domain.RoleStaff, domain.RoleReviewer, domain.RoleStaff}}
			mustOK(t, s.SaveProfile(ctx, p))
			got, err := s.Profile(ctx)
			mustOK(t, err)
			if got.UnitID != u.ID || got.Operator != "张三" || len(got.Roles) != 2 ||
				got.Roles[0] != domain.RoleStaff || got.Roles[1] != domain.RoleReviewer ||
				got.UpdatedBy != "tester" || got.UpdatedAt.IsZero() || !got.Complete() {
				t.Errorf("profile %+v", got)
			}
			if usr := got.User(); usr.Name != "张三" || usr.Unit != 0 || !usr.Has(domain.RoleReviewer) {
				t.Errorf("user %+v", usr)
			}
		})
		t.Run("Replace", func(t *testing.T) {
			mustOK(t, s.SaveProfile(ctx, domain.Profile{UnitID: u.ID, Operator: "李四", Roles: []domain.Role{domain.RoleAdmin}}))
			got, err := s.Profile(ctx)
			mustOK(t, err)
			if got.Operator != "李四" || len(got.Roles) != 1 || got.Roles[0] != domain.RoleAdmin {
				t.Errorf("profile %+v", got)
			}
		})
		t.Run("ErrRefused", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				p    domain.Profile
				code string
			}{
				{"UnknownUnit", domain.Profile{UnitID: 999, Operator: "王五", Roles: []domain.Role{domain.RoleStaff}}, domain.ENOTFOUND},
				{"NoUnit", domain.Profile{Operator: "王五", Roles: []domain.Role{domain.RoleStaff}}, domain.ENOTFOUND},
				{"NoOperator", domain.Profile{UnitID: u.ID, Operator: "  ", Roles: []domain.Role{domain.RoleStaff}}, domain.EINVALID},
				{"ControlInName", domain.Profile{UnitID: u.ID, Operator: "王\n五", Roles: []domain.Role{domain.RoleStaff}}, domain.EINVALID},
				{"NoRole", domain.Profile{UnitID: u.ID, Operator: "王五"}, domain.EINVALID},
				{"UnknownRole", domain.Profile{UnitID: u.ID, Operator: "王五", Roles: []domain.Role{"boss"}}, domain.EINVALID},
			} {
				t.Run(tc.name, func(t *testing.T) {
					wantCode(t, s.SaveProfile(ctx, tc.p), tc.code)
					got, err := s.Profile(ctx)
					mustOK(t, err)
					if got.Operator != "李四" {
						t.Errorf("a refused save changed the profile: %+v", got)
					}
				})
			}
		})
		t.Run("Audited", func(t *testing.T) {
			var n int
			for _, e := range auditOf(t, s) {
				if e.Action == "profile_save" {
					n++
				}
			}
			// Saving the same profile again writes nothing.
			mustOK(t, s.SaveProfile(ctx, domain.Profile{UnitID: u.ID, Operator: "李四", Roles: []domain.Role{domain.RoleAdmin}}))
			m := 0
			for _, e := range auditOf(t, s) {
				if e.Action == "profile_save" {
					m++
				}
			}
			if n != 2 || m != 2 {
				t.Errorf("%d then %d profile_save entries, want 2 and 2", n, m)
			}
		})
	})
}

// auditOf returns the audit entries that belong to no assessment.
func auditOf(t *testing.T, s *storage.Store) []domain.AuditEntry {
	t.Helper()
	es, err := s.Audit(ctx, 0)
	mustOK(t, err)
	return es
}
