#pragma once

namespace ember::cpu {

// The CPU kernel set in use ("avx512", "avx2" or "baseline").
const char *active_isa();
// Registers the CPU kernels of the best instruction set this CPU supports, or of the one named
// by the environment variable EMBER_CPU_ISA (so tests can cover every path). Runs at load.
void init_cpu_backend();
// Why EMBER_CPU_ISA was not honoured (empty when it was, or was not set).
const char *isa_note();

}  // namespace ember::cpu
