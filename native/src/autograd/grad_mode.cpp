#include "autograd/grad_mode.h"

#include "core/hot_tls.h"

namespace ember::autograd {

namespace {
EMBER_HOT_TLS thread_local bool t_grad_enabled = true;
EMBER_HOT_TLS thread_local bool t_inference = false;
}  // namespace

bool GradMode::enabled() { return t_grad_enabled; }
void GradMode::set_enabled(bool on) { t_grad_enabled = on; }
bool InferenceMode::enabled() { return t_inference; }
void InferenceMode::set_enabled(bool on) { t_inference = on; }

}  // namespace ember::autograd
