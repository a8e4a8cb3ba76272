#include "cpu/kernels/register.h"

namespace ember::cpu::EMBER_ISA_NAMESPACE {

void register_cpu_kernels() {
    register_copy_kernels();
    register_unary_kernels();
    register_binary_kernels();
    register_pointwise_kernels();
    register_random_kernels();
    register_gemm_kernels();
    register_reduce_kernels();
    register_softmax_kernels();
    register_scan_kernels();
    register_index_kernels();
    register_sort_kernels();
    register_shape_kernels();
    register_conv_kernels();
    register_pool_kernels();
    register_norm_kernels();
    register_loss_kernels();
    register_optim_kernels();
}

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
