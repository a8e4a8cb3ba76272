#include "ops/autocast.h"

#include "ops/elementwise.h"

namespace ember::autocast {
namespace {

thread_local bool t_enabled = false;
thread_local bool t_suspended = false;
thread_local DType t_dtype = DType::BFloat16;

bool casting() { return t_enabled && !t_suspended; }

}  // namespace

bool enabled() { return t_enabled; }
DType dtype() { return t_dtype; }

void set(bool on, DType d) {
    EMBER_CHECK(d == DType::BFloat16 || d == DType::Float16, DType,
                "autocast: the CPU lower-precision dtype must be bfloat16 or float16, got ", dtype_name(d));
    t_enabled = on;
    t_dtype = d;
}

Suspend::Suspend(bool engage) : engaged_(engage), prev_(t_suspended) {
    if (engaged_) t_suspended = true;
}
Suspend::~Suspend() {
    if (engaged_) t_suspended = prev_;
}

LowerPrecision::LowerPrecision() : active_(casting()), suspend_(active_) {}

Tensor LowerPrecision::operator()(const Tensor &t) const {
    if (!active_ || !t.defined() || t.dtype() != DType::Float32 || !t.device().is_cpu()) return t;
    return cast(t, t_dtype);
}

Float32::Float32() : active_(casting()), suspend_(active_) {}

Tensor Float32::operator()(const Tensor &t) const {
    if (!active_ || !t.defined() || !t.device().is_cpu()) return t;
    if (t.dtype() != DType::BFloat16 && t.dtype() != DType::Float16) return t;
    return cast(t, DType::Float32);
}

}  // namespace ember::autocast
