// The boundary: every C entry point runs its body through guard(), which turns any exception into
// a status code and the thread's last-error message. Nothing thrown ever reaches the caller.
#pragma once
#include <new>
#include <string>

#include "core/error.h"
#include "core/tensor.h"
#include "ember/ember.h"

namespace ember::capi {

void set_last_error(const char *message);

template <typename F>
ember_status guard(F &&body) noexcept {
    try {
        body();
        return EMBER_OK;
    } catch (const Error &e) {
        set_last_error(e.what());
        return static_cast<ember_status>(e.status());
    } catch (const std::bad_alloc &) {
        set_last_error("out of memory");
        return EMBER_ERR_OUT_OF_MEMORY;
    } catch (const std::exception &e) {
        set_last_error((std::string("internal error: ") + e.what()).c_str());
        return EMBER_ERR_INTERNAL;
    } catch (...) {
        set_last_error("internal error: unknown exception");
        return EMBER_ERR_INTERNAL;
    }
}

// Checks a required out-pointer.
template <typename T>
void require(T *p, const char *name) {
    EMBER_CHECK(p != nullptr, InvalidArgument, name, " is NULL");
}

// A tensor handle that may be NULL (an optional input or out).
inline Tensor optional(ember_tensor h) { return h ? Tensor::borrow(h) : Tensor(); }

// Checks the (out, result) pair of the "out" convention before any work is done.
inline void require_result(ember_tensor out, ember_tensor *result) {
    EMBER_CHECK(out != nullptr || result != nullptr, InvalidArgument, "result is NULL (and no out tensor was given)");
}
// Hands the op's result to the caller when it asked for it.
inline void give(Tensor t, ember_tensor *result) {
    if (result) *result = t.release_to_c();
}

inline IntArrayRef ints(const int64_t *p, size_t n, const char *name) {
    EMBER_CHECK(p != nullptr || n == 0, InvalidArgument, name, " is NULL");
    return IntArrayRef(p, n);
}

}  // namespace ember::capi
