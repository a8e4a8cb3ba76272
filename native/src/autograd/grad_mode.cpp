#include "autograd/grad_mode.h"

namespace ember::autograd::detail {

EMBER_HOT_TLS constinit thread_local bool t_grad_enabled = true;
EMBER_HOT_TLS constinit thread_local bool t_inference = false;

}  // namespace ember::autograd::detail
