// Grad mode: whether ops record graph nodes. Thread-local, so several threads can train (or
// evaluate under no_grad) at once without seeing each other's setting, as in PyTorch.
#pragma once

#include "core/hot_tls.h"

namespace ember::autograd {

namespace detail {
// Read inline by every op (through recording_enabled), so they are initial-exec and constinit:
// one instruction each, with no TLS wrapper call.
extern EMBER_HOT_TLS constinit thread_local bool t_grad_enabled;
extern EMBER_HOT_TLS constinit thread_local bool t_inference;
}  // namespace detail

struct GradMode {
    static bool enabled() { return detail::t_grad_enabled; }
    static void set_enabled(bool on) { detail::t_grad_enabled = on; }
};

// Inference mode is no_grad that also promises the results will never be used by autograd later;
// we treat it as no_grad plus a flag callers can query (tensors made in it never record).
struct InferenceMode {
    static bool enabled() { return detail::t_inference; }
    static void set_enabled(bool on) { detail::t_inference = on; }
};

// Grad mode on and not in inference mode: whether ops record at all.
inline bool recording_enabled() { return detail::t_grad_enabled && !detail::t_inference; }

// Sets grad mode for a scope and restores the previous value.
class GradModeGuard {
public:
    explicit GradModeGuard(bool on) : prev_(GradMode::enabled()) { GradMode::set_enabled(on); }
    ~GradModeGuard() { GradMode::set_enabled(prev_); }
    GradModeGuard(const GradModeGuard &) = delete;
    GradModeGuard &operator=(const GradModeGuard &) = delete;

private:
    bool prev_;
};

struct NoGradGuard : GradModeGuard {
    NoGradGuard() : GradModeGuard(false) {}
};

// Grad mode off while a recording op computes (the ops it uses inside do not record themselves)
// and on again when it finishes. Only started while grad mode is on, so "on" is what it restores.
// A flag rather than std::optional<NoGradGuard>: cheaper, and GCC follows its state.
class RecordingPause {
public:
    RecordingPause() = default;
    RecordingPause(const RecordingPause &) = delete;
    RecordingPause &operator=(const RecordingPause &) = delete;
    ~RecordingPause() { end(); }
    void begin() {
        GradMode::set_enabled(false);
        active_ = true;
    }
    void end() {
        if (active_) GradMode::set_enabled(true);
        active_ = false;
    }

private:
    bool active_ = false;
};

}  // namespace ember::autograd
