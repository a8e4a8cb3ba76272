// Serialization: the safetensors entry points (io/safetensors.h).
#include <cstring>

#include "capi/guard.h"
#include "io/safetensors.h"

using namespace ember;
using ember::capi::guard;

struct ember_safetensors_s;

namespace {

io::SafeTensorsFile *file_arg(ember_safetensors f) {
    EMBER_CHECK(f != nullptr, InvalidArgument, "file is NULL");
    return reinterpret_cast<io::SafeTensorsFile *>(f);
}

ember_safetensors to_c(Ref<io::SafeTensorsFile> f) { return reinterpret_cast<ember_safetensors>(f.leak()); }

// Gathers the caller's arrays; every string must be non-NULL.
void gather(const char *const *names, const ember_tensor *tensors, size_t n, const char *const *meta_keys,
            const char *const *meta_values, size_t nmeta, io::NamedTensors &out, io::Metadata &meta) {
    EMBER_CHECK(n == 0 || (names && tensors), InvalidArgument, "names or tensors is NULL");
    EMBER_CHECK(nmeta == 0 || (meta_keys && meta_values), InvalidArgument, "meta_keys or meta_values is NULL");
    for (size_t i = 0; i < n; ++i) {
        EMBER_CHECK(names[i] != nullptr, InvalidArgument, "names[", i, "] is NULL");
        out.emplace_back(names[i], Tensor::borrow(tensors[i], "tensors[i]"));
    }
    for (size_t i = 0; i < nmeta; ++i) {
        EMBER_CHECK(meta_keys[i] && meta_values[i], InvalidArgument, "metadata entry ", i, " is NULL");
        meta.emplace_back(meta_keys[i], meta_values[i]);
    }
}

}  // namespace

extern "C" {

EMBER_API ember_status ember_safetensors_save(const char *path, const char *const *names, const ember_tensor *tensors,
                                              size_t n, const char *const *meta_keys, const char *const *meta_values,
                                              size_t nmeta) {
    return guard([&] {
        capi::require(path, "path");
        io::NamedTensors ts;
        io::Metadata meta;
        gather(names, tensors, n, meta_keys, meta_values, nmeta, ts, meta);
        io::save_file(path, ts, meta);
    });
}

EMBER_API ember_status ember_safetensors_serialize(const char *const *names, const ember_tensor *tensors, size_t n,
                                                   const char *const *meta_keys, const char *const *meta_values,
                                                   size_t nmeta, void *buffer, size_t capacity, size_t *size) {
    return guard([&] {
        capi::require(size, "size");
        io::NamedTensors ts;
        io::Metadata meta;
        gather(names, tensors, n, meta_keys, meta_values, nmeta, ts, meta);
        std::vector<uint8_t> bytes = io::serialize(ts, meta);
        if (buffer) {
            EMBER_CHECK(capacity >= bytes.size(), InvalidArgument, "ember_safetensors_serialize: the buffer has ",
                        capacity, " bytes but the file needs ", bytes.size());
            std::memcpy(buffer, bytes.data(), bytes.size());
        }
        *size = bytes.size();
    });
}

EMBER_API ember_status ember_safetensors_open(const char *path, bool memory_map, ember_safetensors *out) {
    return guard([&] {
        capi::require(path, "path");
        capi::require(out, "out");
        auto bytes = memory_map ? io::FileBytes::map(path) : io::FileBytes::read(path);
        *out = to_c(io::SafeTensorsFile::parse(std::move(bytes)));
    });
}

EMBER_API ember_status ember_safetensors_open_buffer(const void *data, size_t size, ember_safetensors *out) {
    return guard([&] {
        capi::require(out, "out");
        *out = to_c(io::SafeTensorsFile::parse(io::FileBytes::copy(data, size)));
    });
}

EMBER_API void ember_safetensors_release(ember_safetensors file) {
    if (file) reinterpret_cast<io::SafeTensorsFile *>(file)->release();
}

EMBER_API ember_status ember_safetensors_count(ember_safetensors file, size_t *out) {
    return guard([&] {
        auto *f = file_arg(file);
        capi::require(out, "out");
        *out = f->size();
    });
}

EMBER_API ember_status ember_safetensors_name(ember_safetensors file, size_t index, const char **out) {
    return guard([&] {
        auto *f = file_arg(file);
        capi::require(out, "out");
        *out = f->entry(index).name.c_str();
    });
}

EMBER_API ember_status ember_safetensors_get_index(ember_safetensors file, size_t index, ember_tensor *out) {
    return guard([&] {
        auto *f = file_arg(file);
        capi::require(out, "out");
        *out = f->tensor(index).release_to_c();
    });
}

EMBER_API ember_status ember_safetensors_get(ember_safetensors file, const char *name, ember_tensor *out) {
    return guard([&] {
        auto *f = file_arg(file);
        capi::require(name, "name");
        capi::require(out, "out");
        int64_t i = f->find(name);
        EMBER_CHECK(i >= 0, Index, "safetensors: no tensor named \"", name, "\" in the file");
        *out = f->tensor(static_cast<size_t>(i)).release_to_c();
    });
}

EMBER_API ember_status ember_safetensors_metadata_count(ember_safetensors file, size_t *out) {
    return guard([&] {
        auto *f = file_arg(file);
        capi::require(out, "out");
        *out = f->metadata().size();
    });
}

EMBER_API ember_status ember_safetensors_metadata_at(ember_safetensors file, size_t index, const char **key,
                                                     const char **value) {
    return guard([&] {
        auto *f = file_arg(file);
        capi::require(key, "key");
        capi::require(value, "value");
        const auto &m = f->metadata();
        EMBER_CHECK(index < m.size(), Index, "safetensors: metadata index ", index, " is out of range for ", m.size(),
                    " entries");
        *key = m[index].first.c_str();
        *value = m[index].second.c_str();
    });
}

}  // extern "C"
