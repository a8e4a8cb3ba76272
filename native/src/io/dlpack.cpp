// DLPack import and export. Imported memory becomes a tensor through from_blob, whose deleter
// hands the capsule back to its producer; exports keep a reference to the tensor in the manager
// context, so the memory lives until the consumer calls the deleter, whatever happens to the
// tensor here meanwhile.
#include "io/dlpack.h"

#include <memory>
#include <string>

#include "autograd/autograd_meta.h"
#include "core/allocator.h"
#include "io/dlpack_abi.h"
#include "ops/creation.h"

namespace ember {
namespace {

using dlpack::DataType;
using dlpack::DLTensor;
using dlpack::ManagedTensor;
using dlpack::ManagedTensorVersioned;

// Far more than any real tensor has; a larger ndim is a corrupt or uninitialised struct.
constexpr int32_t kMaxDLPackDims = 64;

const char *device_type_name(int32_t t) {
    switch (t) {
        case dlpack::kCPU: return "kDLCPU";
        case dlpack::kCUDA: return "kDLCUDA";
        case dlpack::kCUDAHost: return "kDLCUDAHost";
        case dlpack::kOpenCL: return "kDLOpenCL";
        case dlpack::kVulkan: return "kDLVulkan";
        case dlpack::kMetal: return "kDLMetal";
        case dlpack::kVPI: return "kDLVPI";
        case dlpack::kROCM: return "kDLROCM";
        case dlpack::kROCMHost: return "kDLROCMHost";
        case dlpack::kExtDev: return "kDLExtDev";
        case dlpack::kCUDAManaged: return "kDLCUDAManaged";
        case dlpack::kOneAPI: return "kDLOneAPI";
        case dlpack::kWebGPU: return "kDLWebGPU";
        case dlpack::kHexagon: return "kDLHexagon";
        case dlpack::kMAIA: return "kDLMAIA";
        default: return "an unknown device type";
    }
}

const char *type_code_name(uint8_t code) {
    switch (code) {
        case dlpack::kInt: return "int";
        case dlpack::kUInt: return "uint";
        case dlpack::kFloat: return "float";
        case dlpack::kOpaqueHandle: return "opaque handle";
        case dlpack::kBfloat: return "bfloat";
        case dlpack::kComplex: return "complex";
        case dlpack::kBool: return "bool";
        default: return "unknown";
    }
}

DType dtype_from_dlpack(DataType t) {
    EMBER_CHECK(t.lanes == 1, DType, "from_dlpack: vector dtypes (lanes=", t.lanes, ") are not supported");
    switch (t.code) {
        case dlpack::kFloat:
            if (t.bits == 16) return DType::Float16;
            if (t.bits == 32) return DType::Float32;
            if (t.bits == 64) return DType::Float64;
            break;
        case dlpack::kBfloat:
            if (t.bits == 16) return DType::BFloat16;
            break;
        case dlpack::kInt:
            if (t.bits == 8) return DType::Int8;
            if (t.bits == 16) return DType::Int16;
            if (t.bits == 32) return DType::Int32;
            if (t.bits == 64) return DType::Int64;
            break;
        case dlpack::kUInt:
            if (t.bits == 8) return DType::UInt8;
            break;
        case dlpack::kBool:
            if (t.bits == 8) return DType::Bool;
            break;
        default: break;
    }
    fail(Status::DType, "from_dlpack: DLPack dtype ", type_code_name(t.code), static_cast<int>(t.bits),
               " (code ", static_cast<int>(t.code), ", ", static_cast<int>(t.bits), " bits) has no Ember dtype");
}

DataType dtype_to_dlpack(DType d) {
    switch (d) {
        case DType::Float16: return {dlpack::kFloat, 16, 1};
        case DType::Float32: return {dlpack::kFloat, 32, 1};
        case DType::Float64: return {dlpack::kFloat, 64, 1};
        case DType::BFloat16: return {dlpack::kBfloat, 16, 1};
        case DType::Int8: return {dlpack::kInt, 8, 1};
        case DType::Int16: return {dlpack::kInt, 16, 1};
        case DType::Int32: return {dlpack::kInt, 32, 1};
        case DType::Int64: return {dlpack::kInt, 64, 1};
        case DType::UInt8: return {dlpack::kUInt, 8, 1};
        case DType::Bool: return {dlpack::kBool, 8, 1};
        default: break;
    }
    fail(Status::DType, "to_dlpack: dtype ", dtype_name(d), " has no DLPack equivalent");
}

Device device_from_dlpack(dlpack::Device d) {
    Device device;
    switch (d.device_type) {
        // Host memory, pinned or not, is ordinary CPU memory to this runtime.
        case dlpack::kCPU:
        case dlpack::kCUDAHost:
        case dlpack::kROCMHost: return Device::cpu();
        case dlpack::kCUDA: device = Device{DeviceType::CUDA, d.device_id}; break;
        case dlpack::kROCM: device = Device{DeviceType::HIP, d.device_id}; break;
        default:
            fail(Status::Device, "from_dlpack: DLPack device ", device_type_name(d.device_type), " (",
                       d.device_type, ") is not supported; Ember reads CPU, CUDA and ROCm memory");
    }
    EMBER_CHECK(d.device_id >= 0, Device, "from_dlpack: invalid device id ", d.device_id);
    allocator_for(device);  // throws a Device error naming the backend when it is not loaded
    return device;
}

dlpack::Device device_to_dlpack(Device d) {
    switch (d.type) {
        case DeviceType::CPU: return {dlpack::kCPU, 0};
        case DeviceType::CUDA: return {dlpack::kCUDA, d.index};
        case DeviceType::HIP: return {dlpack::kROCM, d.index};
    }
    fail(Status::Device, "to_dlpack: unknown device");
}

// Validates the struct completely, then wraps it; from_blob's storage owns the capsule from then on.
template <typename Managed>
Tensor wrap(Managed *m, void (*release)(void *, void *)) {
    const DLTensor &t = m->dl_tensor;
    EMBER_CHECK(t.ndim >= 0 && t.ndim <= kMaxDLPackDims, InvalidArgument, "from_dlpack: invalid ndim ", t.ndim);
    EMBER_CHECK(t.shape != nullptr || t.ndim == 0, InvalidArgument, "from_dlpack: shape is NULL for a ",
                t.ndim, "-d tensor");
    DType dtype = dtype_from_dlpack(t.dtype);
    Device device = device_from_dlpack(t.device);
    IntArrayRef sizes(t.shape, static_cast<size_t>(t.ndim));
    for (int64_t s : sizes) EMBER_CHECK(s >= 0, Shape, "from_dlpack: negative dimension ", s, " in shape");
    if (t.strides)
        for (int32_t d = 0; d < t.ndim; ++d)
            EMBER_CHECK(t.strides[d] >= 0, InvalidArgument, "from_dlpack: negative stride ", t.strides[d],
                        " in dimension ", d, " is not supported");
    char *data = static_cast<char *>(t.data);
    if (data) data += t.byte_offset;
    return from_blob(data, sizes, t.strides, dtype, device, release, m);
}

void release_unversioned(void *, void *ctx) {
    auto *m = static_cast<ManagedTensor *>(ctx);
    if (m->deleter) m->deleter(m);
}

void release_versioned(void *, void *ctx) {
    auto *m = static_cast<ManagedTensorVersioned *>(ctx);
    if (m->deleter) m->deleter(m);
}

// What an export owns: a reference to the tensor and the shape/strides arrays the struct points at.
template <typename Managed>
struct Export {
    Managed managed{};
    Tensor tensor;
    std::unique_ptr<int64_t[]> dims;

