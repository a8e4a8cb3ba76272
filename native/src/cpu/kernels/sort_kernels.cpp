// CPU kernels for sort and topk (ops/sort.h). Each row along the sorted dim is copied into a
// buffer of (key, position) pairs, ordered there with the standard algorithms, and written back;
// rows run in parallel. The comparators and algorithms are the ones PyTorch's CPU kernels use
// (std::sort / std::stable_sort; std::partial_sort or std::nth_element for topk), so ties land
// where PyTorch puts them.
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "cpu/kernels/register.h"
#include "ops/sort.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

namespace {

template <typename M>
bool is_nan(M v) {
    if constexpr (std::is_floating_point_v<M>) return std::isnan(v);
    else return false;
}

// Strict orders in which NaN is larger than every number (NaNs are equal to each other).
template <typename M>
struct Ascending {
    bool operator()(const std::pair<M, int64_t> &a, const std::pair<M, int64_t> &b) const {
        return (!is_nan(a.first) && is_nan(b.first)) || a.first < b.first;
    }
};
template <typename M>
struct Descending {
    bool operator()(const std::pair<M, int64_t> &a, const std::pair<M, int64_t> &b) const {
        return (is_nan(a.first) && !is_nan(b.first)) || a.first > b.first;
    }
};

// A tensor seen as [outer, n, inner] around dim.
struct Rows {
    int64_t outer = 1, n = 1, inner = 1;
    Rows(const Tensor &t, int64_t dim) {
        for (int64_t d = 0; d < t.dim(); ++d) {
            if (d < dim) outer *= t.size(d);
            else if (d == dim) n = t.size(d);
            else inner *= t.size(d);
        }
    }
    int64_t count() const { return outer * inner; }
    // Offset of the first element of row r.
    int64_t base(int64_t r) const { return (r / inner) * n * inner + r % inner; }
};

void sort_kernel(const Tensor &values, const Tensor &indices, int64_t dim, bool descending, bool stable) {
    const Rows rows(values, dim);
    const int64_t n = rows.n, step = rows.inner;
    visit_dtype(values.dtype(), "sort", [&]<typename T>() {
        using M = opmath_t<T>;
        using Pair = std::pair<M, int64_t>;
        T *v = values.data<T>();
        int64_t *ix = indices.data<int64_t>();
        parallel_for(0, rows.count(), std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1)), [&](int64_t b, int64_t e) {
            std::vector<Pair> buf(static_cast<size_t>(n));
            for (int64_t r = b; r < e; ++r) {
                T *rv = v + rows.base(r);
                int64_t *ri = ix + rows.base(r);
                for (int64_t j = 0; j < n; ++j) buf[j] = Pair(static_cast<M>(rv[j * step]), j);
                if (descending) {
                    if (stable) std::stable_sort(buf.begin(), buf.end(), Descending<M>());
                    else std::sort(buf.begin(), buf.end(), Descending<M>());
                } else {
                    if (stable) std::stable_sort(buf.begin(), buf.end(), Ascending<M>());
                    else std::sort(buf.begin(), buf.end(), Ascending<M>());
                }
                for (int64_t j = 0; j < n; ++j) {
                    rv[j * step] = static_cast<T>(buf[j].first);
                    ri[j * step] = buf[j].second;
                }
            }
        });
    });
}

// Puts the k first elements of buf (in cmp's order) in front, sorted when `sorted`; small k uses a
// partial sort, large k a selection followed by a sort of the k - 1 elements before the k-th.
template <typename Pair, typename Cmp>
void select_top(std::vector<Pair> &buf, int64_t k, bool sorted, Cmp cmp) {
    if (k * 64 <= static_cast<int64_t>(buf.size())) {
        std::partial_sort(buf.begin(), buf.begin() + k, buf.end(), cmp);
    } else {
        std::nth_element(buf.begin(), buf.begin() + k - 1, buf.end(), cmp);
        if (sorted) std::sort(buf.begin(), buf.begin() + k - 1, cmp);
    }
}

void topk_kernel(const Tensor &x, int64_t dim, int64_t k, bool largest, bool sorted, const Tensor &values,
                 const Tensor &indices) {
    const Rows in(x, dim), out(values, dim);
    const int64_t n = in.n, step = in.inner;
    visit_dtype(x.dtype(), "topk", [&]<typename T>() {
        using M = opmath_t<T>;
        using Pair = std::pair<M, int64_t>;
        const T *xv = x.data<T>();
        T *ov = values.data<T>();
        int64_t *oi = indices.data<int64_t>();
        parallel_for(0, in.count(), std::max<int64_t>(1, kGrainSize / n), [&](int64_t b, int64_t e) {
            std::vector<Pair> buf(static_cast<size_t>(n));
            for (int64_t r = b; r < e; ++r) {
                const T *rx = xv + in.base(r);
                for (int64_t j = 0; j < n; ++j) buf[j] = Pair(static_cast<M>(rx[j * step]), j);
                if (largest) select_top(buf, k, sorted, Descending<M>());
                else select_top(buf, k, sorted, Ascending<M>());
                T *rv = ov + out.base(r);
                int64_t *ri = oi + out.base(r);
                for (int64_t j = 0; j < k; ++j) {
                    rv[j * step] = static_cast<T>(buf[j].first);
                    ri[j * step] = buf[j].second;
                }
            }
        });
    });
}

}  // namespace

void register_sort_kernels() {
    sort_dispatch().set(DeviceType::CPU, sort_kernel);
    topk_dispatch().set(DeviceType::CPU, topk_kernel);
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
