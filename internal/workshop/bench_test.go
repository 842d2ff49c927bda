package workshop_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/maturity-nl/maturity/internal/scoring"
	"github.com/maturity-nl/maturity/internal/tui"
	gossh "golang.org/x/crypto/ssh"
)

// timedRoom records when each answer was committed.
type timedRoom struct {
	*room
	mu        sync.Mutex
	committed map[string]time.Time // respondent/question → commit time
}

type timedBackend struct {
	backend
	room *timedRoom
	who  string
}

func (b timedBackend) SaveAnswer(q string, v scoring.Value) error {
	if err := b.backend.SaveAnswer(q, v); err != nil {
		return err
	}
	b.room.mu.Lock()
	b.room.committed[b.who+"/"+q] = time.Now()
	b.room.mu.Unlock()
	return nil
}

func (r *timedRoom) Join(pseudonym string) (tui.Session, error) {
	s, err := r.room.Join(pseudonym)
	if err != nil {
		return s, err
	}
	s.Backend = timedBackend{backend: s.Backend.(backend), room: r, who: pseudonym}
	return s, nil
}

// BenchmarkWorkshop_100Participants: 100 participants connected over SSH
// answer the first ten questions, one key every 100 ms each, once all have
// joined, each starting at a random moment; reported are the p50 and p99 of the time from sending a key to
// its answer being committed. Clients and server share the machine.
func BenchmarkWorkshop_100Participants(b *testing.B) {
	for n := 0; n < b.N; n++ {
		base, addr := serveRoom(b, func(r *room) workshopRoom { return &timedRoom{room: r, committed: map[string]time.Time{}} })
		tr := base.(*timedRoom)
		qs := tr.q.Questions()
		const participants, keys = 100, 10
		var mu sync.Mutex
		sent := map[string]time.Time{}
		var wg, joined sync.WaitGroup
		joined.Add(participants)
		for i := 0; i < participants; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				var once sync.Once
				arrived := func() { once.Do(joined.Done) }
				defer arrived()
				c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "p", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second})
				if err != nil {
					b.Error(err)
					return
				}
				defer c.Close()
				tm, err := shell(c)
				if err != nil {
					b.Error(err)
					return
				}
				who := fmt.Sprintf("deelnemer-%03d", i)
				io.WriteString(tm.in, code+"\r")
				if err := tm.waitFor("schuilnaam", 60*time.Second); err != nil {
					b.Error(err)
					return
				}
				io.WriteString(tm.in, who+"\r")
				if err := tm.waitFor("vraag 1/48", 60*time.Second); err != nil {
					b.Error(err)
					return
				}
				// Everyone types once everyone has joined: the figure is
				// the steady state of a workshop, not its start.
				arrived()
				joined.Wait()
				// People do not press keys in step: start at a random
				// moment within the first 100 ms.
				time.Sleep(time.Duration(rand.IntN(100)) * time.Millisecond)
				for k := 0; k < keys; k++ {
					mu.Lock()
					sent[who+"/"+qs[k].ID] = time.Now()
					mu.Unlock()
					io.WriteString(tm.in, fmt.Sprint(k%5+1)) // a level 1–5
					time.Sleep(100 * time.Millisecond)
				}
				time.Sleep(time.Second)
				io.WriteString(tm.in, "q")
			}(i)
		}
		wg.Wait()
		var lat []time.Duration
		tr.mu.Lock()
		for k, at := range tr.committed {
			lat = append(lat, at.Sub(sent[k]))
		}
		tr.mu.Unlock()
		if len(lat) != participants*keys {
			b.Fatalf("%d of %d answers committed", len(lat), participants*keys)
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}
