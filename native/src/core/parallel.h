// Splitting work across the CPU threads. Small work stays on the calling thread: an OpenMP
// region costs microseconds, more than a small op itself.
#pragma once
#include <algorithm>
#include <cstdint>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace ember {

// Below this many elements an elementwise op runs on one thread.
inline constexpr int64_t kGrainSize = 32768;

int num_threads();
void set_num_threads(int n);

// Calls f(begin, end) on disjoint chunks of [begin, end) that cover it, in parallel when the
// range is at least `grain` long. f must not throw (set a flag and check it afterwards).
template <typename F>
void parallel_for(int64_t begin, int64_t end, int64_t grain, const F &f) {
    int64_t n = end - begin;
    if (n <= 0) return;
#ifdef _OPENMP
    int threads = num_threads();
    if (n >= grain && threads > 1 && !omp_in_parallel()) {
        int64_t chunks = std::min<int64_t>(threads, (n + grain - 1) / grain);
#pragma omp parallel num_threads(static_cast<int>(chunks))
        {
            int64_t t = omp_get_thread_num(), nt = omp_get_num_threads();
            int64_t per = (n + nt - 1) / nt;
            int64_t b = begin + t * per, e = std::min(end, b + per);
            if (b < e) f(b, e);
        }
        return;
    }
#endif
    f(begin, end);
}

}  // namespace ember
