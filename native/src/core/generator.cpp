#include "core/generator.h"

namespace ember {

void Generator::set_state(uint64_t seed, uint64_t offset) {
    std::lock_guard lock(mutex_);
    seed_ = seed;
    offset_ = offset;
}

void Generator::get_state(uint64_t *seed, uint64_t *offset) const {
    std::lock_guard lock(mutex_);
    if (seed) *seed = seed_;
    if (offset) *offset = offset_;
}

PhiloxStream Generator::take(uint64_t n) {
    std::lock_guard lock(mutex_);
    PhiloxStream s{seed_, offset_};
    offset_ += n;
    return s;
}

Generator &Generator::default_generator() {
    static Generator g;
    return g;
}

}  // namespace ember
