package pdf

import "runtime"

type runtimeStats struct{ alloc uint64 }

func (r *runtimeStats) read() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	r.alloc = m.TotalAlloc
}
