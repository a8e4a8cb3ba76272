// Errors inside the runtime are C++ exceptions carrying an ABI status; the C ABI layer turns them
// into a status code plus a thread-local message (capi/guard.h). Nothing else may throw across.
#pragma once
#include <exception>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "ember/ember.h"

namespace ember {

enum class Status : int {
    InvalidArgument = EMBER_ERR_INVALID_ARGUMENT,
    Shape = EMBER_ERR_SHAPE,
    DType = EMBER_ERR_DTYPE,
    Device = EMBER_ERR_DEVICE,
    Index = EMBER_ERR_INDEX,
    OutOfMemory = EMBER_ERR_OUT_OF_MEMORY,
    IO = EMBER_ERR_IO,
    Unsupported = EMBER_ERR_UNSUPPORTED,
    Autograd = EMBER_ERR_AUTOGRAD,
    Internal = EMBER_ERR_INTERNAL,
};

class Error : public std::exception {
public:
    Error(Status status, std::string message) : status_(status), message_(std::move(message)) {}
    Status status() const noexcept { return status_; }
    const char *what() const noexcept override { return message_.c_str(); }

private:
    Status status_;
    std::string message_;
};

namespace detail {
template <typename T>
void append(std::ostringstream &os, const T &v) { os << v; }
template <typename T>
void append(std::ostringstream &os, std::span<T> s) {
    os << '[';
    for (size_t i = 0; i < s.size(); ++i) os << (i ? ", " : "") << s[i];
    os << ']';
}
template <typename T>
void append(std::ostringstream &os, const std::vector<T> &v) { append(os, std::span<const T>(v)); }
}  // namespace detail

template <typename... Args>
[[noreturn]] void fail(Status status, const Args &...args) {
    std::ostringstream os;
    (detail::append(os, args), ...);
    throw Error(status, os.str());
}

}  // namespace ember

// Throws an ember::Error with the given status and a message built from the remaining arguments
// (spans print as [a, b, c]) when cond is false.
#define EMBER_CHECK(cond, status, ...)                                      \
    do {                                                                    \
        if (!(cond)) [[unlikely]] ::ember::fail(::ember::Status::status, __VA_ARGS__); \
    } while (0)
