// Zero-copy exchange with other frameworks through DLPack (see dlpack_abi.h for the structs).
#pragma once
#include "core/tensor.h"

namespace ember {

// Which DLPack generation a pointer is: DLManagedTensor (< 1.0) or DLManagedTensorVersioned.
enum class DLPackKind { Unversioned, Versioned };

// Wraps the producer's memory as a tensor. On success the tensor owns `managed` and calls its
// deleter once, when the last tensor using the memory is released; on failure (a typed error that
// names the problem) nothing is taken and the caller still owns it.
Tensor from_dlpack(void *managed, DLPackKind kind);

// Exports t (sharing its memory) as a new DLManagedTensor[Versioned]; the consumer calls its
// deleter once, which releases this runtime's reference.
void *to_dlpack(const Tensor &t, DLPackKind kind);

}  // namespace ember
