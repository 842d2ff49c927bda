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
)

// timedBackend records when each answer was committed.
type timedBackend struct {
	tui.Backend
	who       string
	mu        *sync.Mutex
	committed map[string]time.Time // respondent/question → commit time
}

func (b timedBackend) SaveAnswer(q string, v scoring.Value) error {
	if err := b.Backend.SaveAnswer(q, v); err != nil {
		return err
	}
	b.mu.Lock()
	b.committed[b.who+"/"+q] = time.Now()
	b.mu.Unlock()
	return nil
}

// BenchmarkWorkshop_100Participants: 100 participants connected over SSH
// answer the first ten questions, one key every 100 ms each, once all have
// joined, each starting at a random moment; reported are the p50 and p99
// of the time from sending a key to its answer being committed. Clients
// and server share the machine.
func BenchmarkWorkshop_100Participants(b *testing.B) {
	for n := 0; n < b.N; n++ {
		r, addr, _ := serve(b, nil)
		var mu sync.Mutex
		committed := map[string]time.Time{}
		r.wrap = func(who string, back tui.Backend) tui.Backend {
			return timedBackend{Backend: back, who: who, mu: &mu, committed: committed}
		}
		qs := r.q.Questions()
		const participants, keys = 100, 10
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
				who := fmt.Sprintf("deelnemer-%03d", i)
				tm, _, err := tryJoin(b, addr, who)
				if err != nil {
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
		mu.Lock()
		for k, at := range committed {
			lat = append(lat, at.Sub(sent[k]))
		}
		mu.Unlock()
		if len(lat) != participants*keys {
			b.Fatalf("%d of %d answers committed", len(lat), participants*keys)
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}
