// Grad mode: whether ops record graph nodes. Thread-local, so several threads can train (or
// evaluate under no_grad) at once without seeing each other's setting, as in PyTorch.
#pragma once

namespace ember::autograd {

struct GradMode {
    static bool enabled();
    static void set_enabled(bool on);
};

// Inference mode is no_grad that also promises the results will never be used by autograd later;
// we treat it as no_grad plus a flag callers can query (tensors made in it never record).
struct InferenceMode {
    static bool enabled();
    static void set_enabled(bool on);
};

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

}  // namespace ember::autograd
