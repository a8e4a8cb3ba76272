// The CPU reduction driver: turns a ReduceGeometry (ops/reduce.h) into loops over the outputs
// and vectorised inner loops over the reduced elements. Like loops.h for elementwise kernels, it
// is the only place that walks shapes; a reduction kernel only supplies an "op" over the opmath
// value type V = opmath_t<T> of its input type T:
//
//   using acc_t = ...;                                 the accumulator
//   acc_t identity() const;
//   acc_t step(acc_t a, V x, int64_t pos) const;       folds in the element at position pos
//                                                      of the reduced space
//   acc_t combine(acc_t a, acc_t b) const;             merges partial results
// and optionally
//   template <int L> void contig(acc_t *lanes, const V *p, int64_t n, int64_t pos) const;
//                                                      a contiguous run, element i into lane i % L
//   acc_t col_step(acc_t a, V x, int64_t j, int64_t pos) const;
//                                                      column mode, when the op depends on the output
//   void column(acc_t *acc, const V *row, int64_t w, int64_t pos) const;
//                                                      column mode, a whole row of w outputs at once
//
// Two layouts:
//  - per output: each output reduces its own elements; contiguous runs spread over L independent
//    lanes (which the compiler turns into a few vector registers). Work is split across outputs.
//  - column: when the input's innermost dim is a kept dim, blocks of up to kColumnWidth adjacent
//    outputs are reduced together, one vector lane per output, walking the reduced dims row by row.
// Summation order (accuracy and determinism): the reduced elements of an output are cut into
// leaves of fixed size (kLeafSize elements, or kLeafRows rows in column mode), each summed in
// lanes, and leaves are combined in a balanced binary tree: the error of a float32 sum grows with
// log(n) instead of n (a cascade sum like PyTorch's). When there are fewer outputs than threads,
// leaves are computed in parallel and combined in the same tree, so results never depend on the
// number of threads.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>

#include "core/parallel.h"
#include "cpu/kernels/float_convert.h"
#include "ops/reduce.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE::reduce {

inline constexpr int64_t kLeafSize = 4096;    // elements per leaf (per output)
inline constexpr int64_t kLeafRows = 64;      // rows per leaf (column mode)
inline constexpr int64_t kColumnWidth = 256;  // outputs per column block
inline constexpr int64_t kSmallReduce = 16;   // fewer elements: one plain sequential loop
inline constexpr int64_t kChunk = 256;        // 16-bit floats are widened this many at a time

// Lanes per accumulator type: about four 512-bit registers.
template <typename A>
inline constexpr int kLanes = sizeof(A) >= 16 ? 16 : sizeof(A) >= 8 ? 32 : 64;

template <typename T>
inline opmath_t<T> load(const char *p) {
    return static_cast<opmath_t<T>>(*reinterpret_cast<const T *>(p));
}

struct Plan {
    bool column = false;  // reduce blocks of adjacent outputs, one lane per output
    bool split = false;   // few outputs: parallelise inside each output's reduction
    int64_t units = 0;    // outputs, or column blocks
    int64_t grain = 1;    // units per thread chunk at least
};

template <typename T>
Plan make_plan(const ReduceGeometry &g) {
    Plan p;
    const int64_t R = g.reduce_size, es = static_cast<int64_t>(sizeof(T));
    // Column mode when the kept innermost dim is contiguous and the reduction's is not.
    p.column = g.kept_sizes[0] > 1 && g.kept_in_strides[0] == es && g.red_strides[0] != es;
    int64_t width = 1;
    if (p.column) {
        width = std::min(kColumnWidth, g.kept_sizes[0]);
        int64_t blocks = (g.kept_sizes[0] + kColumnWidth - 1) / kColumnWidth;
        p.units = g.num_outputs / g.kept_sizes[0] * blocks;
    } else {
        p.units = g.num_outputs;
    }
    const int64_t per_unit = std::max<int64_t>(R, 1) * width;
    p.grain = std::max<int64_t>(1, kGrainSize / per_unit);
    const int64_t leaf = p.column ? kLeafRows : kLeafSize;
    p.split = p.units < num_threads() && R >= 2 * leaf && per_unit * p.units >= 2 * kGrainSize;
    return p;
}

