package store_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/maturity-nl/maturity/internal/store"
)

// childEnv switches the test binary into a helper process: the crash test
// kills it at random moments, the read-only tests run it as another user.
const childEnv = "MATURITY_STORE_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "save":
		os.Exit(childSave(os.Getenv("MATURITY_DB")))
	case "write":
		os.Exit(childWrite(os.Getenv("MATURITY_DB")))
	case "read":
		os.Exit(childRead(os.Getenv("MATURITY_DB")))
	}
	os.Exit(3)
}

// childSave saves answers without end and prints "saved N" after each one
// is committed, so the parent knows what must survive a kill.
func childSave(path string) int {
	s, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	id, _ := strconv.ParseInt(os.Getenv("MATURITY_RESPONDENT"), 10, 64)
	out := bufio.NewWriter(os.Stdout)
	for n := 0; ; n++ {
		if err := s.SaveAnswer(ctx, id, fmt.Sprintf("q%06d", n), strconv.Itoa(1+n%5)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(out, "saved %d\n", n)
		out.Flush()
	}
}

// childWrite tries one write and prints the store's error code.
func childWrite(path string) int {
	s, err := store.Open(ctx, path)
	if err == nil {
		_, err = s.CreateDepartment(ctx, "Belastingen", "")
		s.Close()
	}
	fmt.Printf("code=%s\nerr=%v\n", store.ErrorCode(err), err)
	return 0
}

// childRead opens the database, lists its departments, says whether it
// is read-only and tries one write.
func childRead(path string) int {
	s, err := store.Open(ctx, path)
	if err != nil {
		fmt.Println("open:", err)
		return 0
	}
	defer s.Close()
	ds, err := s.Departments(ctx)
	if err != nil {
		fmt.Println("read:", err)
		return 0
	}
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
	}
	_, err = s.CreateDepartment(ctx, "Belastingen", "")
	fmt.Printf("departments=%s\nread-only=%v\nwrite code=%s\n", strings.Join(names, ","), s.ReadOnly(), store.ErrorCode(err))
	return 0
}
