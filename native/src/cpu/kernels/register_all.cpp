#include "cpu/kernels/register.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

void register_cpu_kernels() {
    register_copy_kernels();
    register_unary_kernels();
    register_binary_kernels();
    register_pointwise_kernels();
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