// Calls fn(ptr, stride, n, pos) for the runs along the innermost reduced dim that cover positions
// [b, e) of the reduced space of the output whose elements start at base.
template <typename F>
void for_each_run(const ReduceGeometry &g, const char *base, int64_t b, int64_t e, const F &fn) {
    const int nd = static_cast<int>(g.red_sizes.size());
    const int64_t n0 = g.red_sizes[0], s0 = g.red_strides[0];
    if (nd == 1) {
        fn(base + b * s0, s0, e - b, b);
        return;
    }
    int64_t counter[64];
    const char *p = base;
    int64_t idx = b;
    for (int d = 0; d < nd; ++d) {
        counter[d] = idx % g.red_sizes[d];
        idx /= g.red_sizes[d];
        p += counter[d] * g.red_strides[d];
    }
    int64_t pos = b;
    while (pos < e) {
        int64_t n = std::min(n0 - counter[0], e - pos);
        fn(p, s0, n, pos);
        pos += n;
        counter[0] += n;
        p += n * s0;
        for (int d = 0; d < nd - 1 && counter[d] == g.red_sizes[d]; ++d) {
            p -= counter[d] * g.red_strides[d];
            counter[d] = 0;
            ++counter[d + 1];
            p += g.red_strides[d + 1];
        }
    }
}

template <typename Op, int L, typename V>
inline void step_contig(const Op &op, typename Op::acc_t *lanes, const V *p, int64_t n, int64_t pos) {
    if constexpr (requires { op.template contig<L>(lanes, p, n, pos); }) {
        op.template contig<L>(lanes, p, n, pos);
    } else {
        typename Op::acc_t acc[L];  // a local copy: the compiler knows p cannot alias it
        for (int j = 0; j < L; ++j) acc[j] = lanes[j];
        int64_t i = 0;
        for (; i + L <= n; i += L)
            for (int j = 0; j < L; ++j) acc[j] = op.step(acc[j], p[i + j], pos + i + j);
        for (int j = 0; i + j < n; ++j) acc[j] = op.step(acc[j], p[i + j], pos + i + j);
        for (int j = 0; j < L; ++j) lanes[j] = acc[j];
    }
}

template <typename T, typename Op, int L>
inline void step_strided(const Op &op, typename Op::acc_t *lanes, const char *p, int64_t s, int64_t n, int64_t pos) {
    typename Op::acc_t acc[L];
    for (int j = 0; j < L; ++j) acc[j] = lanes[j];
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int j = 0; j < L; ++j) acc[j] = op.step(acc[j], load<T>(p + (i + j) * s), pos + i + j);
    for (int j = 0; i + j < n; ++j) acc[j] = op.step(acc[j], load<T>(p + (i + j) * s), pos + i + j);
    for (int j = 0; j < L; ++j) lanes[j] = acc[j];
}

// One leaf: positions [b, e) of one output, in lanes, then the lanes combined pairwise.
template <typename T, typename Op>
typename Op::acc_t reduce_leaf(const ReduceGeometry &g, const Op &op, const char *base, int64_t b, int64_t e) {
    using A = typename Op::acc_t;
    constexpr int L = kLanes<A>;
    A lanes[L];
    for (int j = 0; j < L; ++j) lanes[j] = op.identity();
    for_each_run(g, base, b, e, [&](const char *p, int64_t s, int64_t n, int64_t pos) {
        if (s == static_cast<int64_t>(sizeof(T))) {
            if constexpr (is_reduced_float_v<T>) {
                float buf[kChunk];
                for (int64_t i = 0; i < n; i += kChunk) {
                    int64_t k = std::min(kChunk, n - i);
                    to_float(reinterpret_cast<const T *>(p) + i, buf, k);
                    step_contig<Op, L>(op, lanes, static_cast<const float *>(buf), k, pos + i);
                }
            } else {
                step_contig<Op, L>(op, lanes, reinterpret_cast<const T *>(p), n, pos);
            }
        } else {
            step_strided<T, Op, L>(op, lanes, p, s, n, pos);
        }
    });
    for (int w = L / 2; w > 0; w /= 2)
        for (int j = 0; j < w; ++j) lanes[j] = op.combine(lanes[j], lanes[j + w]);
    return lanes[0];
}

template <typename Op, typename Leaf>
typename Op::acc_t tree(const Op &op, int64_t b, int64_t e, const Leaf &leaf) {
    if (e - b == 1) return leaf(b);
    int64_t m = b + (e - b) / 2;
    typename Op::acc_t lo = tree(op, b, m, leaf);
    return op.combine(lo, tree(op, m, e, leaf));
}

