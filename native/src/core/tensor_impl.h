// TensorImpl: dtype, device, sizes, strides and storage offset over a shared Storage. The C ABI
// handle ember_tensor is a TensorImpl* (one reference), so a handle costs no extra allocation.
#pragma once
#include <cstdint>
#include <memory>

#include "core/dtype.h"
#include "core/device.h"
#include "core/ref.h"
#include "core/small_alloc.h"
#include "core/small_vector.h"
#include "core/storage.h"

namespace ember {

struct AutogradMeta;  // autograd/, created only for tensors that take part in differentiation

class TensorImpl final : public RefCounted {
public:
    TensorImpl(Ref<Storage> storage, DType dtype, IntArrayRef sizes, IntArrayRef strides, int64_t offset);
    // A new contiguous tensor of numel elements at offset 0 (what empty() makes, on every op).
    TensorImpl(Ref<Storage> storage, DType dtype, IntArrayRef sizes, int64_t numel);
    ~TensorImpl() override;
    EMBER_SMALL_ALLOC_OPERATORS

    DType dtype() const { return dtype_; }
    Device device() const { return storage_->device(); }
    int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
    IntArrayRef sizes() const { return sizes_; }
    IntArrayRef strides() const { return strides_; }
    int64_t size(int64_t d) const { return sizes_[d]; }
    int64_t stride(int64_t d) const { return strides_[d]; }
    int64_t numel() const { return numel_; }
    int64_t storage_offset() const { return offset_; }
    bool is_contiguous() const { return contiguous_; }
    const Ref<Storage> &storage() const { return storage_; }
    void *data() const { return static_cast<char *>(storage_->data()) + offset_ * static_cast<int64_t>(itemsize(dtype_)); }

    // A 0-dim tensor made from a Python-like number: promotes with the lowest priority.
    bool is_wrapped_number() const { return wrapped_number_; }
    void set_wrapped_number(bool v) { wrapped_number_ = v; }

    // Changes shape and strides in place (used by resize of empty outputs).
    void set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t offset);
    void set_storage(Ref<Storage> s) { storage_ = std::move(s); }

    AutogradMeta *autograd_meta() const { return autograd_.get(); }
    void set_autograd_meta(std::unique_ptr<AutogradMeta, void (*)(AutogradMeta *)> m) { autograd_ = std::move(m); }

private:
    void refresh();  // recomputes numel and contiguity

    Ref<Storage> storage_;
    DimVector sizes_, strides_;
    int64_t offset_ = 0;
    int64_t numel_ = 1;
    DType dtype_;
    bool contiguous_ = true;
    bool wrapped_number_ = false;
    std::unique_ptr<AutogradMeta, void (*)(AutogradMeta *)> autograd_{nullptr, [](AutogradMeta *) {}};
};

}  // namespace ember
