// CPU kernels for the indexing ops (ops/indexing.h). Indices are validated before data moves
// (IndexRangeKernel, IndexOffsetsKernel), so the copying kernels never read or write out of
// bounds and never need to report errors from a parallel region. Writes that may hit one element
// more than once (scatter, index_put) are partitioned so that each element is owned by one
// thread and receives its updates in index order: results are deterministic.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <vector>

#include "core/convert.h"
#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/indexing.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

// Walks a row-major index space and keeps the element offsets of N operands. Size-1 dims are
// dropped and dims that are contiguous for every operand are merged, so most walks are short.
template <int N>
class Walker {
public:
    Walker(IntArrayRef sizes, const std::array<IntArrayRef, N> &strides) {
        for (size_t d = 0; d < sizes.size(); ++d) {
            if (sizes[d] == 1) continue;
            bool merge = !sizes_.empty();
            for (int k = 0; k < N && merge; ++k) merge = strides_[k].back() == strides[k][d] * sizes[d];
            if (merge) {
                sizes_.back() *= sizes[d];
                for (int k = 0; k < N; ++k) strides_[k].back() = strides[k][d];
            } else {
                sizes_.push_back(sizes[d]);
                for (int k = 0; k < N; ++k) strides_[k].push_back(strides[k][d]);
            }
        }
        counter_.resize(sizes_.size());
    }
    int ndim() const { return static_cast<int>(sizes_.size()); }
    int64_t stride(int k, int d) const { return strides_[k][d]; }
    // Moves to the element with row-major number `linear`.
    void seek(int64_t linear) {
        off.fill(0);
        for (int d = ndim() - 1; d >= 0; --d) {
            int64_t c = linear % sizes_[d];
            linear /= sizes_[d];
            counter_[d] = c;
            for (int k = 0; k < N; ++k) off[k] += c * strides_[k][d];
        }
    }
    void next() { carry_from(ndim() - 1); }
    // The innermost dim: elements left in the current run along it, and operand k's stride.
    int64_t run_left() const { return ndim() ? sizes_.back() - counter_.back() : 1; }
    int64_t run_stride(int k) const { return ndim() ? strides_[k].back() : 0; }
    // Moves m <= run_left() elements ahead.
    void skip(int64_t m) {
        if (ndim() == 0) return;
        const int d = ndim() - 1;
        counter_[d] += m - 1;
        for (int k = 0; k < N; ++k) off[k] += (m - 1) * strides_[k][d];
        carry_from(d);
    }
    std::array<int64_t, N> off{};

private:
    void carry_from(int d) {
        for (; d >= 0; --d) {
            for (int k = 0; k < N; ++k) off[k] += strides_[k][d];
            if (++counter_[d] < sizes_[d]) return;
            for (int k = 0; k < N; ++k) off[k] -= sizes_[d] * strides_[k][d];
            counter_[d] = 0;
        }
    }

    DimVector sizes_, counter_;
    std::array<DimVector, N> strides_;
};

int64_t product(IntArrayRef s) {
    int64_t n = 1;
    for (int64_t v : s) n *= v;
    return n;
}

// Moves that do not look at values run on unsigned integers of the element's size.
template <typename F>
void visit_size(size_t n, F &&f) {
    switch (n) {
        case 1: return f.template operator()<uint8_t>();
        case 2: return f.template operator()<uint16_t>();
        case 4: return f.template operator()<uint32_t>();
        default: return f.template operator()<uint64_t>();
    }
}

template <typename I>
void visit_index(DType t, I &&f) {
    if (t == DType::Int32) f.template operator()<int32_t>();
    else f.template operator()<int64_t>();
}

// a + b and a * b as PyTorch's CPU kernels compute them in T: bool as or/and, 16-bit floats
// through float with one rounding, integers wrapping around.
template <typename T>
T add_value(T a, T b) {
    if constexpr (std::is_same_v<T, bool>) return a || b;
    else if constexpr (is_reduced_float_v<T>) return T(static_cast<float>(a) + static_cast<float>(b));
    else if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
    else return a + b;
}
template <typename T>
T mul_value(T a, T b) {
    if constexpr (std::is_same_v<T, bool>) return a && b;
    else if constexpr (is_reduced_float_v<T>) return T(static_cast<float>(a) * static_cast<float>(b));
    else if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
    else return a * b;
}

// ---- validation ----------------------------------------------------------------------------

