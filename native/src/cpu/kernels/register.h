// Registration of this ISA build's CPU kernels into the dispatch tables. Each kernel file defines
// one register_* function; register_all.cpp calls them all.
#pragma once

namespace ember::cpu::EMBER_ISA_NAMESPACE {

void register_copy_kernels();
void register_unary_kernels();
void register_binary_kernels();
void register_pointwise_kernels();
void register_random_kernels();
void register_gemm_kernels();
void register_reduce_kernels();
void register_softmax_kernels();
void register_scan_kernels();
void register_index_kernels();
void register_sort_kernels();
void register_shape_kernels();
void register_conv_kernels();
void register_pool_kernels();
void register_norm_kernels();
void register_loss_kernels();
void register_optim_kernels();

// Fills the CPU row of every dispatch table with this ISA's kernels.
void register_cpu_kernels();

}  // namespace ember::cpu::EMBER_ISA_NAMESPACE
