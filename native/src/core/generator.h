// Random number generators. Ember uses the counter-based Philox4x32-10 (Salmon et al., "Parallel
// random numbers: as easy as 1, 2, 3", SC 2011): a random block is a pure function of a key (the
// seed) and a 128-bit counter, so any element of any fill can be computed independently. A fill
// of n elements takes the counters offset .. offset+n-1 (element i in row-major order gets counter
// offset+i) and moves the generator's offset past them. Results are therefore identical whatever
// the number of threads, and (seed, offset) is the complete state.
#pragma once
#include <cstdint>
#include <mutex>

#include "ember/ember.h"

namespace ember {

// Where a fill starts in a generator's stream.
struct PhiloxStream {
    uint64_t seed = 0;
    uint64_t offset = 0;
};

// Four 32-bit random words.
struct PhiloxBlock {
    uint32_t w[4];
};

// Philox4x32-10 of a 128-bit counter (four words, least significant first) under a 64-bit key.
// Always inlined: kernels compiled for different instruction sets include this header, and an
// out-of-line copy would be shared between them.
[[gnu::always_inline]] inline PhiloxBlock philox4x32_10(const uint32_t counter[4], const uint32_t key[2]) {
    constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;    // round multipliers
    constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;  // key schedule increments
    uint32_t c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3], k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        uint64_t p0 = static_cast<uint64_t>(kMul0) * c0, p1 = static_cast<uint64_t>(kMul1) * c2;
        uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1 ^ k0;
        uint32_t n2 = static_cast<uint32_t>(p0 >> 32) ^ c3 ^ k1;
        c1 = static_cast<uint32_t>(p1);
        c3 = static_cast<uint32_t>(p0);
        c0 = n0;
        c2 = n2;
        k0 += kWeyl0;
        k1 += kWeyl1;
    }
    return PhiloxBlock{{c0, c1, c2, c3}};
}

// The block Ember draws for counter value `counter` of the stream keyed by `seed`: the counter
// fills the low 64 bits of Philox's 128-bit counter, the seed is the key.
[[gnu::always_inline]] inline PhiloxBlock philox_at(uint64_t seed, uint64_t counter) {
    const uint32_t c[4] = {static_cast<uint32_t>(counter), static_cast<uint32_t>(counter >> 32), 0, 0};
    const uint32_t k[2] = {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)};
    return philox4x32_10(c, k);
}

class Generator {
public:
    // PyTorch's default seed, so a fresh process starts from a fixed, documented state.
    static constexpr uint64_t kDefaultSeed = 67280421310721ull;

    explicit Generator(uint64_t seed = kDefaultSeed) : seed_(seed) {}
    Generator(const Generator &) = delete;
    Generator &operator=(const Generator &) = delete;

    void set_state(uint64_t seed, uint64_t offset);
    void get_state(uint64_t *seed, uint64_t *offset) const;
    // Reserves n counters for one fill and moves the offset past them. Atomic with respect to
    // other threads using the same generator (the default one is shared by everyone).
    PhiloxStream take(uint64_t n);

    // The process-wide generator used when a caller passes none.
    static Generator &default_generator();
    // The generator behind a C handle; NULL means the default generator.
    static Generator &from_c(ember_generator g) {
        return g ? *reinterpret_cast<Generator *>(g) : default_generator();
    }
    ember_generator to_c() { return reinterpret_cast<ember_generator>(this); }

private:
    mutable std::mutex mutex_;
    uint64_t seed_;
    uint64_t offset_ = 0;
};

}  // namespace ember
