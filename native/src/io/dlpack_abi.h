// The DLPack exchange ABI (https://dmlc.github.io/dlpack/latest/c_api.html), written out here from
// the specification so the runtime needs no extra header. Only the layout matters: these structs
// must match what other frameworks (PyTorch, NumPy, JAX, CuPy) put in their capsules, field for
// field. Two generations exist: the unversioned DLManagedTensor (DLPack < 1.0, still what
// torch.utils.dlpack.to_dlpack returns) and DLManagedTensorVersioned (DLPack >= 1.0, which adds a
// version and flags, and moves the tensor after the deleter).
#pragma once
#include <cstddef>
#include <cstdint>

namespace ember::dlpack {

// DLDeviceType values this runtime maps; the rest are rejected by name.
enum DeviceType : int32_t {
    kCPU = 1,
    kCUDA = 2,
    kCUDAHost = 3,  // page-locked host memory: addressable by the CPU
    kOpenCL = 4,
    kVulkan = 7,
    kMetal = 8,
    kVPI = 9,
    kROCM = 10,
    kROCMHost = 11,
    kExtDev = 12,
    kCUDAManaged = 13,
    kOneAPI = 14,
    kWebGPU = 15,
    kHexagon = 16,
    kMAIA = 17,
};

// DLDataTypeCode.
enum TypeCode : uint8_t {
    kInt = 0,
    kUInt = 1,
    kFloat = 2,
    kOpaqueHandle = 3,
    kBfloat = 4,
    kComplex = 5,
    kBool = 6,
};

struct Device {
    int32_t device_type;
    int32_t device_id;
};

struct DataType {
    uint8_t code;
    uint8_t bits;
    uint16_t lanes;
};

struct DLTensor {
    void *data;
    Device device;
    int32_t ndim;
    DataType dtype;
    int64_t *shape;
    int64_t *strides;  // in elements; NULL means compact row-major
    uint64_t byte_offset;
};

struct ManagedTensor {
    DLTensor dl_tensor;
    void *manager_ctx;
    void (*deleter)(ManagedTensor *self);
};

struct PackVersion {
    uint32_t major;
    uint32_t minor;
};

inline constexpr uint32_t kMajorVersion = 1;
inline constexpr uint32_t kMinorVersion = 0;
inline constexpr uint64_t kFlagReadOnly = 1ull << 0;
inline constexpr uint64_t kFlagIsCopied = 1ull << 1;

struct ManagedTensorVersioned {
    PackVersion version;
    void *manager_ctx;
    void (*deleter)(ManagedTensorVersioned *self);
    uint64_t flags;
    DLTensor dl_tensor;
};

}  // namespace ember::dlpack

// The layout of the specification on 64-bit targets: a mismatch here would corrupt every exchange.
static_assert(sizeof(void *) != 8 || sizeof(ember::dlpack::DLTensor) == 48, "DLTensor layout");
static_assert(sizeof(void *) != 8 || offsetof(ember::dlpack::ManagedTensor, deleter) == 56, "DLManagedTensor layout");
static_assert(sizeof(void *) != 8 || offsetof(ember::dlpack::ManagedTensorVersioned, flags) == 24,
              "DLManagedTensorVersioned layout");
static_assert(sizeof(void *) != 8 || offsetof(ember::dlpack::ManagedTensorVersioned, dl_tensor) == 32,
              "DLManagedTensorVersioned layout");
