package storage_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pingce/internal/domain"
	"pingce/internal/storage"
	"pingce/internal/storage/storagetest"
)

// The tests in this file re-execute the test binary as a child process that
// writes to an SQLite file (the classic helper-process pattern): TestMain
// runs the child instead of the tests when childEnv is set.
const childEnv = "PINGCE_STORAGE_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "saver" {
		os.Exit(childSaver())
	}
	os.Exit(m.Run())
}

// numericCatalog returns a catalog of n numeric items N0…N(n-1), so that
// every save can carry a distinct, increasing value.
func numericCatalog(n int) *domain.Catalog {
	c := &domain.Catalog{ID: "numeric", Version: "1", Title: "数值", Total: float64(10 * n),
		Grades: []domain.GradeBand{{Min: 0, Grade: "合格"}}}
	cat := &domain.Category{ID: "N", Title: "数值"}
	for i := 0; i < n; i++ {
		cat.Items = append(cat.Items, &domain.Item{ID: fmt.Sprintf("N%d", i), Title: "值", Max: 10,
			Method: domain.MethodNumeric, Linear: &domain.Linear{Zero: 0, Full: 1e9}})
	}
	c.Categories = []*domain.Category{cat}
	return c
}

// childSaver saves answers in a loop and prints "saved ITEM VALUE" after
// each commit and "evidence NAME" after each attached file. It reads its
// task from the environment: the database file, the assessment, the item
// range [LO, HI) and the values [FROM, TO) (TO 0: until killed).
func childSaver() int {
	geti := func(k string) int {
		v, _ := strconv.Atoi(os.Getenv("PINGCE_CHILD_" + k))
		return v
	}
	ctx := domain.WithActor(context.Background(), "child")
	s, err := storage.Open(ctx, os.Getenv("PINGCE_CHILD_DB"), storage.WithoutBackup())
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 3
	}
	defer s.Close()
	id := int64(geti("ASSESSMENT"))
	lo, hi, from, to := geti("LO"), geti("HI"), geti("FROM"), geti("TO")
	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(out, "ready")
	out.Flush()
	for i := from; to == 0 || i < to; i++ {
		item := fmt.Sprintf("N%d", lo+i%(hi-lo))
		if _, err := s.SaveAnswer(ctx, id, item, domain.Answer{Value: domain.Float(float64(i))}); err != nil {
			fmt.Fprintf(os.Stderr, "save %s=%d: %v\n", item, i, err)
			return 1
		}
		fmt.Fprintf(out, "saved %s %d\n", item, i)
		out.Flush()
		if i%7 == 0 {
			name := fmt.Sprintf("e%d.txt", i)
			if _, err := s.AddEvidence(ctx, id, item, name, strings.NewReader("evidence "+name)); err != nil {
				fmt.Fprintf(os.Stderr, "evidence %s: %v\n", name, err)
				return 1
			}
			fmt.Fprintf(out, "evidence %s\n", name)
			out.Flush()
		}
	}
	return 0
}

// child starts the test binary as a saver.
func child(t *testing.T, db string, id int64, lo, hi, from, to int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "LC_ALL=", "LANGUAGE=", childEnv+"=saver", "PINGCE_CHILD_DB="+db, // a well-formed locale: the test binary links Fyne's translations (exchange_h5_refused_test.go), which log on LANG=C
		fmt.Sprintf("PINGCE_CHILD_ASSESSMENT=%d", id), fmt.Sprintf("PINGCE_CHILD_LO=%d", lo),
		fmt.Sprintf("PINGCE_CHILD_HI=%d", hi), fmt.Sprintf("PINGCE_CHILD_FROM=%d", from),
		fmt.Sprintf("PINGCE_CHILD_TO=%d", to))
	return cmd
}

// reports collects what a child reported as saved.
type reports struct {
	mu       sync.Mutex
	ready    chan struct{}  // closed when the child has opened the file
	saved    chan struct{}  // closed at the first report of a save
	latest   map[string]int // item → highest value reported saved
	evidence []string
	max      int
}

func newReports() *reports {
	return &reports{ready: make(chan struct{}), saved: make(chan struct{}), latest: map[string]int{}, max: -1}
}

func (r *reports) read(sc *bufio.Scanner) {
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		r.mu.Lock()
		switch {
		case len(f) == 1 && f[0] == "ready":
			close(r.ready)
		case len(f) == 3 && f[0] == "saved":
			v, _ := strconv.Atoi(f[2])
			r.latest[f[1]] = max(r.latest[f[1]], v)
			if r.max < 0 {
				close(r.saved)
			}
			r.max = max(r.max, v)
		case len(f) == 2 && f[0] == "evidence":
			r.evidence = append(r.evidence, f[1])
		}
		r.mu.Unlock()
	}
}

