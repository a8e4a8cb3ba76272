// safetensors: files written outside Ember (tests/fixtures/generate_safetensors.py) are read
// exactly, Ember writes them back byte for byte, and every hostile file is rejected with
// EMBER_ERR_IO naming its problem -- including every truncation and many corruptions of a valid
// file, which must never read out of bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "json.h"
#include "test_util.h"

using ember_test::Tensor;
using ember_test::json::Value;

namespace {

const std::string kDir = std::string(EMBER_FIXTURES_DIR) + "/safetensors/";

std::vector<uint8_t> read_bytes(const std::string &path) {
    std::ifstream f(path, std::ios::binary);
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

const Value &fixtures() {
    static const Value v = [] {
        auto bytes = read_bytes(kDir + "safetensors.json");
        Value doc = Value::parse(std::string(bytes.begin(), bytes.end()));
        if (doc["format"].as_string() != "ember-safetensors-fixtures" || doc["version"].as_int() != 1)
            throw std::runtime_error("unexpected safetensors.json format");
        return doc;
    }();
    return v;
}

ember_dtype dtype_of(const std::string &name) {
    for (ember_dtype d : ember_test::kAllDtypes)
        if (name == ember_test::dtype_name(d)) return d;
    throw std::runtime_error("unknown dtype " + name);
}

std::vector<uint8_t> from_hex(const std::string &hex) {
    std::vector<uint8_t> out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::vector<uint8_t> tensor_bytes(ember_tensor t) {
    ember_tensor_info info;
    EXPECT_EMBER_OK(ember_tensor_get_info(t, &info));
    EXPECT_TRUE(info.is_contiguous);
    auto *p = static_cast<const uint8_t *>(info.data);
    return std::vector<uint8_t>(p, p + info.numel * info.element_size);
}

std::vector<int64_t> shape_of(ember_tensor t) {
    ember_tensor_info info;
    EXPECT_EMBER_OK(ember_tensor_get_info(t, &info));
    std::vector<int64_t> sizes(static_cast<size_t>(info.ndim));
    EXPECT_EMBER_OK(ember_tensor_get_shape(t, sizes.data(), nullptr, sizes.size()));
    return sizes;
}

// Owns a file handle.
struct File {
    ember_safetensors f = nullptr;
    ~File() { ember_safetensors_release(f); }
};

// Checks a handle against one entry of safetensors.json["files"].
void check_contents(ember_safetensors f, const Value &expected) {
    const auto &tensors = expected["tensors"].items();
    size_t count = 0;
    ASSERT_EMBER_OK(ember_safetensors_count(f, &count));
    ASSERT_EQ(count, tensors.size());
    for (size_t i = 0; i < count; ++i) {
        const Value &e = tensors[i];
        const char *name = nullptr;
        ASSERT_EMBER_OK(ember_safetensors_name(f, i, &name));
        EXPECT_EQ(std::string(name), e["name"].as_string());
        Tensor t;
        ASSERT_EMBER_OK(ember_safetensors_get(f, name, t.put()));
        ember_tensor_info info;
        ASSERT_EMBER_OK(ember_tensor_get_info(t, &info));
        EXPECT_EQ(info.dtype, dtype_of(e["dtype"].as_string())) << name;
        std::vector<int64_t> shape;
        for (const Value &d : e["shape"].items()) shape.push_back(d.as_int());
        EXPECT_EQ(shape_of(t), shape) << name;
        EXPECT_EQ(tensor_bytes(t), from_hex(e["hex"].as_string())) << name;
    }
    const Value &meta = expected["metadata"];
    size_t nmeta = 0;
    ASSERT_EMBER_OK(ember_safetensors_metadata_count(f, &nmeta));
    ASSERT_EQ(nmeta, meta.is_null() ? 0u : meta.size());
    for (size_t i = 0; i < nmeta; ++i) {
        const char *k = nullptr, *v = nullptr;
        ASSERT_EMBER_OK(ember_safetensors_metadata_at(f, i, &k, &v));
        EXPECT_EQ(std::string(k), meta.members()[i].first);
        EXPECT_EQ(std::string(v), meta.members()[i].second.as_string());
    }
}

std::string last_error() { return ember_last_error_message(); }

}  // namespace

TEST(SafeTensors, ReadsFilesWrittenOutsideEmber) {
    for (const Value &e : fixtures()["files"].items()) {
        std::string path = kDir + e["file"].as_string();
        for (bool mmap : {true, false}) {
            SCOPED_TRACE(path + (mmap ? " (mmap)" : " (read)"));
            File f;
            ASSERT_EMBER_OK(ember_safetensors_open(path.c_str(), mmap, &f.f));
            check_contents(f.f, e);
        }
        SCOPED_TRACE(path + " (buffer)");
        auto bytes = read_bytes(path);
        File f;
        ASSERT_EMBER_OK(ember_safetensors_open_buffer(bytes.data(), bytes.size(), &f.f));
        check_contents(f.f, e);
    }
}

// Ember writes the same bytes as the reference writer for the same tensors and metadata.
TEST(SafeTensors, WritesTheReferenceBytes) {
    for (const Value &e : fixtures()["files"].items()) {
        SCOPED_TRACE(e["file"].as_string());
        std::vector<Tensor> tensors;
        std::vector<std::string> names;
        for (const Value &t : e["tensors"].items()) {
            std::vector<int64_t> shape;
            for (const Value &d : t["shape"].items()) shape.push_back(d.as_int());
            auto data = from_hex(t["hex"].as_string());
            Tensor x;
            ASSERT_EMBER_OK(ember_from_data(data.data(), data.size(), shape.data(), shape.size(),
                                            dtype_of(t["dtype"].as_string()), x.put()));
            tensors.push_back(x);
            names.push_back(t["name"].as_string());
        }
        // Shuffle the input order: the writer orders tensors itself.
        std::reverse(tensors.begin(), tensors.end());
        std::reverse(names.begin(), names.end());
        std::vector<const char *> cnames, keys, values;
        std::vector<ember_tensor> handles;
        for (size_t i = 0; i < names.size(); ++i) {
            cnames.push_back(names[i].c_str());
            handles.push_back(tensors[i]);
        }
        if (!e["metadata"].is_null())
            for (const auto &[k, v] : e["metadata"].members()) {
                keys.push_back(k.c_str());
                values.push_back(v.as_string().c_str());
            }
        size_t size = 0;
        ASSERT_EMBER_OK(ember_safetensors_serialize(cnames.data(), handles.data(), handles.size(), keys.data(),
                                                    values.data(), keys.size(), nullptr, 0, &size));
        std::vector<uint8_t> out(size);
        ASSERT_EMBER_OK(ember_safetensors_serialize(cnames.data(), handles.data(), handles.size(), keys.data(),
                                                    values.data(), keys.size(), out.data(), out.size(), &size));
        EXPECT_EQ(out, read_bytes(kDir + e["file"].as_string()));

        std::string tmp = (std::filesystem::temp_directory_path() / "ember_st_bytes.safetensors").string();
        ASSERT_EMBER_OK(ember_safetensors_save(tmp.c_str(), cnames.data(), handles.data(), handles.size(), keys.data(),
                                               values.data(), keys.size()));
        EXPECT_EQ(read_bytes(tmp), out);
        std::remove(tmp.c_str());
    }
}

TEST(SafeTensors, RoundTripsNonContiguousAndMmapTensorsOutliveTheHandle) {
    Tensor a, at, b;
    int64_t sizes[] = {3, 4};
    ASSERT_EMBER_OK(ember_arange(ember_test::sfloat(0), ember_test::sfloat(12), ember_test::sfloat(1),
                                 EMBER_DTYPE_FLOAT64, ember_test::kCpu, a.put()));
    Tensor a2;
    ASSERT_EMBER_OK(ember_reshape(a, sizes, 2, a2.put()));
    ASSERT_EMBER_OK(ember_transpose(a2, 0, 1, at.put()));  // non-contiguous (4, 3)
    ASSERT_EMBER_OK(ember_ones(sizes, 2, EMBER_DTYPE_BOOL, ember_test::kCpu, b.put()));
    const char *names[] = {"w", "mask"};
    ember_tensor handles[] = {at, b};
    std::string tmp = (std::filesystem::temp_directory_path() / "ember_st_roundtrip.safetensors").string();
    ASSERT_EMBER_OK(ember_safetensors_save(tmp.c_str(), names, handles, 2, nullptr, nullptr, 0));
    auto before = read_bytes(tmp);

    Tensor w;
    {
        File f;
        ASSERT_EMBER_OK(ember_safetensors_open(tmp.c_str(), true, &f.f));
        ASSERT_EMBER_OK(ember_safetensors_get(f.f, "w", w.put()));
    }  // the handle is gone; w keeps the mapping alive
    EXPECT_EQ(shape_of(w), (std::vector<int64_t>{4, 3}));
    Tensor expected;
    ASSERT_EMBER_OK(ember_contiguous(at, expected.put()));
    EXPECT_EQ(tensor_bytes(w), tensor_bytes(expected));
    // The mapping is private: writing the tensor in place does not fault and leaves the file as is.
    ASSERT_EMBER_OK(ember_fill_(w, ember_test::sfloat(7)));
    auto *p = static_cast<const double *>([&] {
        ember_tensor_info info;
        EXPECT_EMBER_OK(ember_tensor_get_info(w, &info));
        return info.data;
    }());
    EXPECT_EQ(p[5], 7.0);
    EXPECT_EQ(read_bytes(tmp), before);

    // Saving over a file that live tensors still map replaces it without touching their pages.
    Tensor m;
    {
        File f;
        ASSERT_EMBER_OK(ember_safetensors_open(tmp.c_str(), true, &f.f));
        ASSERT_EMBER_OK(ember_safetensors_get(f.f, "w", m.put()));
    }
    ASSERT_EMBER_OK(ember_safetensors_save(tmp.c_str(), names + 1, handles + 1, 1, nullptr, nullptr, 0));
    EXPECT_EQ(tensor_bytes(m), tensor_bytes(expected));
    File replaced;
    ASSERT_EMBER_OK(ember_safetensors_open(tmp.c_str(), true, &replaced.f));
    size_t count = 0;
    ASSERT_EMBER_OK(ember_safetensors_count(replaced.f, &count));
    EXPECT_EQ(count, 1u);
    w.reset();
    m.reset();
    std::remove(tmp.c_str());
}

TEST(SafeTensors, RejectsHostileFiles) {
    for (const Value &e : fixtures()["hostile"].items()) {
        std::string path = kDir + e["file"].as_string();
        const std::string &want = e["error"].as_string();
        for (int mode = 0; mode < 3; ++mode) {
            SCOPED_TRACE(path + " mode " + std::to_string(mode));
            File f;
            ember_status s;
            if (mode < 2) {
                s = ember_safetensors_open(path.c_str(), mode == 0, &f.f);
            } else {
                auto bytes = read_bytes(path);
                s = ember_safetensors_open_buffer(bytes.data(), bytes.size(), &f.f);
            }
            EXPECT_EQ(s, EMBER_ERR_IO);
            EXPECT_EQ(f.f, nullptr);
            EXPECT_NE(last_error().find(want), std::string::npos) << "message: " << last_error();
        }
    }
}

// Every prefix of a valid file is rejected (never read past its end), and single-byte corruptions
// of the header either still parse into a valid file or are rejected.
TEST(SafeTensors, SurvivesEveryTruncationAndCorruption) {
    auto bytes = read_bytes(kDir + "all_dtypes.safetensors");
    for (size_t n = 0; n < bytes.size(); ++n) {
        std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
        File f;
        ASSERT_EQ(ember_safetensors_open_buffer(prefix.data(), prefix.size(), &f.f), EMBER_ERR_IO) << n;
    }
    uint64_t header = 0;
    std::memcpy(&header, bytes.data(), 8);
    const uint8_t replacements[] = {0x00, '"', '\\', '{', '}', '[', ']', ',', ':', '9', '-', 0xFF, 0xC3};
    for (size_t i = 0; i < 8 + header; ++i) {
        for (uint8_t r : replacements) {
            std::vector<uint8_t> bad = bytes;
            bad[i] = r;
            File f;
            ember_status s = ember_safetensors_open_buffer(bad.data(), bad.size(), &f.f);
            ASSERT_TRUE(s == EMBER_OK || s == EMBER_ERR_IO) << i;
            if (s != EMBER_OK) continue;
            size_t count = 0;
            ASSERT_EMBER_OK(ember_safetensors_count(f.f, &count));
            for (size_t k = 0; k < count; ++k) {
                Tensor t;
                ASSERT_EMBER_OK(ember_safetensors_get_index(f.f, k, t.put()));
            }
        }
    }
}

TEST(SafeTensors, RejectsBadWriterArgumentsAndLookups) {
    Tensor x;
    int64_t sizes[] = {2};
    ASSERT_EMBER_OK(ember_zeros(sizes, 1, EMBER_DTYPE_FLOAT32, ember_test::kCpu, x.put()));
    ember_tensor two[] = {x, x};
    size_t size = 0;
    const char *dup[] = {"a", "a"};
    EXPECT_EQ(ember_safetensors_serialize(dup, two, 2, nullptr, nullptr, 0, nullptr, 0, &size),
              EMBER_ERR_INVALID_ARGUMENT);
    EXPECT_NE(last_error().find("duplicate tensor name"), std::string::npos);
    const char *reserved[] = {"__metadata__"};
    EXPECT_EQ(ember_safetensors_serialize(reserved, two, 1, nullptr, nullptr, 0, nullptr, 0, &size),
              EMBER_ERR_INVALID_ARGUMENT);
    const char *bad_utf8[] = {"a\xff"};
    EXPECT_EQ(ember_safetensors_serialize(bad_utf8, two, 1, nullptr, nullptr, 0, nullptr, 0, &size),
              EMBER_ERR_INVALID_ARGUMENT);
    const char *names[] = {"a"};
    const char *keys[] = {"k", "k"}, *values[] = {"1", "2"};
    EXPECT_EQ(ember_safetensors_serialize(names, two, 1, keys, values, 2, nullptr, 0, &size),
              EMBER_ERR_INVALID_ARGUMENT);
    EXPECT_NE(last_error().find("duplicate metadata key"), std::string::npos);
    ASSERT_EMBER_OK(ember_safetensors_serialize(names, two, 1, nullptr, nullptr, 0, nullptr, 0, &size));
    std::vector<uint8_t> small(size - 1);
    EXPECT_EQ(ember_safetensors_serialize(names, two, 1, nullptr, nullptr, 0, small.data(), small.size(), &size),
              EMBER_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(ember_safetensors_save("/nonexistent-dir/x.safetensors", names, two, 1, nullptr, nullptr, 0),
              EMBER_ERR_IO);
    File f;
    EXPECT_EQ(ember_safetensors_open("/nonexistent-dir/x.safetensors", true, &f.f), EMBER_ERR_IO);
    std::string dir = std::filesystem::temp_directory_path().string();
    EXPECT_EQ(ember_safetensors_open(dir.c_str(), true, &f.f), EMBER_ERR_IO);
    EXPECT_EQ(ember_safetensors_open(dir.c_str(), false, &f.f), EMBER_ERR_IO);

    std::vector<uint8_t> buf(size);
    ASSERT_EMBER_OK(ember_safetensors_serialize(names, two, 1, nullptr, nullptr, 0, buf.data(), buf.size(), &size));
    ASSERT_EMBER_OK(ember_safetensors_open_buffer(buf.data(), buf.size(), &f.f));
    Tensor t;
    EXPECT_EQ(ember_safetensors_get(f.f, "b", t.put()), EMBER_ERR_INDEX);
    EXPECT_NE(last_error().find("no tensor named \"b\""), std::string::npos);
    EXPECT_EQ(ember_safetensors_get_index(f.f, 1, t.put()), EMBER_ERR_INDEX);
    const char *k = nullptr, *v = nullptr;
    EXPECT_EQ(ember_safetensors_metadata_at(f.f, 0, &k, &v), EMBER_ERR_INDEX);
    EXPECT_EQ(ember_safetensors_count(nullptr, &size), EMBER_ERR_INVALID_ARGUMENT);
}
