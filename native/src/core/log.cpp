#include "core/log.h"

#include <atomic>
#include <mutex>

namespace ember {

namespace {
struct Sink {
    std::mutex mu;  // guards the callback against a concurrent replacement
    ember_log_fn fn = nullptr;
    void *user_data = nullptr;
    std::atomic<int> min_level{EMBER_LOG_NONE};
};
Sink &sink() {
    static Sink *s = new Sink();
    return *s;
}
}  // namespace

void set_log_callback(ember_log_fn fn, void *user_data, ember_log_level min_level) {
    Sink &s = sink();
    std::lock_guard<std::mutex> lock(s.mu);
    s.fn = fn;
    s.user_data = user_data;
    s.min_level.store(fn ? min_level : EMBER_LOG_NONE, std::memory_order_release);
}

bool log_enabled(ember_log_level level) {
    return level < EMBER_LOG_NONE && level >= sink().min_level.load(std::memory_order_acquire);
}

void log_line(ember_log_level level, const char *message) {
    Sink &s = sink();
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.fn && level >= s.min_level.load(std::memory_order_relaxed)) s.fn(level, message, s.user_data);
}

}  // namespace ember
