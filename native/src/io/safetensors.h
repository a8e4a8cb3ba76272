// The safetensors format (docs/safetensors.md): an 8-byte little-endian header length N, N bytes
// of UTF-8 JSON describing every tensor, then the tensors' bytes. The writer produces the bytes
// Python's safetensors.torch.save_file produces; the reader treats every file as hostile.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ref.h"
#include "core/tensor.h"

namespace ember::io {

// The whole file, read-only to the parser: either a private copy-on-write mapping of the file or
// a heap buffer. Tensors that alias a mapping hold a reference to it (see SafeTensorsFile::tensor).
class FileBytes final : public RefCounted {
public:
    static Ref<FileBytes> map(const std::string &path);
    static Ref<FileBytes> read(const std::string &path);
    static Ref<FileBytes> copy(const void *data, size_t size);
    ~FileBytes() override;

    const uint8_t *data() const { return data_; }
    size_t size() const { return size_; }
    bool mapped() const { return mapped_; }

private:
    FileBytes() = default;
    uint8_t *data_ = nullptr;
    size_t size_ = 0;
    bool mapped_ = false;
    std::vector<uint8_t> owned_;
#if defined(_WIN32)
    void *mapping_handle_ = nullptr;
#endif
};

struct TensorEntry {
    std::string name;
    DType dtype;
    std::vector<int64_t> shape;
    uint64_t begin;  // offsets into the data buffer (after the header)
    uint64_t end;
};

// A parsed and fully validated file. Entries are sorted by name (as Python's safe_open.keys()).
class SafeTensorsFile final : public RefCounted {
public:
    // Parses and validates; throws Status::IO naming the first problem found.
    static Ref<SafeTensorsFile> parse(Ref<FileBytes> bytes);

    size_t size() const { return entries_.size(); }
    const TensorEntry &entry(size_t i) const;
    // Index of the tensor called name, or -1.
    int64_t find(std::string_view name) const;
    // A mapped file gives a zero-copy tensor aliasing the mapping (which it keeps alive) when
    // the data is aligned to its element size; otherwise the tensor owns a copy.
    Tensor tensor(size_t i) const;
    const std::vector<std::pair<std::string, std::string>> &metadata() const { return metadata_; }

private:
    Ref<FileBytes> bytes_;
    size_t data_start_ = 0;
    std::vector<TensorEntry> entries_;
    std::vector<std::pair<std::string, std::string>> metadata_;
};

// A tensor to save and its name; metadata entries are (key, value).
using NamedTensors = std::vector<std::pair<std::string, Tensor>>;
using Metadata = std::vector<std::pair<std::string, std::string>>;

// The complete file contents.
std::vector<uint8_t> serialize(const NamedTensors &tensors, const Metadata &metadata);
// Writes serialize()'s bytes to path (streaming the tensor data, not buffering it).
void save_file(const std::string &path, const NamedTensors &tensors, const Metadata &metadata);

}  // namespace ember::io
