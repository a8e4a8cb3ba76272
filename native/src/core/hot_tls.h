// EMBER_HOT_TLS: the initial-exec TLS model, for the few thread-locals every op reads.
// libember is usually dlopen'd (by .NET, Python...), and a dlopen'd library's thread-locals are
// reached through _dl_tlsdesc_dynamic, a call of ~17 instructions: ten of them per op cost about
// a tenth of a small op. Initial-exec variables sit in the static TLS block at a fixed offset
// from the thread pointer (one instruction); glibc keeps a small surplus of that block for
// dlopen'd libraries, so only a few bytes may use it: pointers and flags, never big structures.
#pragma once

#if defined(__ELF__) && (defined(__GNUC__) || defined(__clang__))
#define EMBER_HOT_TLS __attribute__((tls_model("initial-exec")))
#else
#define EMBER_HOT_TLS
#endif