// The reduction of the output whose elements start at base.
template <typename T, typename Op>
typename Op::acc_t reduce_one(const Plan &plan, const ReduceGeometry &g, const Op &op, const char *base) {
    using A = typename Op::acc_t;
    const int64_t R = g.reduce_size;
    if (R == 0) return op.identity();
    if (R < kSmallReduce) {
        A a = op.identity();
        for_each_run(g, base, 0, R, [&](const char *p, int64_t s, int64_t n, int64_t pos) {
            for (int64_t i = 0; i < n; ++i) a = op.step(a, load<T>(p + i * s), pos + i);
        });
        return a;
    }
    const int64_t nleaves = (R + kLeafSize - 1) / kLeafSize;
    auto leaf = [&](int64_t l) { return reduce_leaf<T>(g, op, base, l * kLeafSize, std::min(R, (l + 1) * kLeafSize)); };
    if (plan.split && nleaves > 1) {
        std::unique_ptr<A[]> part(new A[static_cast<size_t>(nleaves)]);  // not vector: vector<bool> packs bits
        parallel_for(0, nleaves, 1, [&](int64_t lb, int64_t le) {
            for (int64_t l = lb; l < le; ++l) part[l] = leaf(l);
        });
        return tree(op, 0, nleaves, [&](int64_t l) { return part[l]; });
    }
    return tree(op, 0, nleaves, leaf);
}

template <typename Op>
inline typename Op::acc_t col_step(const Op &op, typename Op::acc_t a, typename Op::value_t x, int64_t j, int64_t pos) {
    if constexpr (requires { op.col_step(a, x, j, pos); }) return op.col_step(a, x, j, pos);
    else return op.step(a, x, pos);
}

// Folds one row of w adjacent outputs' elements into acc. Full blocks get a constant trip count,
// so that the accumulators stay in vector registers.
template <typename Op, typename X>
inline void column_row(const Op &op, typename Op::acc_t *acc, const X *row, int64_t w, int64_t pos) {
    using V = typename Op::value_t;
    if constexpr (requires { op.column(acc, row, w, pos); }) {
        op.column(acc, row, w, pos);
    } else if (w == kColumnWidth) {
        for (int64_t j = 0; j < kColumnWidth; ++j) acc[j] = col_step(op, acc[j], static_cast<V>(row[j]), j, pos);
    } else {
        for (int64_t j = 0; j < w; ++j) acc[j] = col_step(op, acc[j], static_cast<V>(row[j]), j, pos);
    }
}

// Column mode: the reductions of the w adjacent outputs whose elements start at base (stride
// sizeof(T) between outputs), into acc[0..w).
template <typename T, typename Op>
void reduce_columns(const Plan &plan, const ReduceGeometry &g, const Op &op, const char *base, int64_t w,
                    typename Op::acc_t *acc) {
    using A = typename Op::acc_t;
    const int64_t R = g.reduce_size;
    if (R == 0) {
        for (int64_t j = 0; j < w; ++j) acc[j] = op.identity();
        return;
    }
    auto leaf = [&](int64_t l, A *dst) {
        A local[kColumnWidth];
        for (int64_t j = 0; j < w; ++j) local[j] = op.identity();
        for_each_run(g, base, l * kLeafRows, std::min(R, (l + 1) * kLeafRows),
                     [&](const char *p, int64_t s, int64_t n, int64_t pos) {
                         for (int64_t i = 0; i < n; ++i) {
                             const T *row = reinterpret_cast<const T *>(p + i * s);
                             if constexpr (is_reduced_float_v<T>) {
                                 float buf[kColumnWidth];
                                 to_float(row, buf, w);
                                 column_row(op, local, buf, w, pos + i);
                             } else {
                                 column_row(op, local, row, w, pos + i);
                             }
                         }
                     });
        for (int64_t j = 0; j < w; ++j) dst[j] = local[j];
    };
    const int64_t nleaves = (R + kLeafRows - 1) / kLeafRows;
    std::unique_ptr<A[]> part;
    if (plan.split && nleaves > 1) {
        part.reset(new A[static_cast<size_t>(nleaves * w)]);
        parallel_for(0, nleaves, 1, [&](int64_t lb, int64_t le) {
            for (int64_t l = lb; l < le; ++l) leaf(l, part.get() + l * w);
        });
    }
    auto node = [&](auto &self, int64_t lb, int64_t le, A *dst) -> void {
        if (le - lb == 1) {
            if (!part) leaf(lb, dst);
            else std::copy_n(part.get() + lb * w, w, dst);
            return;
        }
        int64_t m = lb + (le - lb) / 2;
        self(self, lb, m, dst);
        A hi[kColumnWidth];
        self(self, m, le, hi);
        for (int64_t j = 0; j < w; ++j) dst[j] = op.combine(dst[j], hi[j]);
    };
    node(node, 0, nleaves, acc);
}

