package catalog

import (
	"strings"
	"testing"
)

// TestLead reads and writes an item's lead (牵头单位, formats.md §4).
func TestLead(t *testing.T) {
	src := `format: pingce/catalog@1
id: lead
version: "1"
title: 牵头单位
total: 10
grades: [{min: 0, grade: 合格}]
categories:
  - id: A
    title: 类目
    items:
      - {id: A1, title: 指标, max: 10, lead: 市局治安支队, method: check}
`
	c, err := Parse("lead.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Item("A1").Lead; got != "市局治安支队" {
		t.Fatalf("lead %q", got)
	}
	out, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "lead: 市局治安支队") {
		t.Fatalf("Marshal lost the lead:\n%s", out)
	}
	c2, err := Parse("out.yaml", out)
	if err != nil || c2.Item("A1").Lead != "市局治安支队" {
		t.Fatalf("read back: %v", err)
	}
}