template <typename I>
bool in_range(I v, int64_t size, bool allow_negative) {
    int64_t x = static_cast<int64_t>(v);
    if (x < 0 && allow_negative) x += size;
    return x >= 0 && x < size;
}

IndexFault index_range_kernel(const Tensor &index, int64_t size, bool allow_negative) {
    IndexFault fault;
    visit_index(index.dtype(), [&]<typename I>() {
        const I *p = index.data<I>();
        const int64_t n = index.numel();
        // A min/max reduction vectorises; the rare failure is located afterwards.
        std::atomic<bool> bad{false};
        const int64_t lo = allow_negative ? -size : 0;
        parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
            I mn = p[b], mx = p[b];
            for (int64_t i = b; i < e; ++i) {  // (std::min/max would not vectorise)
                const I v = p[i];
                mn = v < mn ? v : mn;
                mx = v > mx ? v : mx;
            }
            if (static_cast<int64_t>(mn) < lo || static_cast<int64_t>(mx) >= size) bad.store(true, std::memory_order_relaxed);
        });
        if (!bad.load()) return;
        for (int64_t i = 0; i < n; ++i)  // the first bad one, for a deterministic message
            if (!in_range(p[i], size, allow_negative)) { fault = {i, 0, static_cast<int64_t>(p[i])}; return; }
    });
    return fault;
}

// off[i] += idx[i] * stride for n indices into a dim of `size` (negative ones + wrap_add);
// returns whether one was out of range (it then adds nothing). Branch-free, so that it vectorises.
template <typename I>
bool add_offsets(const I *__restrict idx, int64_t *__restrict off, int64_t n, int64_t size, int64_t stride,
                 int64_t wrap_add) {
    int64_t bad = 0;
    for (int64_t i = 0; i < n; ++i) {
        int64_t v = static_cast<int64_t>(idx[i]);
        v += v < 0 ? wrap_add : 0;
        const int64_t out = (v < 0) | (v >= size);
        bad |= out;
        off[i] += (out ? 0 : v) * stride;
    }
    return bad != 0;
}

IndexFault index_offsets_kernel(const IndexPlan &plan, const Tensor &offsets) {
    const int64_t n = plan.index_numel;
    int64_t *off = offsets.data<int64_t>();
    parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) { std::fill(off + b, off + e, int64_t(0)); });
    std::atomic<bool> bad{false};
    for (size_t k = 0; k < plan.indices.size(); ++k) {
        const int64_t size = plan.dim_sizes[k], stride = plan.dim_strides[k];
        const int64_t wrap_add = plan.wrap_negative ? size : 0;
        visit_index(plan.indices[k].dtype(), [&]<typename I>() {
            const I *idx = plan.indices[k].data<I>();
            parallel_for(0, n, kGrainSize, [&](int64_t b, int64_t e) {
                if (add_offsets(idx + b, off + b, e - b, size, stride, wrap_add)) bad.store(true, std::memory_order_relaxed);
            });
        });
    }
    IndexFault fault;
    if (!bad.load()) return fault;
    for (int64_t i = 0; i < n && fault.ok(); ++i) {
        for (size_t k = 0; k < plan.indices.size() && fault.ok(); ++k) {
            visit_index(plan.indices[k].dtype(), [&]<typename I>() {
                I v = plan.indices[k].data<I>()[i];
                if (!in_range(v, plan.dim_sizes[k], plan.wrap_negative))
                    fault = {i, static_cast<int>(k), static_cast<int64_t>(v)};
            });
        }
    }
    return fault;
}

// ---- advanced indexing ---------------------------------------------------------------------

// Copies the inner block of self at src (walked by w) into the contiguous run dst of n elements.
template <typename E>
void read_block(const E *src, E *dst, Walker<1> &w, int64_t n) {
    if (w.ndim() == 0) {
        dst[0] = src[0];
    } else if (w.ndim() == 1) {
        const int64_t s = w.stride(0, 0);
        if (s == 1) std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(E));
        else for (int64_t i = 0; i < n; ++i) dst[i] = src[i * s];
    } else {
        w.seek(0);
        for (int64_t i = 0; i < n; ++i, w.next()) dst[i] = src[w.off[0]];
    }
}