using OutPtrs = std::array<char *, ReduceGeometry::kMaxOutputs>;

// Calls fn(in, out) for each output: in points at its first element, out at its output elements
// (null for an output that is not produced). Parallel across outputs unless the plan splits.
template <typename F>
void for_each_output(const Plan &plan, const ReduceGeometry &g, const F &fn) {
    auto body = [&](int64_t b, int64_t e) {
        const int nd = static_cast<int>(g.kept_sizes.size());
        int64_t counter[64];
        int64_t in_off = 0, out_off[2] = {0, 0};
        int64_t idx = b;
        for (int d = 0; d < nd; ++d) {
            counter[d] = idx % g.kept_sizes[d];
            idx /= g.kept_sizes[d];
            in_off += counter[d] * g.kept_in_strides[d];
            for (int k = 0; k < 2; ++k) out_off[k] += counter[d] * g.kept_out_strides[k][d];
        }
        for (int64_t o = b; o < e; ++o) {
            OutPtrs out{g.out[0] ? g.out[0] + out_off[0] : nullptr, g.out[1] ? g.out[1] + out_off[1] : nullptr};
            fn(g.in + in_off, out);
            for (int d = 0; d < nd; ++d) {
                in_off += g.kept_in_strides[d];
                for (int k = 0; k < 2; ++k) out_off[k] += g.kept_out_strides[k][d];
                if (++counter[d] < g.kept_sizes[d]) break;
                in_off -= counter[d] * g.kept_in_strides[d];
                for (int k = 0; k < 2; ++k) out_off[k] -= counter[d] * g.kept_out_strides[k][d];
                counter[d] = 0;
            }
        }
    };
    if (plan.split) body(0, g.num_outputs);
    else parallel_for(0, g.num_outputs, plan.grain, body);
}

// Column mode: calls fn(in, w, out) for each block of w <= kColumnWidth adjacent outputs along
// the kept innermost dim; out points at the block's first output elements.
template <typename F>
void for_each_column_block(const Plan &plan, const ReduceGeometry &g, const F &fn) {
    const int nd = static_cast<int>(g.kept_sizes.size());
    const int64_t n0 = g.kept_sizes[0];
    const int64_t blocks = (n0 + kColumnWidth - 1) / kColumnWidth;
    auto body = [&](int64_t b, int64_t e) {
        for (int64_t u = b; u < e; ++u) {
            int64_t outer = u / blocks, first = (u % blocks) * kColumnWidth;
            int64_t in_off = first * g.kept_in_strides[0];
            int64_t out_off[2] = {first * g.kept_out_strides[0][0], first * g.kept_out_strides[1][0]};
            for (int d = 1; d < nd; ++d) {
                int64_t c = outer % g.kept_sizes[d];
                outer /= g.kept_sizes[d];
                in_off += c * g.kept_in_strides[d];
                for (int k = 0; k < 2; ++k) out_off[k] += c * g.kept_out_strides[k][d];
            }
            OutPtrs out{g.out[0] ? g.out[0] + out_off[0] : nullptr, g.out[1] ? g.out[1] + out_off[1] : nullptr};
            fn(g.in + in_off, std::min(kColumnWidth, n0 - first), out);
        }
    };
    if (plan.split) body(0, plan.units);
    else parallel_for(0, plan.units, plan.grain, body);
}

// The output pointers of output j of a column block.
inline OutPtrs column_out(const ReduceGeometry &g, const OutPtrs &out, int64_t j) {
    return {out[0] ? out[0] + j * g.kept_out_strides[0][0] : nullptr,
            out[1] ? out[1] + j * g.kept_out_strides[1][0] : nullptr};
}

// A reduction with one pass: op.write(out, acc) stores each output.
template <typename T, typename Op>
void run(const ReduceGeometry &g, const Op &op) {
    const Plan plan = make_plan<T>(g);
    if (plan.column) {
        for_each_column_block(plan, g, [&](const char *in, int64_t w, const OutPtrs &out) {
            typename Op::acc_t acc[kColumnWidth];
            reduce_columns<T>(plan, g, op, in, w, acc);
            for (int64_t j = 0; j < w; ++j) op.write(column_out(g, out, j), acc[j]);
        });
    } else {
        for_each_output(plan, g, [&](const char *in, const OutPtrs &out) { op.write(out, reduce_one<T>(plan, g, op, in)); });
    }
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE::reduce