// verify checks that the file is sound and holds everything reported.
func verify(t *testing.T, db string, id int64, r *reports) {
	t.Helper()
	s, err := storage.Open(ctx, db, storage.WithoutBackup())
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	probs, err := s.Check(ctx)
	if err != nil || len(probs) > 0 {
		t.Fatalf("check after kill: %v %v", probs, err)
	}
	ws, err := s.OpenAssessment(ctx, id)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for item, v := range r.latest {
		a, ok := ws.Answers.Answers[item]
		if !ok || a.Value == nil || int(*a.Value) < v {
			t.Fatalf("item %s: stored %+v, but %d was reported saved", item, a.Value, v)
		}
	}
	have := map[string]int64{}
	for _, evs := range ws.Evidence {
		for _, e := range evs {
			have[e.Name] = e.ID
		}
	}
	for _, name := range r.evidence {
		eid, ok := have[name]
		if !ok {
			t.Fatalf("evidence %s reported attached but missing", name)
		}
		b, err := s.EvidenceContent(ctx, eid)
		if err != nil || string(b) != "evidence "+name {
			t.Fatalf("evidence %s content %q (%v)", name, b, err)
		}
	}
}

// setupNumeric makes a file with the numeric catalog and one assessment.
func setupNumeric(t *testing.T, items int) (db string, id int64) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "pingce.db")
	s := storagetest.OpenFile(t, db)
	_, _, err := s.ImportCatalog(ctx, numericCatalog(items))
	mustOK(t, err)
	u := &domain.Unit{Name: "某某派出所", Type: "派出所"}
	mustOK(t, s.CreateUnit(ctx, u))
	a := &domain.Assessment{Unit: *u, Round: "2026-Q3", CatalogID: "numeric", CatalogVersion: "1"}
	mustOK(t, s.CreateAssessment(ctx, a))
	mustOK(t, s.Close())
	return db, a.ID
}

// TestCrash kills a saving child with SIGKILL at random moments; after each
// kill the file must pass the integrity check and hold every answer and file
// the child reported as saved.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	db, id := setupNumeric(t, 40)
	rep := newReports()
	next := 1
	const kills = 24
	for k := 0; k < kills; k++ {
		cmd := child(t, db, id, 0, 40, next, 0)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		mustOK(t, err)
		mustOK(t, cmd.Start())
		r := newReports()
		done := make(chan struct{})
		go func() { r.read(bufio.NewScanner(stdout)); close(done) }()
		select {
		case <-r.saved:
		case <-done:
			cmd.Wait()
			t.Fatalf("child %d ended before it was ready: %s", k, stderr.String())
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("child %d not ready after 30 s", k)
		}
		// A random moment after the first save: mid-transaction, mid-fsync,
		// between a commit and its report, or while attaching a file.
		time.Sleep(time.Duration(rand.IntN(60_000)) * time.Microsecond)
		mustOK(t, cmd.Process.Signal(syscall.SIGKILL))
		<-done
		cmd.Wait()
		if stderr.Len() > 0 {
			t.Fatalf("child %d failed: %s", k, stderr.String())
		}
		// Accumulate: an earlier child's report still has to hold.
		for item, v := range r.latest {
			rep.latest[item] = max(rep.latest[item], v)
		}
		rep.evidence = append(rep.evidence, r.evidence...)
		if r.max >= 0 {
			next = r.max + 2 // values stay increasing, whatever the child did after its last report
			rep.max = max(rep.max, r.max)
		}
		verify(t, db, id, rep)
	}
	t.Logf("%d kills; values saved up to %d, %d files attached", kills, rep.max, len(rep.evidence))
	if rep.max < 2*kills {
		t.Errorf("the children saved only up to %d in %d runs: the test did not exercise saving", rep.max, kills)
	}
}

// TestTwoProcesses runs two children that write to one file at once: nothing
// may be lost and no "database is locked" may reach them.
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	db, id := setupNumeric(t, 40)
	const n = 60
	var wg sync.WaitGroup
	reps := []*reports{newReports(), newReports()}
	errs := make([]string, 2)
	for c := 0; c < 2; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := child(t, db, id, c*20, c*20+20, 1, n+1)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				errs[c] = fmt.Sprintf("%v: %s", err, stderr.String())
			}
			reps[c].read(bufio.NewScanner(&stdout))
		}()
	}
	wg.Wait()
	for c, e := range errs {
		if e != "" {
			t.Fatalf("child %d: %s", c, e)
		}
	}
	all := newReports()
	for _, r := range reps {
		for item, v := range r.latest {
			all.latest[item] = v
		}
		all.evidence = append(all.evidence, r.evidence...)
	}
	if len(all.latest) != 40 {
		t.Fatalf("%d items reported, want 40", len(all.latest))
	}
	verify(t, db, id, all)
	s := storagetest.OpenFile(t, db)
	list, err := s.ListAssessments(ctx, domain.AssessmentFilter{})
	mustOK(t, err)
	if list[0].Answered != 40 {
		t.Errorf("cached summary says %d answered, want 40: a write lost the other's summary", list[0].Answered)
	}
}
