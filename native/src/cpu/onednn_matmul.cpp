// oneDNN matmul. Creating a primitive costs tens of microseconds to milliseconds (it JIT-compiles
// kernels), so primitives live in a small thread-safe LRU cache keyed by everything that shapes
// them. Each call brings its own scratchpad (scratchpad_mode::user), which makes one cached
// primitive safe to run from several threads at once.
#ifdef EMBER_WITH_DNNL
#include "cpu/onednn_matmul.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <array>
#include <cstring>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/log.h"

namespace ember::cpu {

namespace {

using dnnl::memory;

memory::data_type to_dnnl(DType d) {
    switch (d) {
        case DType::Float32: return memory::data_type::f32;
        case DType::BFloat16: return memory::data_type::bf16;
        case DType::Float16: return memory::data_type::f16;
        default: return memory::data_type::undef;
    }
}

dnnl::engine &engine() {
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
}

// Everything a primitive depends on: dtype, shape, strides, and alpha/beta (baked into its
// attributes as output scale and sum post-op).
struct Key {
    std::array<int64_t, 15> v{};
    bool operator==(const Key &o) const { return v == o.v; }
};
struct KeyHash {
    size_t operator()(const Key &k) const {
        uint64_t h = 1469598103934665603ull;  // FNV-1a over the words
        for (int64_t x : k.v) h = (h ^ static_cast<uint64_t>(x)) * 1099511628211ull;
        return static_cast<size_t>(h);
    }
};

struct Entry {
    std::shared_ptr<dnnl::matmul> prim;  // null: oneDNN has only its reference kernel for this
    memory::desc a, b, c, scratchpad;
    size_t scratch_bytes = 0;
};

class PrimitiveCache {
public:
    static constexpr size_t kCapacity = 256;

    bool find(const Key &k, Entry *out) {
        std::lock_guard lock(mutex_);
        auto it = map_.find(k);
        if (it == map_.end()) return false;
        lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
        *out = it->second->second;
        return true;
    }
    void insert(const Key &k, const Entry &e) {
        std::lock_guard lock(mutex_);
        if (map_.count(k)) return;  // another thread created it meanwhile
        lru_.emplace_front(k, e);
        map_[k] = lru_.begin();
        if (lru_.size() > kCapacity) {
            map_.erase(lru_.back().first);
            lru_.pop_back();
        }
    }

private:
    std::mutex mutex_;
    std::list<std::pair<Key, Entry>> lru_;
    std::unordered_map<Key, std::list<std::pair<Key, Entry>>::iterator, KeyHash> map_;
};

PrimitiveCache &cache() {
    static PrimitiveCache c;
    return c;
}

uint64_t bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

// A matrix operand as a oneDNN memory descriptor: 2-D when there is one matrix, else 3-D with a
// batch of 1 for a broadcast operand. Strides of size-1 dims are arbitrary in Ember (as in
// PyTorch) but steer oneDNN's choice of kernel, so they are replaced by row-major ones.
memory::desc describe(memory::data_type dt, int64_t batch, int64_t bs, int64_t rows, int64_t cols, int64_t rs,
                      int64_t cs) {
    if (cols == 1) cs = 1;
    if (rows == 1) rs = cols * cs;
    if (batch == 1) return memory::desc({rows, cols}, dt, {rs, cs});
    if (bs == 0) return memory::desc({1, rows, cols}, dt, {rows * cols, rs, cs});
    return memory::desc({batch, rows, cols}, dt, {bs, rs, cs});
}

Entry create(const GemmProblem &p, float alpha, float beta) {
    Entry e;
    memory::data_type dt = to_dnnl(p.dtype);
    e.a = describe(dt, p.batch, p.a_bs, p.m, p.k, p.a_rs, p.a_cs);
    e.b = describe(dt, p.batch, p.b_bs, p.k, p.n, p.b_rs, p.b_cs);
    e.c = describe(dt, p.batch, p.c_bs, p.m, p.n, p.c_rs, p.c_cs);
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    if (alpha != 1.0f) attr.set_output_scales(0, {alpha});
    if (beta != 0.0f) {
        dnnl::post_ops ops;
        ops.append_sum(beta);
        attr.set_post_ops(ops);
    }
    try {
        dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(e.a, e.b, e.c), attr, engine());
        const char *impl = pd.impl_info_str();
        if (std::strncmp(impl, "ref", 3) == 0) {
            log_message(EMBER_LOG_DEBUG, "oneDNN matmul: only a reference kernel (", impl, ") for ", p.batch, "x", p.m,
                        "x", p.k, " @ ", p.k, "x", p.n, "; using another path");
            return e;
        }
        e.scratchpad = pd.scratchpad_desc();
        e.scratch_bytes = e.scratchpad.get_size();
        e.prim = std::make_shared<dnnl::matmul>(pd);
    } catch (const dnnl::error &err) {
        log_message(EMBER_LOG_DEBUG, "oneDNN matmul unavailable: ", err.what());
    }
    return e;
}

// Scratchpad memory of the calling thread, grown on demand.
void *scratch(size_t bytes) {
    thread_local std::unique_ptr<char[]> buffer;
    thread_local size_t capacity = 0;
    if (bytes + 64 > capacity) {
        capacity = bytes + 64;
        buffer.reset(new char[capacity]);
    }
    auto p = reinterpret_cast<uintptr_t>(buffer.get());
    return reinterpret_cast<void *>((p + 63) & ~uintptr_t(63));
}

}  // namespace

