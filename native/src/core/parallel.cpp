#include "core/parallel.h"

#include <atomic>

namespace ember {

namespace {
std::atomic<int> g_threads{0};  // 0: not set yet, use OpenMP's default
}

int num_threads() {
    int n = g_threads.load(std::memory_order_relaxed);
    if (n > 0) return n;
#ifdef _OPENMP
    n = omp_get_max_threads();
#else
    n = 1;
#endif
    g_threads.store(n, std::memory_order_relaxed);
    return n;
}

void set_num_threads(int n) {
    g_threads.store(n, std::memory_order_relaxed);
#ifdef _OPENMP
    omp_set_num_threads(n);  // oneDNN shares the OpenMP runtime and follows this setting
#endif
}

}  // namespace ember