void index_gather_kernel(const IndexPlan &plan, const Tensor &offsets, const Tensor &out) {
    const int64_t n_outer = product(plan.outer_sizes), n_b = plan.index_numel, n_inner = product(plan.inner_sizes);
    if (n_outer == 0 || n_b == 0 || n_inner == 0) return;
    const Walker<1> outer(plan.outer_sizes, {plan.outer_strides}), inner(plan.inner_sizes, {plan.inner_strides});
    const int64_t *off = offsets.data<int64_t>();
    visit_size(plan.self.element_size(), [&]<typename E>() {
        const E *src = static_cast<const E *>(plan.self.data_ptr());
        E *dst = out.data<E>();
        // One row per (outer position, index position): a block of n_inner elements.
        parallel_for(0, n_outer * n_b, std::max<int64_t>(1, kGrainSize / n_inner), [&](int64_t b, int64_t e) {
            Walker<1> ow = outer, iw = inner;
            ow.seek(b / n_b);
            for (int64_t r = b; r < e;) {  // the rows of one outer position at a time
                const int64_t j0 = r % n_b, j1 = std::min(n_b, j0 + (e - r));
                const E *base = src + ow.off[0];
                E *d = dst + (r - j0) * n_inner;
                if (n_inner == 1) {
                    for (int64_t j = j0; j < j1; ++j) d[j] = base[off[j]];
                } else {
                    for (int64_t j = j0; j < j1; ++j) read_block(base + off[j], d + j * n_inner, iw, n_inner);
                }
                r += j1 - j0;
                ow.next();
            }
        });
    });
}

// Applies op to the elements [i0, i1) of an inner block of self at dst from the contiguous run v.
template <typename T, typename Op>
void write_block(T *dst, const T *v, Walker<1> &w, int64_t i0, int64_t i1, const Op &op) {
    if (w.ndim() == 0) {
        dst[0] = op(dst[0], v[0]);
    } else if (w.ndim() == 1) {
        const int64_t s = w.stride(0, 0);
        for (int64_t i = i0; i < i1; ++i) dst[i * s] = op(dst[i * s], v[i]);
    } else {
        w.seek(i0);
        for (int64_t i = i0; i < i1; ++i, w.next()) dst[w.off[0]] = op(dst[w.off[0]], v[i]);
    }
}

void index_put_kernel(const IndexPlan &plan, const Tensor &offsets, const Tensor &values, bool accumulate) {
    const int64_t n_outer = product(plan.outer_sizes), n_b = plan.index_numel, n_inner = product(plan.inner_sizes);
    if (n_outer == 0 || n_b == 0 || n_inner == 0) return;
    const Walker<1> outer(plan.outer_sizes, {plan.outer_strides}), inner(plan.inner_sizes, {plan.inner_strides});
    const int64_t *off = offsets.data<int64_t>();
    auto run = [&]<typename T>(auto op) {
        T *dst = static_cast<T *>(plan.self.data_ptr());
        const T *val = values.data<T>();
        // Threads split the (outer, inner) positions; each applies every index position to its
        // own elements in B's order, so repeated indices resolve the same way on any thread count.
        parallel_for(0, n_outer * n_inner, std::max<int64_t>(1, kGrainSize / n_b), [&](int64_t b, int64_t e) {
            Walker<1> ow = outer, iw = inner;
            int64_t o = b / n_inner, i0 = b % n_inner;
            ow.seek(o);
            while (b < e) {
                int64_t i1 = std::min(n_inner, i0 + (e - b));
                for (int64_t j = 0; j < n_b; ++j)
                    write_block(dst + ow.off[0] + off[j], val + (o * n_b + j) * n_inner, iw, i0, i1, op);
                b += i1 - i0;
                i0 = 0;
                ++o;
                ow.next();
            }
        });
    };
    if (!accumulate) {
        visit_size(plan.self.element_size(), [&]<typename E>() { run.template operator()<E>([](E, E v) { return v; }); });
    } else {
        visit_dtype(plan.self.dtype(), "index_put", [&]<typename T>() {
            run.template operator()<T>([](T a, T v) { return add_value(a, v); });
        });
    }
}

// ---- gather / scatter along a dim ----------------------------------------------------------

// The positions of index with dim left out: rows along dim share every other coordinate.
DimVector rows_shape(const Tensor &index, int64_t dim) {
    DimVector s(index.sizes());
    s[dim] = 1;
    return s;
}

