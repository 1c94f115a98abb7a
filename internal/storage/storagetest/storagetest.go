// Package storagetest opens migrated test databases — SQLite in a temporary
// folder, or a fresh schema of the PostgreSQL database named by
// PINGCE_TEST_POSTGRES — and offers a small catalog to test against, and
// the round of four 派出所 of formats.md §3's worked example (RoundOfFour)
// for tests of round figures, ranking and standing.
package storagetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"pingce/internal/domain"
	"pingce/internal/storage"
)

// PostgresEnv names the environment variable holding the DSN of a
// PostgreSQL database for tests.
const PostgresEnv = "PINGCE_TEST_POSTGRES"

// Open returns a migrated SQLite store in tb.TempDir(), closed when the test
// ends.
func Open(tb testing.TB, opts ...storage.Option) *storage.Store {
	tb.Helper()
	return OpenFile(tb, filepath.Join(tb.TempDir(), "pingce.db"), opts...)
}

// OpenFile returns a migrated SQLite store in the given file, closed when
// the test ends.
func OpenFile(tb testing.TB, path string, opts ...storage.Option) *storage.Store {
	tb.Helper()
	s, err := storage.Open(context.Background(), path, opts...)
	if err != nil {
		tb.Fatalf("open sqlite store: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// OpenPostgres returns a migrated store in a new schema of the PostgreSQL
// database named by PINGCE_TEST_POSTGRES; the schema is dropped when the
// test ends. It skips the test when the variable is empty.
func OpenPostgres(tb testing.TB, opts ...storage.Option) *storage.Store {
	tb.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		tb.Skipf("%s is not set: no PostgreSQL to test against", PostgresEnv)
	}
	admin, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		tb.Fatalf("connect to postgres: %v", err)
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	schema := "pingce_test_" + hex.EncodeToString(rnd[:])
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		if db, err := admin.DB(); err == nil {
			db.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := storage.Open(context.Background(), u.String(), opts...)
	if err != nil {
		tb.Fatalf("open postgres store: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Each runs f as subtests "sqlite" and "postgres" (the latter skipped
// without PINGCE_TEST_POSTGRES), each with a fresh store.
func Each(t *testing.T, f func(t *testing.T, s *storage.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { f(t, Open(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, OpenPostgres(t)) })
}

// Catalog returns a small catalog (test@1, total 100) with one item of every
// method, a composite item, an item that requires evidence (A1), an item for
// 派出所 only (B2), a bonus item (X1) and a veto (V1).
func Catalog() *domain.Catalog {
	return &domain.Catalog{
		ID: "test", Version: "1", Title: "测试指标", Source: "tests", Total: 100,
		UnitTypes: []string{"市局", "分县局", "派出所", "局直单位"},
		Grades: []domain.GradeBand{{Min: 90, Grade: "优秀"}, {Min: 80, Grade: "良好"},
			{Min: 60, Grade: "合格"}, {Min: 0, Grade: "不合格"}},
		Vetoes:    []domain.Veto{{ID: "V1", Title: "弄虚作假"}},
		VetoGrade: "不予通过",
		BonusCap:  domain.Float(10),
		Categories: []*domain.Category{
			{ID: "A", Title: "基础工作", Items: []*domain.Item{
				{ID: "A1", Title: "制度健全", Max: 10, Method: domain.MethodCheck, EvidenceRequired: true},
				{ID: "A2", Title: "台账完整", Max: 20, Method: domain.MethodLevels,
					Levels: []domain.Level{{Label: "全部", Points: 20}, {Label: "部分", Points: 10}, {Label: "无", Points: 0}}},
				{ID: "A3", Title: "群众满意率", Max: 20, Method: domain.MethodNumeric, Unit: "%",
					Bands: []domain.Band{{AtLeast: domain.Float(90), Points: 20}, {AtLeast: domain.Float(80), Points: 10}}},
				{ID: "A4", Title: "警情同比", Max: 10, Method: domain.MethodNumeric, Change: true,
					Shortfall: &domain.Shortfall{Target: -10, Step: 1, Per: 2, LowerIsBetter: true}},
			}},
			{ID: "B", Title: "治安成效", Items: []*domain.Item{
				{ID: "B1", Title: "命案", Max: 20, Method: domain.MethodDeduct, Per: 5},
				{ID: "B2", Title: "社区警务", Max: 10, Method: domain.MethodCheck, AppliesTo: []string{"派出所"}},
				{ID: "B3", Title: "综合", Max: 10, Parts: []*domain.Item{
					{ID: "a", Title: "甲", Max: 5, Method: domain.MethodCheck},
					{ID: "b", Title: "乙", Max: 5, Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 100}},
				}},
			}},
			{ID: "X", Title: "加分项", Bonus: true, Items: []*domain.Item{
				{ID: "X1", Title: "创新做法", Max: 10, Method: domain.MethodCount, Per: 5},
			}},
		},
	}
}

// FullAnswers returns answers to every item of Catalog that applies to a
// 分县局, full marks except A2 (部分), with a note on A1.
func FullAnswers() map[string]domain.Answer {
	return map[string]domain.Answer{
		"A1": {Met: domain.Bool(true), Note: "制度汇编已印发"},
		"A2": {Level: "部分"},
		"A3": {Value: domain.Float(95)},
		"A4": {Value: domain.Float(85), Baseline: domain.Float(100)},
		"B1": {Count: domain.Int(0)},
		"B3": {Parts: map[string]domain.Answer{"a": {Met: domain.Bool(true)}, "b": {Value: domain.Float(100)}}},
	}
}

// BigCatalog returns a catalog of n check and levels items (n ≥ 1) in
// categories of 20, for benchmarks.
func BigCatalog(n int) *domain.Catalog {
	c := &domain.Catalog{ID: "big", Version: fmt.Sprint(n), Title: "大目录", Total: float64(10 * n),
		Grades: []domain.GradeBand{{Min: float64(9 * n), Grade: "优秀"}, {Min: 0, Grade: "合格"}}}
	var cat *domain.Category
	for i := 0; i < n; i++ {
		if i%20 == 0 {
			cat = &domain.Category{ID: fmt.Sprintf("C%d", i/20), Title: fmt.Sprintf("类别 %d", i/20)}
			c.Categories = append(c.Categories, cat)
		}
		it := &domain.Item{ID: fmt.Sprintf("I%d", i), Title: fmt.Sprintf("指标 %d", i), Max: 10,
			Requirement: "按要求落实各项工作，材料齐全，台账规范", Method: domain.MethodCheck}
		if i%2 == 1 {
			it.Method = domain.MethodLevels
			it.Levels = []domain.Level{{Label: "好", Points: 10}, {Label: "中", Points: 5}, {Label: "差", Points: 0}}
		}
		cat.Items = append(cat.Items, it)
	}
	return c
}

// Fixture stores Catalog, a 分县局 and a draft assessment of it for round
// 2026-Q3, and returns the assessment.
func Fixture(tb testing.TB, s *storage.Store) *domain.Assessment {
	tb.Helper()
	return FixtureWith(tb, s, Catalog(), &domain.Unit{Name: "某某区公安分局", Type: "分县局", Superior: "某某市公安局"})
}
