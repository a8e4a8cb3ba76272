// A vector that keeps up to N elements inline: shapes and strides rarely exceed a few dims, and a
// heap allocation per shape would dominate the cost of small ops.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <type_traits>

namespace ember {

template <typename T, size_t N>
class SmallVector {
    static_assert(std::is_trivially_copyable_v<T>, "SmallVector holds trivially copyable types only");

public:
    SmallVector() = default;
    explicit SmallVector(size_t n, T value = T()) { resize(n, value); }
    SmallVector(std::initializer_list<T> il) { assign(il.begin(), il.size()); }
    SmallVector(std::span<const T> s) { assign(s.data(), s.size()); }
    SmallVector(const T *p, size_t n) { assign(p, n); }
    SmallVector(const SmallVector &o) { assign(o.data(), o.size()); }
    SmallVector(SmallVector &&o) noexcept { move_from(o); }
    SmallVector &operator=(const SmallVector &o) { if (this != &o) assign(o.data(), o.size()); return *this; }
    SmallVector &operator=(SmallVector &&o) noexcept {
        if (this != &o) { free_heap(); move_from(o); }
        return *this;
    }
    ~SmallVector() { free_heap(); }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T *data() { return heap_ ? heap_ : inline_; }
    const T *data() const { return heap_ ? heap_ : inline_; }
    T &operator[](size_t i) { return data()[i]; }
    const T &operator[](size_t i) const { return data()[i]; }
    T *begin() { return data(); }
    T *end() { return data() + size_; }
    const T *begin() const { return data(); }
    const T *end() const { return data() + size_; }
    T &back() { return data()[size_ - 1]; }
    const T &back() const { return data()[size_ - 1]; }
    operator std::span<const T>() const { return {data(), size_}; }
    std::span<const T> span() const { return {data(), size_}; }

    void reserve(size_t n) {
        if (n <= capacity()) return;
        T *p = new T[n];
        if (size_) std::memcpy(p, data(), size_ * sizeof(T));
        free_heap();
        heap_ = p;
        heap_cap_ = n;
    }
    void resize(size_t n, T value = T()) {
        reserve(n);
        for (size_t i = size_; i < n; ++i) data()[i] = value;
        size_ = n;
    }
    // Grows or shrinks to n elements, leaving new ones unset: for callers that write them all next.
    void resize_for_overwrite(size_t n) {
        reserve(n);
        size_ = n;
    }
    void push_back(T v) {
        if (size_ == capacity()) reserve(std::max<size_t>(2 * capacity(), 8));
        data()[size_++] = v;
    }
    void insert(size_t pos, T v) {
        push_back(v);
        T *d = data();
        for (size_t i = size_ - 1; i > pos; --i) d[i] = d[i - 1];
        d[pos] = v;
    }
    void erase(size_t pos) {
        T *d = data();
        for (size_t i = pos; i + 1 < size_; ++i) d[i] = d[i + 1];
        --size_;
    }
    void clear() { size_ = 0; }
    bool operator==(const SmallVector &o) const {
        return size_ == o.size_ && std::equal(begin(), end(), o.begin());
    }

private:
    size_t capacity() const { return heap_ ? heap_cap_ : N; }
    void assign(const T *p, size_t n) {
        size_ = 0;
        reserve(n);
        if (n) std::memcpy(data(), p, n * sizeof(T));
        size_ = n;
    }
    void move_from(SmallVector &o) {
        if (o.heap_) {
            heap_ = o.heap_; heap_cap_ = o.heap_cap_; size_ = o.size_;
            o.heap_ = nullptr; o.size_ = 0;
        } else {
            heap_ = nullptr;
            assign(o.inline_, o.size_);
        }
    }
    void free_heap() { delete[] heap_; heap_ = nullptr; }

    T inline_[N];
    T *heap_ = nullptr;
    size_t heap_cap_ = 0;
    size_t size_ = 0;
};

using DimVector = SmallVector<int64_t, 6>;
using IntArrayRef = std::span<const int64_t>;

// Whether two shapes are equal; a plain loop, because shapes are a few dims long and a memcmp
// call costs more than the comparison (this runs several times per op).
inline bool same_shape(IntArrayRef a, IntArrayRef b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

}  // namespace ember
