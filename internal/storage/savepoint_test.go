package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"
)

// TestNestedTransactions checks the savepoints of transactions inside a
// transaction (views from within): a nested transaction that succeeds keeps
// its writes and releases its savepoint at once, one that fails or panics
// undoes its own writes only, and the outer transaction goes on.
func TestNestedTransactions(t *testing.T) {
	errInner := errors.New("inner refused")
	tests := []struct {
		name  string
		inner func(tx *gorm.DB) error
		kept  bool // the inner write is there after the outer commit
		err   error
	}{
		{"succeeds", func(tx *gorm.DB) error { return write(tx, "inner") }, true, nil},
		{"fails", func(tx *gorm.DB) error {
			if err := write(tx, "inner"); err != nil {
				return err
			}
			return errInner
		}, false, errInner},
		{"panics", func(tx *gorm.DB) error {
			if err := write(tx, "inner"); err != nil {
				return err
			}
			panic("inner panicked")
		}, false, nil},
	}
	for dbName, s := range openBoth(t) {
		for _, tt := range tests {
			t.Run(dbName+"/"+tt.name, func(t *testing.T) {
				ctx := context.Background()
				must(t, s.db.Exec("DROP TABLE IF EXISTS nested_probe").Error)
				must(t, s.db.Exec("CREATE TABLE nested_probe (v TEXT)").Error)
				var last string
				err := s.transaction(ctx, func(tx *gorm.DB) error {
					if err := write(tx, "outer"); err != nil {
						return err
					}
					v := s.within(tx)
					err := func() (err error) {
						defer func() {
							if r := recover(); r != nil {
								err = fmt.Errorf("recovered: %v", r)
							}
						}()
						return v.transaction(ctx, tt.inner)
					}()
					last = fmt.Sprintf("pingce_sp%d", savepoints.Load())
					if tt.err != nil && !errors.Is(err, tt.err) {
						t.Errorf("nested transaction: %v, want %v", err, tt.err)
					}
					// Released: the savepoint is gone whatever the outcome. (The
					// probe runs under a savepoint of its own, as PostgreSQL
					// aborts a transaction at a failed statement.)
					must(t, tx.Exec("SAVEPOINT probe").Error)
					if err := tx.Exec("RELEASE SAVEPOINT " + last).Error; err == nil {
						t.Errorf("savepoint %s still open after the nested transaction", last)
					}
					must(t, tx.Exec("ROLLBACK TO SAVEPOINT probe").Error)
					return nil
				})
				if err != nil {
					t.Fatalf("outer transaction: %v", err)
				}
				var got []string
				must(t, s.db.Raw("SELECT v FROM nested_probe ORDER BY v").Scan(&got).Error)
				want := []string{"inner", "outer"}
				if !tt.kept {
					want = []string{"outer"}
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("rows %v, want %v", got, want)
				}
			})
		}
	}
}

func write(tx *gorm.DB, v string) error {
	return tx.Exec("INSERT INTO nested_probe (v) VALUES (?)", v).Error
}