// Calls f(offsets, m) for each run of m rows in [b, e) that are consecutive along the innermost
// dim of the rows walker (whose strides are then rows.run_stride(k)).
template <typename F>
void for_row_runs(const Walker<3> &rows, int64_t b, int64_t e, const F &f) {
    Walker<3> w = rows;
    w.seek(b);
    while (b < e) {
        int64_t m = std::min(w.run_left(), e - b);
        f(w.off, m);
        w.skip(m);
        b += m;
    }
}

// Loops over a run of m rows of n elements along dim: element j of row t is at t * r[k] + j * s[k]
// for operands 0 and 1 and at row offset t * r[2] for operand 2 (the one indexed). When rows lie
// closer together in memory than elements along dim (dim is not the innermost dim), the loop runs
// along the rows for each j, so memory is read in order; either way each row sees its elements in
// increasing j. f returns true for a bad index; the loop returns whether any was bad.
template <typename F>
bool row_run_loop(int64_t m, int64_t n, const std::array<int64_t, 3> &r, const std::array<int64_t, 2> &s, const F &f) {
    bool bad = false;
    if (m > 1 && std::abs(r[0]) < std::abs(s[0])) {
        if (r[0] == 1 && r[1] == 1 && r[2] == 1) {
            for (int64_t j = 0; j < n; ++j)
                for (int64_t t = 0; t < m; ++t) bad |= f(t + j * s[0], t + j * s[1], t);
        } else {
            for (int64_t j = 0; j < n; ++j)
                for (int64_t t = 0; t < m; ++t) bad |= f(t * r[0] + j * s[0], t * r[1] + j * s[1], t * r[2]);
        }
    } else {
        if (s[0] == 1 && s[1] == 1) {
            for (int64_t t = 0; t < m; ++t)
                for (int64_t j = 0; j < n; ++j) bad |= f(t * r[0] + j, t * r[1] + j, t * r[2]);
        } else {
            for (int64_t t = 0; t < m; ++t)
                for (int64_t j = 0; j < n; ++j) bad |= f(t * r[0] + j * s[0], t * r[1] + j * s[1], t * r[2]);
        }
    }
    return bad;
}

// Checks the indices as it reads (a bad one reads element 0 instead) and reports whether all were
// in range; the op then locates the first bad one for its message.
bool gather_kernel(const Tensor &out, const Tensor &self, int64_t dim, const Tensor &index) {
    const int64_t n = index.size(dim);
    if (n == 0 || index.numel() == 0) return true;
    // Operands: out, index, self (self's offset along dim comes from the index).
    const Walker<3> rows(rows_shape(index, dim), {out.strides(), index.strides(), self.strides()});
    const std::array<int64_t, 3> r{rows.run_stride(0), rows.run_stride(1), rows.run_stride(2)};
    const std::array<int64_t, 2> s{out.stride(dim), index.stride(dim)};
    const int64_t ss = self.stride(dim);
    const uint64_t size = static_cast<uint64_t>(self.size(dim));
    const int64_t *idx = index.data<int64_t>();
    std::atomic<bool> bad{false};
    visit_size(self.element_size(), [&]<typename E>() {
        E *dst = out.data<E>();
        const E *src = static_cast<const E *>(self.data_ptr());
        parallel_for(0, index.numel() / n, std::max<int64_t>(1, kGrainSize / n), [&](int64_t b, int64_t e) {
            bool local = false;
            for_row_runs(rows, b, e, [&](const std::array<int64_t, 3> &off, int64_t m) {
                E *o = dst + off[0];
                const int64_t *ix = idx + off[1];
                const E *sv = src + off[2];
                local |= row_run_loop(m, n, r, s, [&](int64_t po, int64_t pi, int64_t ps) {
                    const int64_t v = ix[pi];
                    const bool out_of_range = static_cast<uint64_t>(v) >= size;
                    o[po] = sv[ps + (out_of_range ? 0 : v) * ss];
                    return out_of_range;
                });
            });
            if (local) bad.store(true, std::memory_order_relaxed);
        });
    });
    return !bad.load();
}