    static void destroy(Managed *self) { delete static_cast<Export *>(self->manager_ctx); }
};

template <typename Managed>
Managed *make_export(const Tensor &t) {
    EMBER_CHECK(!autograd::requires_grad(t), Autograd,
                "to_dlpack: cannot export a tensor that requires grad; export tensor.detach() instead");
    auto e = std::make_unique<Export<Managed>>();
    const auto ndim = static_cast<size_t>(t.dim());
    e->tensor = t;
    // Never a null array, even for a 0-d tensor: some consumers read shape[0..ndim) unconditionally.
    e->dims = std::make_unique<int64_t[]>(ndim == 0 ? 1 : 2 * ndim);
    for (size_t d = 0; d < ndim; ++d) {
        e->dims[d] = t.size(static_cast<int64_t>(d));
        e->dims[ndim + d] = t.stride(static_cast<int64_t>(d));
    }
    DLTensor &dl = e->managed.dl_tensor;
    dl.data = t.data_ptr();
    dl.device = device_to_dlpack(t.device());
    dl.ndim = static_cast<int32_t>(ndim);
    dl.dtype = dtype_to_dlpack(t.dtype());
    dl.shape = e->dims.get();
    dl.strides = e->dims.get() + (ndim == 0 ? 0 : ndim);
    dl.byte_offset = 0;
    e->managed.manager_ctx = e.get();
    e->managed.deleter = &Export<Managed>::destroy;
    return &e.release()->managed;
}

}  // namespace

Tensor from_dlpack(void *managed, DLPackKind kind) {
    EMBER_CHECK(managed != nullptr, InvalidArgument, "from_dlpack: the managed tensor is NULL");
    if (kind == DLPackKind::Unversioned) return wrap(static_cast<ManagedTensor *>(managed), release_unversioned);
    auto *m = static_cast<ManagedTensorVersioned *>(managed);
    EMBER_CHECK(m->version.major == dlpack::kMajorVersion, InvalidArgument, "from_dlpack: DLPack version ",
                m->version.major, ".", m->version.minor, " is not supported (this runtime reads ",
                dlpack::kMajorVersion, ".x)");
    // Ember tensors are always writable: wrapping read-only memory would let any in-place op write it.
    EMBER_CHECK(!(m->flags & dlpack::kFlagReadOnly), InvalidArgument,
                "from_dlpack: the DLPack tensor is read-only and Ember tensors are writable; copy it first");
    return wrap(m, release_versioned);
}

void *to_dlpack(const Tensor &t, DLPackKind kind) {
    if (kind == DLPackKind::Unversioned) return make_export<ManagedTensor>(t);
    ManagedTensorVersioned *m = make_export<ManagedTensorVersioned>(t);
    m->version = {dlpack::kMajorVersion, dlpack::kMinorVersion};
    m->flags = 0;
    return m;
}

}  // namespace ember
