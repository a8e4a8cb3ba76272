// oneDNN convolutions. oneDNN's fast kernels want blocked layouts (channels in blocks of 16:
// nChw16c data, OIhw16i16o weights); asking for format_tag::any lets each primitive choose, and
// reorders convert Ember's plain NCHW tensors on the way in and out (a few percent of the
// convolution's time; where oneDNN chooses a plain layout, such as its GEMM-based kernel for
// small channel counts, no reorder runs). Creating a primitive JIT-compiles code (tens of
// microseconds to milliseconds), so primitives and their reorders live in a thread-safe LRU
// cache keyed by everything that shapes them, the thread count included (oneDNN sizes its work
// split and scratchpad for the threads present at creation). Each call brings its own
// scratchpad (scratchpad_mode::user), so one cached primitive can run on several threads at once.
#ifdef EMBER_WITH_DNNL
#include "cpu/onednn_conv.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <array>
#include <cstdlib>
#include <cstring>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/allocator.h"
#include "core/log.h"
#include "core/parallel.h"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace ember::cpu {

namespace {

using dnnl::memory;
using tag = memory::format_tag;

dnnl::engine &engine() {
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
}

memory::data_type to_dnnl(DType d) {
    return d == DType::BFloat16 ? memory::data_type::bf16 : memory::data_type::f32;
}

// oneDNN (built on OpenMP) runs with the calling thread's OpenMP thread count, which
// ember_set_num_threads only sets on the thread that called it: bring this thread in line.
int sync_threads() {
    const int n = num_threads();
#ifdef _OPENMP
    if (omp_get_max_threads() != n) omp_set_num_threads(n);
#endif
    return n;
}

enum Pass : int64_t { kForward, kForwardBias, kBackwardData, kBackwardWeights };

struct Key {
    std::array<int64_t, 22> v{};
    bool operator==(const Key &o) const { return v == o.v; }
};
struct KeyHash {
    size_t operator()(const Key &k) const {
        uint64_t h = 1469598103934665603ull;  // FNV-1a over the words
        for (int64_t x : k.v) h = (h ^ static_cast<uint64_t>(x)) * 1099511628211ull;
        return static_cast<size_t>(h);
    }
};

// One argument of a primitive: the plain layout Ember holds it in, the layout the primitive
// wants, and the reorder between them (user -> inner for inputs, inner -> user for outputs;
// null when the layouts agree).
struct Operand {
    int arg = 0;
    bool output = false;
    memory::desc user, inner;
    std::shared_ptr<dnnl::reorder> reorder;
    memory::desc scratchpad;  // the reorder's
};

struct Entry {
    std::shared_ptr<dnnl::primitive> prim;  // null: oneDNN has only its reference kernel for this
    std::array<Operand, 4> operands;
    int count = 0;
    memory::desc scratchpad;
    size_t scratch_bytes = 0;  // the largest scratchpad of the primitive and its reorders
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

Key key_of(const ConvGeometry &g, Pass pass, int threads) {
    Key k;
    k.v = {pass,           static_cast<int64_t>(g.dtype), g.n,           g.c,           g.h,         g.w,
           g.k,            g.oh,                          g.ow,          g.groups,      g.kh,        g.kw,
           g.stride[0],    g.stride[1],                   g.dilation[0], g.dilation[1], g.pad[0],    g.pad[1],
           g.pad_end[0],   g.pad_end[1],                  threads,       0};
    return k;
}

// Plain layouts of the problem's tensors.
memory::desc plain_x(const ConvGeometry &g) { return {{g.n, g.c, g.h, g.w}, to_dnnl(g.dtype), tag::nchw}; }
memory::desc plain_y(const ConvGeometry &g) { return {{g.n, g.k, g.oh, g.ow}, to_dnnl(g.dtype), tag::nchw}; }
memory::desc plain_w(const ConvGeometry &g) {
    if (g.groups == 1) return {{g.k, g.c, g.kh, g.kw}, to_dnnl(g.dtype), tag::oihw};
    return {{g.groups, g.k / g.groups, g.c / g.groups, g.kh, g.kw}, to_dnnl(g.dtype), tag::goihw};
}
memory::desc any_like(const memory::desc &d) { return memory::desc(d.dims(), d.data_type(), tag::any); }

dnnl::primitive_attr user_scratchpad() {
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    return attr;
}

void add_operand(Entry &e, int arg, bool output, const memory::desc &user, const memory::desc &inner) {
    Operand &op = e.operands[static_cast<size_t>(e.count++)];
    op.arg = arg;
    op.output = output;
    op.user = user;
    op.inner = inner;
    if (user == inner) return;
    dnnl::reorder::primitive_desc pd = output
        ? dnnl::reorder::primitive_desc(engine(), inner, engine(), user, user_scratchpad())
        : dnnl::reorder::primitive_desc(engine(), user, engine(), inner, user_scratchpad());
    op.scratchpad = pd.scratchpad_desc();
    e.scratch_bytes = std::max(e.scratch_bytes, op.scratchpad.get_size());
    op.reorder = std::make_shared<dnnl::reorder>(pd);
}

bool is_reference(const dnnl::primitive_desc_base &pd, const ConvGeometry &g, const char *what) {
    const char *impl = pd.impl_info_str();
    if (std::strncmp(impl, "ref", 3) != 0) return false;
    log_message(EMBER_LOG_DEBUG, "oneDNN convolution ", what, ": only a reference kernel (", impl, ") for N", g.n, " C",
                g.c, " ", g.h, "x", g.w, " K", g.k, " ", g.kh, "x", g.kw, " groups ", g.groups,
                "; using the built-in kernels");
    return true;
}

Entry create(const ConvGeometry &g, Pass pass) {
    Entry e;
    const memory::dims strides{g.stride[0], g.stride[1]};
    const memory::dims dilates{g.dilation[0] - 1, g.dilation[1] - 1};  // oneDNN counts the gaps
    const memory::dims pad_l{g.pad[0], g.pad[1]}, pad_r{g.pad_end[0], g.pad_end[1]};
    const memory::desc x = plain_x(g), w = plain_w(g), y = plain_y(g);
    const memory::desc bias({g.k}, to_dnnl(g.dtype), tag::x);
    const dnnl::primitive_attr attr = user_scratchpad();
    try {
        using fwd = dnnl::convolution_forward;
        auto fwd_desc = [&](bool with_bias) {
            return with_bias ? fwd::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                                         any_like(x), any_like(w), bias, any_like(y), strides, dilates, pad_l, pad_r)
                             : fwd::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                                         any_like(x), any_like(w), any_like(y), strides, dilates, pad_l, pad_r);
        };
        if (pass == kForward || pass == kForwardBias) {
            fwd::primitive_desc pd(fwd_desc(pass == kForwardBias), attr, engine());
            if (is_reference(pd, g, "forward")) return e;
            add_operand(e, DNNL_ARG_SRC, false, x, pd.src_desc());
            add_operand(e, DNNL_ARG_WEIGHTS, false, w, pd.weights_desc());
            if (pass == kForwardBias) add_operand(e, DNNL_ARG_BIAS, false, bias, pd.bias_desc());
            add_operand(e, DNNL_ARG_DST, true, y, pd.dst_desc());
            e.scratchpad = pd.scratchpad_desc();
            e.prim = std::make_shared<fwd>(pd);
        } else if (pass == kBackwardData) {
            fwd::primitive_desc hint(fwd_desc(false), engine());
            using bwd = dnnl::convolution_backward_data;
            bwd::primitive_desc pd(bwd::desc(dnnl::algorithm::convolution_direct, any_like(x), any_like(w), any_like(y),
                                             strides, dilates, pad_l, pad_r),
                                   attr, engine(), hint);
            if (is_reference(pd, g, "backward data")) return e;
            add_operand(e, DNNL_ARG_DIFF_DST, false, y, pd.diff_dst_desc());
            add_operand(e, DNNL_ARG_WEIGHTS, false, w, pd.weights_desc());
            add_operand(e, DNNL_ARG_DIFF_SRC, true, x, pd.diff_src_desc());
            e.scratchpad = pd.scratchpad_desc();
            e.prim = std::make_shared<bwd>(pd);
        } else {
            fwd::primitive_desc hint(fwd_desc(false), engine());
            using bwd = dnnl::convolution_backward_weights;
            bwd::primitive_desc pd(bwd::desc(dnnl::algorithm::convolution_direct, any_like(x), any_like(w), any_like(y),
                                             strides, dilates, pad_l, pad_r),
                                   attr, engine(), hint);
            if (is_reference(pd, g, "backward weights")) return e;
            add_operand(e, DNNL_ARG_SRC, false, x, pd.src_desc());
            add_operand(e, DNNL_ARG_DIFF_DST, false, y, pd.diff_dst_desc());
            add_operand(e, DNNL_ARG_DIFF_WEIGHTS, true, w, pd.diff_weights_desc());
            e.scratchpad = pd.scratchpad_desc();
            e.prim = std::make_shared<bwd>(pd);
        }
        e.scratch_bytes = std::max(e.scratch_bytes, e.scratchpad.get_size());
    } catch (const dnnl::error &err) {
        log_message(EMBER_LOG_DEBUG, "oneDNN convolution unavailable: ", err.what());
        e.prim.reset();
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

// A temporary block from Ember's caching allocator (blocked copies of the operands).
class Block {
public:
    explicit Block(size_t bytes) : bytes_(bytes), p_(cpu_allocator().allocate(bytes)) {}
    ~Block() { cpu_allocator().deallocate(p_, bytes_); }
    Block(const Block &) = delete;
    Block &operator=(const Block &) = delete;
    void *get() const { return p_; }

private:
    size_t bytes_;
    void *p_;
};

// Runs pass on the user's buffers (one per operand, in the entry's order). Returns false when
// oneDNN cannot run it.
bool run(const ConvGeometry &g, Pass pass, std::initializer_list<const void *> buffers) {
    // oneDNN requires the padded input to reach the last window's end: pad_end > -stride.
    if (g.pad_end[0] + g.stride[0] <= 0 || g.pad_end[1] + g.stride[1] <= 0) return false;
    const int threads = sync_threads();
    const Key key = key_of(g, pass, threads);
    Entry e;
    if (!cache().find(key, &e)) {
        e = create(g, pass);
        cache().insert(key, e);
    }
    if (!e.prim) return false;
    try {
        thread_local dnnl::stream stream(engine());
        // The primitive and its reorders run one after another, so they share one scratchpad.
        void *scratch_ptr = e.scratch_bytes ? scratch(e.scratch_bytes) : nullptr;
        auto execute = [&](dnnl::primitive &p, std::unordered_map<int, memory> args, const memory::desc &sd) {
            if (sd.get_size()) args.emplace(DNNL_ARG_SCRATCHPAD, memory(sd, engine(), scratch_ptr));
            p.execute(stream, args);
        };
        std::unordered_map<int, memory> args;
        std::array<std::unique_ptr<Block>, 4> blocks;
        std::array<memory, 4> user, inner;
        auto it = buffers.begin();
        for (size_t i = 0; i < static_cast<size_t>(e.count); ++i, ++it) {
            const Operand &op = e.operands[i];
            user[i] = memory(op.user, engine(), const_cast<void *>(*it));
            if (!op.reorder) {
                args.emplace(op.arg, user[i]);
                continue;
            }
            blocks[i] = std::make_unique<Block>(op.inner.get_size());
            inner[i] = memory(op.inner, engine(), blocks[i]->get());
            args.emplace(op.arg, inner[i]);
            if (!op.output) execute(*op.reorder, {{DNNL_ARG_FROM, user[i]}, {DNNL_ARG_TO, inner[i]}}, op.scratchpad);
        }
        execute(*e.prim, std::move(args), e.scratchpad);
        for (size_t i = 0; i < static_cast<size_t>(e.count); ++i) {
            const Operand &op = e.operands[i];
            if (op.output && op.reorder)
                execute(*op.reorder, {{DNNL_ARG_FROM, inner[i]}, {DNNL_ARG_TO, user[i]}}, op.scratchpad);
        }
        stream.wait();
    } catch (const dnnl::error &err) {
        fail(Status::Internal, "oneDNN convolution failed: ", err.what());
    }
    return true;
}

}  // namespace

bool onednn_conv_enabled(DType dtype) {
    if (dtype != DType::Float32 && dtype != DType::BFloat16) return false;
    const char *env = std::getenv("EMBER_ONEDNN_CONV");
    return !(env && env[0] == '0' && env[1] == '\0');
}

bool onednn_conv_forward(const ConvGeometry &g, const void *x, const void *w, const void *bias, void *y) {
    if (bias) return run(g, kForwardBias, {x, w, bias, y});
    return run(g, kForward, {x, w, y});
}

bool onednn_conv_backward_data(const ConvGeometry &g, const void *gy, const void *w, void *gx) {
    return run(g, kBackwardData, {gy, w, gx});
}

bool onednn_conv_backward_weights(const ConvGeometry &g, const void *x, const void *gy, void *gw) {
    return run(g, kBackwardWeights, {x, gy, gw});
}

}  // namespace ember::cpu
#endif  // EMBER_WITH_DNNL