bool onednn_supports(DType dtype) {
    if (dtype == DType::Float32 || dtype == DType::BFloat16) return true;
    if (dtype != DType::Float16) return false;
    // float16 matmul needs CPU support that oneDNN 2.x does not emulate: ask it once.
    static const bool f16 = [] {
        try {
            memory::desc md({16, 16}, memory::data_type::f16, memory::format_tag::ab);
            dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(md, md, md), engine());
            return std::strncmp(pd.impl_info_str(), "ref", 3) != 0;
        } catch (const dnnl::error &) {
            return false;
        }
    }();
    return f16;
}

bool onednn_matmul(const GemmProblem &p) {
    if (!onednn_supports(p.dtype) || p.batch <= 0 || p.m <= 0 || p.n <= 0 || p.k <= 0) return false;
    // A batch in which both operands are broadcast has no oneDNN form (nor any use).
    if (p.batch > 1 && p.a_bs == 0 && p.b_bs == 0) return false;
    const float alpha = static_cast<float>(p.alpha.to<double>()), beta = static_cast<float>(p.beta.to<double>());
    Key key;
    key.v = {static_cast<int64_t>(p.dtype), p.batch, p.m, p.n, p.k, p.a_bs, p.a_rs, p.a_cs, p.b_bs, p.b_rs,
             p.b_cs, p.c_bs, p.c_rs, p.c_cs, static_cast<int64_t>((bits(alpha) << 32) | bits(beta))};
    Entry e;
    if (!cache().find(key, &e)) {
        e = create(p, alpha, beta);
        cache().insert(key, e);
    }
    if (!e.prim) return false;
    try {
        thread_local dnnl::stream stream(engine());
        memory a(e.a, engine(), const_cast<void *>(p.a));
        memory b(e.b, engine(), const_cast<void *>(p.b));
        memory c(e.c, engine(), p.c);
        std::unordered_map<int, memory> args{{DNNL_ARG_SRC, a}, {DNNL_ARG_WEIGHTS, b}, {DNNL_ARG_DST, c}};
        if (e.scratch_bytes)
            args.emplace(DNNL_ARG_SCRATCHPAD, memory(e.scratchpad, engine(), scratch(e.scratch_bytes)));
        e.prim->execute(stream, args);
        stream.wait();
    } catch (const dnnl::error &err) {
        fail(Status::Internal, "oneDNN matmul failed: ", err.what());
    }
    return true;
}

}  // namespace ember::cpu
#endif  // EMBER_WITH_DNNL