// Each row of index writes only elements of self with the row's other coordinates, so threads
// split the rows, and each row applies its updates in order along dim.
void scatter_kernel(const Tensor &self, int64_t dim, const Tensor &index, const Tensor &src,
                    ember_scatter_reduce reduce) {
    const int64_t n = index.size(dim);
    if (n == 0 || index.numel() == 0) return;
    // Operands: src, index, self (self's offset along dim comes from the index).
    const Walker<3> rows(rows_shape(index, dim), {src.strides(), index.strides(), self.strides()});
    const std::array<int64_t, 3> r{rows.run_stride(0), rows.run_stride(1), rows.run_stride(2)};
    const std::array<int64_t, 2> s{src.stride(dim), index.stride(dim)};
    const int64_t ds = self.stride(dim);
    const int64_t *idx = index.data<int64_t>();
    visit_dtype(self.dtype(), "scatter", [&]<typename T>() {
        T *dst = static_cast<T *>(self.data_ptr());
        const T *sv = static_cast<const T *>(src.data_ptr());
        auto run = [&](auto op) {
            parallel_for(0, index.numel() / n, std::max<int64_t>(1, kGrainSize / n), [&](int64_t b, int64_t e) {
                for_row_runs(rows, b, e, [&](const std::array<int64_t, 3> &off, int64_t m) {
                    const T *v = sv + off[0];
                    const int64_t *ix = idx + off[1];
                    T *d = dst + off[2];
                    row_run_loop(m, n, r, s, [&](int64_t pv, int64_t pi, int64_t pd) {
                        T &t = d[pd + ix[pi] * ds];
                        t = op(t, v[pv]);
                        return false;  // validated before
                    });
                });
            });
        };
        switch (reduce) {
            case EMBER_SCATTER_ADD: return run([](T a, T v) { return add_value(a, v); });
            case EMBER_SCATTER_MULTIPLY: return run([](T a, T v) { return mul_value(a, v); });
            default: return run([](T, T v) { return v; });
        }
    });
}

// ---- nonzero -------------------------------------------------------------------------------

Tensor nonzero_kernel(const Tensor &x) {
    const int64_t n = x.numel(), nd = x.dim();
    const IntArrayRef sizes = x.sizes();
    // Two passes over the same chunks: count, then write at each chunk's prefix sum.
    const int64_t chunks = n >= kGrainSize ? std::min<int64_t>(num_threads(), (n + kGrainSize - 1) / kGrainSize) : 1;
    const int64_t per = chunks ? (n + chunks - 1) / chunks : 0;
    std::vector<int64_t> start(static_cast<size_t>(chunks) + 1, 0);
    Tensor out;
    visit_dtype(x.dtype(), "nonzero", [&]<typename T>() {
        const T *p = x.data<T>();
        auto nz = [](T v) { return convert<bool>(v); };
        parallel_for(0, chunks, 1, [&](int64_t cb, int64_t ce) {
            for (int64_t c = cb; c < ce; ++c) {
                int64_t count = 0;
                for (int64_t i = c * per, e = std::min(n, (c + 1) * per); i < e; ++i) count += nz(p[i]);
                start[c + 1] = count;
            }
        });
        for (int64_t c = 0; c < chunks; ++c) start[c + 1] += start[c];
        out = empty(DimVector{start[chunks], nd}, DType::Int64, x.device());
        int64_t *o = out.data<int64_t>();
        if (nd == 0) return;
        parallel_for(0, chunks, 1, [&](int64_t cb, int64_t ce) {
            DimVector coord(static_cast<size_t>(nd));
            for (int64_t c = cb; c < ce; ++c) {
                int64_t i = c * per, e = std::min(n, (c + 1) * per);
                if (i >= e) continue;
                int64_t rest = i;
                for (int64_t d = nd - 1; d >= 0; --d) {
                    coord[d] = rest % sizes[d];
                    rest /= sizes[d];
                }
                int64_t *w = o + start[c] * nd;
                for (; i < e; ++i) {
                    if (nz(p[i])) {
                        for (int64_t d = 0; d < nd; ++d) w[d] = coord[d];
                        w += nd;
                    }
                    for (int64_t d = nd - 1; d >= 0 && ++coord[d] == sizes[d]; --d) coord[d] = 0;
                }
            }
        });
    });
    return out;
}

}  // namespace

void register_index_kernels() {
    index_offsets_dispatch().set(DeviceType::CPU, index_offsets_kernel);
    index_gather_dispatch().set(DeviceType::CPU, index_gather_kernel);
    index_put_dispatch().set(DeviceType::CPU, index_put_kernel);
    index_range_dispatch().set(DeviceType::CPU, index_range_kernel);
    gather_dispatch().set(DeviceType::CPU, gather_kernel);
    scatter_dispatch().set(DeviceType::CPU, scatter_kernel);
    nonzero_dispatch().set(DeviceType::CPU, nonzero_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
