// Intrusive reference counting: the count lives in the object, so a C handle is just the object
// pointer and retain/release need no side table (see ARCHITECTURE.md, "The C ABI").
#pragma once
#include <atomic>
#include <cstdint>
#include <utility>

namespace ember {

class RefCounted {
public:
    RefCounted() = default;
    RefCounted(const RefCounted &) = delete;
    RefCounted &operator=(const RefCounted &) = delete;
    virtual ~RefCounted() = default;

    void retain() const noexcept { refcount_.fetch_add(1, std::memory_order_relaxed); }
    // Deletes the object when the last reference goes. The sole reference needs no atomic
    // read-modify-write (a locked instruction costs more than the rest of a small op's
    // bookkeeping): nobody can take a new reference without holding one, unless the type hands
    // out weak pointers, which try_retain serves and which then need the count to reach 0.
    void release() const noexcept {
        if ((!weakly_referenced_ && refcount_.load(std::memory_order_acquire) == 1) ||
            refcount_.fetch_sub(1, std::memory_order_acq_rel) == 1)
            destroy();
    }
    // A reference from a weak pointer: false when the object is already being destroyed.
    // Only for types that called allow_weak_references() in their constructor.
    bool try_retain() const noexcept {
        int64_t n = refcount_.load(std::memory_order_relaxed);
        while (n > 0 && !refcount_.compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) {}
        return n > 0;
    }
    int64_t use_count() const noexcept { return refcount_.load(std::memory_order_relaxed); }

protected:
    void allow_weak_references() noexcept { weakly_referenced_ = true; }

    // Frees the object after its last reference; a type with its own memory layout overrides it.
    virtual void destroy() const noexcept { delete this; }

private:
    mutable std::atomic<int64_t> refcount_{1};  // a new object starts owned by its creator
    bool weakly_referenced_ = false;
};

// Owning pointer to a RefCounted object.
template <typename T>
class Ref {
public:
    Ref() = default;
    Ref(std::nullptr_t) {}
    // Takes over the creator's reference of a freshly constructed object.
    static Ref adopt(T *p) noexcept { Ref r; r.p_ = p; return r; }
    // Adds a reference to an object owned elsewhere.
    static Ref borrow(T *p) noexcept { if (p) p->retain(); return adopt(p); }
    template <typename... Args>
    static Ref make(Args &&...args) { return adopt(new T(std::forward<Args>(args)...)); }

    Ref(const Ref &o) noexcept : p_(o.p_) { if (p_) p_->retain(); }
    Ref(Ref &&o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    Ref &operator=(Ref o) noexcept { std::swap(p_, o.p_); return *this; }
    ~Ref() { if (p_) p_->release(); }

    T *get() const noexcept { return p_; }
    T *operator->() const noexcept { return p_; }
    T &operator*() const noexcept { return *p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    // Gives up ownership without releasing (used to hand a reference to a C caller).
    T *leak() noexcept { return std::exchange(p_, nullptr); }
    bool operator==(const Ref &o) const noexcept { return p_ == o.p_; }

private:
    T *p_ = nullptr;
};

}  // namespace ember
