#include "io/safetensors.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/error.h"
#include "ops/creation.h"
#include "ops/elementwise.h"

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

// The format stores little-endian data and Ember tensors are in host order.
static_assert(std::endian::native == std::endian::little, "safetensors I/O assumes a little-endian host");

namespace ember::io {

namespace {

// The reference implementation refuses headers above 100 MB: a length field is never trusted to
// size an allocation beyond that.
constexpr uint64_t kMaxHeader = 100'000'000;
constexpr const char *kMetadataKey = "__metadata__";

std::filesystem::path utf8_path(const std::string &path) {
    return std::filesystem::path(std::u8string(path.begin(), path.end()));
}

// ---------------------------------------------------------------------------------------------
// dtypes

struct DTypeName {
    DType dtype;
    const char *name;
    int rank;  // position in the reference implementation's Dtype enum (increasing alignment)
};
// rank: BOOL < U8 < I8 < I16 < F16 < BF16 < I32 < F32 < F64 < I64, as the Rust `Dtype` enum
// declares them (the unsigned and 8-bit float types it adds in between do not exist in Ember).
constexpr DTypeName kDTypes[] = {
    {DType::Bool, "BOOL", 0},    {DType::UInt8, "U8", 1},   {DType::Int8, "I8", 2},
    {DType::Int16, "I16", 3},    {DType::Float16, "F16", 4}, {DType::BFloat16, "BF16", 5},
    {DType::Int32, "I32", 6},    {DType::Float32, "F32", 7}, {DType::Float64, "F64", 8},
    {DType::Int64, "I64", 9},
};

const DTypeName &dtype_entry(DType d) {
    for (const auto &e : kDTypes)
        if (e.dtype == d) return e;
    fail(Status::DType, "safetensors: dtype ", dtype_name(d), " cannot be saved");
}

// ---------------------------------------------------------------------------------------------
// UTF-8 and the strict JSON reader

// True when s is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF);
// *bad receives the offset of the first bad byte.
bool valid_utf8(std::string_view s, size_t *bad) {
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t len;
        unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (c < 0x80) { ++i; continue; }
        else if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
        else { *bad = i; return false; }
        if (n - i < len) { *bad = i; return false; }
        if (p[i + 1] < lo || p[i + 1] > hi) { *bad = i; return false; }
        for (size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) { *bad = i; return false; }
        i += len;
    }
    return true;
}

void append_utf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Reads exactly the JSON a safetensors header needs: one object whose values are tensor-info
// objects ({"dtype": string, "shape": [uint...], "data_offsets": [uint, uint]}) or, under
// "__metadata__", an object of strings. Anything else (other value types, deeper nesting, unknown
// fields, duplicate keys, numbers with signs, fractions or exponents) is an error naming the
// byte offset in the header.
class HeaderReader {
public:
    explicit HeaderReader(std::string_view text) : s_(text) {}

    void parse(std::vector<TensorEntry> &entries, Metadata &metadata, bool &has_metadata) {
        skip_ws();
        // The reference implementation also requires the header to open with '{'.
        if (pos_ != 0 || !peek('{')) error("the header must start with '{'");
        std::set<std::string, std::less<>> keys;
        object_members([&](std::string key) {
            if (!keys.insert(key).second) error("duplicate key \"" + key + "\"");
            if (key == kMetadataKey) {
                has_metadata = true;
                parse_metadata(metadata);
            } else {
                entries.push_back(parse_tensor(std::move(key)));
            }
        });
        skip_ws();
        if (pos_ != s_.size()) error("unexpected data after the header object");
    }

private:
    [[noreturn]] void error(const std::string &what) const {
        fail(Status::IO, "safetensors: invalid header JSON at byte ", pos_, ": ", what);
    }
    bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
    void expect(char c) {
        skip_ws();
        if (!peek(c)) error(std::string("expected '") + c + "'");
        ++pos_;
    }
    void skip_ws() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    // Calls member(key) for each member with the reader positioned at the value.
    template <typename F>
    void object_members(F &&member) {
        expect('{');
        skip_ws();
        if (peek('}')) { ++pos_; return; }
        while (true) {
            skip_ws();
            if (!peek('"')) error("expected a string key");
            std::string key = parse_string();
            expect(':');
            skip_ws();
            member(std::move(key));
            skip_ws();
            if (peek(',')) { ++pos_; continue; }
            if (peek('}')) { ++pos_; return; }
            error("expected ',' or '}'");
        }
    }

    uint32_t hex4() {
        if (s_.size() - pos_ < 4) error("truncated \\u escape");
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f') v |= uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= uint32_t(c - 'A' + 10);
            else { --pos_; error("bad hex digit in \\u escape"); }
        }
        return v;
    }

    std::string parse_string() {
        ++pos_;  // the opening quote
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) error("unterminated string");
            char c = s_[pos_];
            if (c == '"') { ++pos_; return out; }
            if (static_cast<unsigned char>(c) < 0x20) error("unescaped control character in a string");
            if (c != '\\') { out += c; ++pos_; continue; }
            ++pos_;
            if (pos_ >= s_.size()) error("unterminated escape");
            char e = s_[pos_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp = hex4();
                    if (cp >= 0xDC00 && cp <= 0xDFFF) error("unpaired low surrogate in \\u escape");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (s_.size() - pos_ < 2 || s_[pos_] != '\\' || s_[pos_ + 1] != 'u')
                            error("unpaired high surrogate in \\u escape");
                        pos_ += 2;
                        uint32_t lo = hex4();
                        if (lo < 0xDC00 || lo > 0xDFFF) error("unpaired high surrogate in \\u escape");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: --pos_; error(std::string("bad escape '\\") + e + "'");
            }
        }
    }

    uint64_t parse_uint(const char *what) {
        skip_ws();
        if (peek('-')) error(std::string("negative ") + what);
        if (pos_ >= s_.size() || s_[pos_] < '0' || s_[pos_] > '9') error(std::string("expected an integer ") + what);
        if (s_[pos_] == '0' && pos_ + 1 < s_.size() && s_[pos_ + 1] >= '0' && s_[pos_ + 1] <= '9')
            error("leading zeros are not valid JSON");
        uint64_t v = 0;
        while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
            uint64_t d = uint64_t(s_[pos_] - '0');
            if (v > (UINT64_MAX - d) / 10) error(std::string(what) + " overflows 64 bits");
            v = v * 10 + d;
            ++pos_;
        }
        if (peek('.') || peek('e') || peek('E')) error(std::string(what) + " must be an integer");
        return v;
    }

    template <typename F>
    void array_items(F &&item) {
        expect('[');
        skip_ws();
        if (peek(']')) { ++pos_; return; }
        while (true) {
            item();
            skip_ws();
            if (peek(',')) { ++pos_; continue; }
            if (peek(']')) { ++pos_; return; }
            error("expected ',' or ']'");
        }
    }

    void parse_metadata(Metadata &metadata) {
        if (!peek('{')) error("__metadata__ must be an object of strings");
        std::set<std::string, std::less<>> keys;
        object_members([&](std::string key) {
            if (!keys.insert(key).second) error("duplicate key \"" + key + "\" in __metadata__");
            if (!peek('"')) error("__metadata__ value of \"" + key + "\" must be a string");
            metadata.emplace_back(std::move(key), parse_string());
        });
    }

    TensorEntry parse_tensor(std::string name) {
        if (!peek('{')) error("the value of tensor \"" + name + "\" must be an object");
        TensorEntry t{std::move(name), DType::Undefined, {}, 0, 0};
        bool seen_dtype = false, seen_shape = false, seen_offsets = false;
        object_members([&](std::string key) {
            if (key == "dtype") {
                if (seen_dtype) error("duplicate key \"dtype\" in tensor \"" + t.name + "\"");
                seen_dtype = true;
                if (!peek('"')) error("dtype of tensor \"" + t.name + "\" must be a string");
                std::string d = parse_string();
                for (const auto &e : kDTypes)
                    if (d == e.name) t.dtype = e.dtype;
                if (t.dtype == DType::Undefined)
                    fail(Status::IO, "safetensors: tensor \"", t.name, "\" has unknown or unsupported dtype \"", d,
                         "\" (supported: F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)");
            } else if (key == "shape") {
                if (seen_shape) error("duplicate key \"shape\" in tensor \"" + t.name + "\"");
                seen_shape = true;
                array_items([&] {
                    uint64_t d = parse_uint("dimension");
                    if (d > uint64_t(INT64_MAX)) error("dimension " + std::to_string(d) + " is too large");
                    t.shape.push_back(static_cast<int64_t>(d));
                });
            } else if (key == "data_offsets") {
                if (seen_offsets) error("duplicate key \"data_offsets\" in tensor \"" + t.name + "\"");
                seen_offsets = true;
                std::vector<uint64_t> offs;
                array_items([&] {
                    if (offs.size() == 2) error("data_offsets must have exactly 2 entries");
                    offs.push_back(parse_uint("offset"));
                });
                if (offs.size() != 2) error("data_offsets must have exactly 2 entries");
                t.begin = offs[0];
                t.end = offs[1];
            } else {
                error("unknown key \"" + key + "\" in tensor \"" + t.name + "\"");
            }
        });
        if (!seen_dtype || !seen_shape || !seen_offsets)
            fail(Status::IO, "safetensors: tensor \"", t.name, "\" lacks ",
                 !seen_dtype ? "dtype" : !seen_shape ? "shape" : "data_offsets");
        return t;
    }

    std::string_view s_;
    size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The writer

// serde_json's escaping, so headers match the reference writer byte for byte.
void append_json_string(std::string &out, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += kHex[c >> 4];
                    out += kHex[c & 15];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

void check_utf8_arg(const std::string &s, const char *what) {
    size_t bad = 0;
    EMBER_CHECK(valid_utf8(s, &bad), InvalidArgument, "safetensors: ", what, " is not valid UTF-8 (byte ", bad, ")");
}

struct Prepared {
    std::string header;          // padded JSON
    std::vector<Tensor> tensors;  // contiguous, in file order
    uint64_t data_size = 0;
};

Prepared prepare(const NamedTensors &tensors, const Metadata &metadata) {
    std::set<std::string_view> names;
    for (const auto &[name, t] : tensors) {
        check_utf8_arg(name, "a tensor name");
        EMBER_CHECK(name != kMetadataKey, InvalidArgument, "safetensors: \"__metadata__\" cannot name a tensor");
        EMBER_CHECK(names.insert(name).second, InvalidArgument, "safetensors: duplicate tensor name \"", name, "\"");
        EMBER_CHECK(t.defined(), InvalidArgument, "safetensors: tensor \"", name, "\" is NULL");
        EMBER_CHECK(t.device().type == DeviceType::CPU, Device, "safetensors: tensor \"", name,
                    "\" is not on the CPU");
        dtype_entry(t.dtype());
    }
    std::set<std::string_view> keys;
    for (const auto &[k, v] : metadata) {
        check_utf8_arg(k, "a metadata key");
        check_utf8_arg(v, "a metadata value");
        EMBER_CHECK(keys.insert(k).second, InvalidArgument, "safetensors: duplicate metadata key \"", k, "\"");
    }

    // The reference writer orders tensors by decreasing dtype alignment, then by name, so every
    // tensor in the buffer is aligned to its element size.
    std::vector<size_t> order(tensors.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        int ra = dtype_entry(tensors[a].second.dtype()).rank, rb = dtype_entry(tensors[b].second.dtype()).rank;
        if (ra != rb) return ra > rb;
        return tensors[a].first < tensors[b].first;
    });

    Prepared p;
    std::string &h = p.header;
    h += '{';
    bool first = true;
    if (!metadata.empty()) {
        // The reference writer puts __metadata__ first. Its keys come from a Rust HashMap (in no
        // fixed order); Ember writes them sorted so its output is deterministic.
        Metadata sorted = metadata;
        std::sort(sorted.begin(), sorted.end());
        append_json_string(h, kMetadataKey);
        h += ":{";
        for (size_t i = 0; i < sorted.size(); ++i) {
            if (i) h += ',';
            append_json_string(h, sorted[i].first);
            h += ':';
            append_json_string(h, sorted[i].second);
        }
        h += '}';
        first = false;
    }
    uint64_t offset = 0;
    for (size_t i : order) {
        const auto &[name, t] = tensors[i];
        if (!first) h += ',';
        first = false;
        append_json_string(h, name);
        h += ":{\"dtype\":";
        append_json_string(h, dtype_entry(t.dtype()).name);
        h += ",\"shape\":[";
        for (int64_t d = 0; d < t.dim(); ++d) {
            if (d) h += ',';
            h += std::to_string(t.size(d));
        }
        uint64_t nbytes = t.nbytes();
        h += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + nbytes) + "]}";
        offset += nbytes;
        p.tensors.push_back(t.is_contiguous() ? t : contiguous(t));
    }
    h += '}';
    // Padding with spaces to a multiple of 8 keeps the data buffer 8-byte aligned in the file.
    h.append((8 - h.size() % 8) % 8, ' ');
    p.data_size = offset;
    return p;
}

// a * b, or false when it overflows.
bool checked_mul(uint64_t a, uint64_t b, uint64_t *out) {
    if (b != 0 && a > UINT64_MAX / b) return false;
    *out = a * b;
    return true;
}

void put_u64_le(uint8_t *dst, uint64_t v) {
    for (int k = 0; k < 8; ++k) dst[k] = static_cast<uint8_t>(v >> (8 * k));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Writer entry points

std::vector<uint8_t> serialize(const NamedTensors &tensors, const Metadata &metadata) {
    Prepared p = prepare(tensors, metadata);
    std::vector<uint8_t> out(8 + p.header.size() + p.data_size);
    put_u64_le(out.data(), p.header.size());
    std::memcpy(out.data() + 8, p.header.data(), p.header.size());
    uint8_t *dst = out.data() + 8 + p.header.size();
    for (const Tensor &t : p.tensors) {
        if (t.nbytes()) std::memcpy(dst, t.data_ptr(), t.nbytes());
        dst += t.nbytes();
    }
    return out;
}

void save_file(const std::string &path, const NamedTensors &tensors, const Metadata &metadata) {
    Prepared p = prepare(tensors, metadata);
    // Written to a temporary file in the same directory, then renamed over path: a failed write
    // leaves any existing file intact, and tensors still mapping the old file keep valid pages
    // (truncating a mapped file in place would make reading them fault with SIGBUS).
    static std::atomic<uint64_t> counter{0};
    std::filesystem::path target = utf8_path(path);
    std::filesystem::path tmp = target;
#if defined(_WIN32)
    unsigned long pid = GetCurrentProcessId();
#else
    long pid = static_cast<long>(::getpid());
#endif
    tmp += ".tmp-" + std::to_string(pid) + "-" + std::to_string(counter.fetch_add(1));
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        EMBER_CHECK(f.is_open(), IO, "safetensors: cannot open '", path, "' for writing: ", std::strerror(errno));
        uint8_t len[8];
        put_u64_le(len, p.header.size());
        f.write(reinterpret_cast<const char *>(len), 8);
        f.write(p.header.data(), static_cast<std::streamsize>(p.header.size()));
        for (const Tensor &t : p.tensors)
            f.write(static_cast<const char *>(t.data_ptr()), static_cast<std::streamsize>(t.nbytes()));
        f.close();
        if (f.fail()) {
            int err = errno;
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            fail(Status::IO, "safetensors: writing '", path, "' failed: ", std::strerror(err));
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, target, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        fail(Status::IO, "safetensors: cannot replace '", path, "': ", ec.message());
    }
}

// ---------------------------------------------------------------------------------------------
// File bytes

Ref<FileBytes> FileBytes::copy(const void *data, size_t size) {
    EMBER_CHECK(data != nullptr || size == 0, InvalidArgument, "safetensors: buffer is NULL");
    Ref<FileBytes> b = Ref<FileBytes>::adopt(new FileBytes());
    b->owned_.assign(static_cast<const uint8_t *>(data), static_cast<const uint8_t *>(data) + size);
    b->data_ = b->owned_.data();
    b->size_ = size;
    return b;
}

Ref<FileBytes> FileBytes::read(const std::string &path) {
    std::error_code ec;
    // A stream opens a directory and reports a meaningless size for it.
    bool regular = std::filesystem::is_regular_file(utf8_path(path), ec);
    std::ifstream f(utf8_path(path), std::ios::binary | std::ios::ate);
    EMBER_CHECK(f.is_open(), IO, "safetensors: cannot open '", path, "': ", std::strerror(errno));
    EMBER_CHECK(regular, IO, "safetensors: cannot read '", path, "': not a regular file");
    std::streamoff end = f.tellg();
    EMBER_CHECK(end >= 0, IO, "safetensors: cannot size '", path, "'");
    auto size = static_cast<size_t>(end);
    f.seekg(0);
    Ref<FileBytes> b = Ref<FileBytes>::adopt(new FileBytes());
    b->owned_.resize(size);
    f.read(reinterpret_cast<char *>(b->owned_.data()), static_cast<std::streamsize>(size));
    EMBER_CHECK(static_cast<size_t>(f.gcount()) == size, IO, "safetensors: reading '", path, "' failed");
    b->data_ = b->owned_.data();
    b->size_ = size;
    return b;
}

#if defined(_WIN32)
Ref<FileBytes> FileBytes::map(const std::string &path) {
    std::filesystem::path p = utf8_path(path);
    HANDLE file = CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, nullptr);
    EMBER_CHECK(file != INVALID_HANDLE_VALUE, IO, "safetensors: cannot open '", path, "' (error ", GetLastError(), ")");
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) {
        CloseHandle(file);
        fail(Status::IO, "safetensors: cannot size '", path, "'");
    }
    Ref<FileBytes> b = Ref<FileBytes>::adopt(new FileBytes());
    b->size_ = static_cast<size_t>(size.QuadPart);
    if (b->size_ == 0) {  // Windows cannot map an empty file; the parser reports it as too short
        CloseHandle(file);
        return b;
    }
    HANDLE mapping = CreateFileMappingW(file, nullptr, PAGE_WRITECOPY, 0, 0, nullptr);
    CloseHandle(file);
    EMBER_CHECK(mapping != nullptr, IO, "safetensors: cannot map '", path, "' (error ", GetLastError(), ")");
    void *addr = MapViewOfFile(mapping, FILE_MAP_COPY, 0, 0, 0);
    if (!addr) {
        CloseHandle(mapping);
        fail(Status::IO, "safetensors: cannot map '", path, "' (error ", GetLastError(), ")");
    }
    b->mapping_handle_ = mapping;
    b->data_ = static_cast<uint8_t *>(addr);
    b->mapped_ = true;
    return b;
}

FileBytes::~FileBytes() {
    if (mapped_) {
        UnmapViewOfFile(data_);
        CloseHandle(mapping_handle_);
    }
}
#else
Ref<FileBytes> FileBytes::map(const std::string &path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    EMBER_CHECK(fd >= 0, IO, "safetensors: cannot open '", path, "': ", std::strerror(errno));
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        int err = errno;
        ::close(fd);
        fail(Status::IO, "safetensors: cannot stat '", path, "': ", std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        fail(Status::IO, "safetensors: cannot map '", path, "': not a regular file");
    }
    Ref<FileBytes> b = Ref<FileBytes>::adopt(new FileBytes());
    b->size_ = static_cast<size_t>(st.st_size);
    if (b->size_ == 0) {  // mmap rejects a zero length; the parser reports the file as too short
        ::close(fd);
        return b;
    }
    // MAP_PRIVATE with write permission is copy-on-write: the file (opened read-only) is never
    // modified, and an in-place op on a loaded tensor copies the touched pages instead of faulting.
    void *addr = ::mmap(nullptr, b->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    int err = errno;
    ::close(fd);  // the mapping keeps the file referenced
    EMBER_CHECK(addr != MAP_FAILED, IO, "safetensors: cannot map '", path, "': ", std::strerror(err));
    b->data_ = static_cast<uint8_t *>(addr);
    b->mapped_ = true;
    return b;
}

FileBytes::~FileBytes() {
    if (mapped_) ::munmap(data_, size_);
}
#endif

// ---------------------------------------------------------------------------------------------
// Reader

Ref<SafeTensorsFile> SafeTensorsFile::parse(Ref<FileBytes> bytes) {
    const uint8_t *p = bytes->data();
    size_t size = bytes->size();
    EMBER_CHECK(size >= 8, IO, "safetensors: the file is ", size, " bytes, shorter than the 8-byte header length");
    uint64_t n = 0;
    for (int k = 7; k >= 0; --k) n = (n << 8) | p[k];
    EMBER_CHECK(n <= kMaxHeader, IO, "safetensors: header length ", n, " exceeds the limit of ", kMaxHeader, " bytes");
    EMBER_CHECK(n <= size - 8, IO, "safetensors: header length ", n, " exceeds the ", size - 8,
                " bytes that follow it in the file");
    std::string_view text(reinterpret_cast<const char *>(p + 8), static_cast<size_t>(n));
    size_t bad = 0;
    EMBER_CHECK(valid_utf8(text, &bad), IO, "safetensors: the header is not valid UTF-8 (byte ", bad, ")");

    Ref<SafeTensorsFile> f = Ref<SafeTensorsFile>::adopt(new SafeTensorsFile());
    bool has_metadata = false;
    HeaderReader(text).parse(f->entries_, f->metadata_, has_metadata);

    const uint64_t data_size = size - 8 - n;
    for (const TensorEntry &t : f->entries_) {
        uint64_t count = 1;
        for (int64_t d : t.shape)
            EMBER_CHECK(checked_mul(count, static_cast<uint64_t>(d), &count), IO, "safetensors: tensor \"",
                        t.name, "\" shape ", t.shape, " overflows");
        uint64_t nbytes = 0;
        EMBER_CHECK(checked_mul(count, itemsize(t.dtype), &nbytes), IO, "safetensors: tensor \"", t.name,
                    "\" shape ", t.shape, " overflows");
        EMBER_CHECK(t.end >= t.begin, IO, "safetensors: tensor \"", t.name, "\" has data_offsets [", t.begin, ", ",
                    t.end, "] that end before they begin");
        EMBER_CHECK(t.end <= data_size, IO, "safetensors: tensor \"", t.name, "\" has data_offsets [", t.begin, ", ",
                    t.end, "] outside the ", data_size, "-byte data buffer");
        EMBER_CHECK(t.end - t.begin == nbytes, IO, "safetensors: tensor \"", t.name, "\" of dtype ",
                    dtype_entry(t.dtype).name, " and shape ", t.shape, " needs ", nbytes,
                    " bytes but its data_offsets [", t.begin, ", ", t.end, "] span ", t.end - t.begin);
    }
    // As the reference implementation requires, the tensors tile the buffer exactly: sorted by
    // offset, each starts where the previous one ended, and the last ends at the end of the file.
    std::vector<const TensorEntry *> by_offset;
    for (const TensorEntry &t : f->entries_) by_offset.push_back(&t);
    std::sort(by_offset.begin(), by_offset.end(), [](const TensorEntry *a, const TensorEntry *b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
    });
    uint64_t expected = 0;
    for (const TensorEntry *t : by_offset) {
        EMBER_CHECK(t->begin == expected, IO, "safetensors: tensor \"", t->name, "\" has data_offsets [", t->begin,
                    ", ", t->end, "] but the previous tensor ends at ", expected,
                    " (tensors must cover the data buffer contiguously, without gaps or overlaps)");
        expected = t->end;
    }
    EMBER_CHECK(expected == data_size, IO, "safetensors: the tensors cover ", expected, " bytes but the data buffer has ",
                data_size, " (the file has trailing or missing bytes)");

    std::sort(f->entries_.begin(), f->entries_.end(),
              [](const TensorEntry &a, const TensorEntry &b) { return a.name < b.name; });
    f->bytes_ = std::move(bytes);
    f->data_start_ = static_cast<size_t>(8 + n);
    return f;
}

const TensorEntry &SafeTensorsFile::entry(size_t i) const {
    EMBER_CHECK(i < entries_.size(), Index, "safetensors: tensor index ", i, " is out of range for a file with ",
                entries_.size(), " tensors");
    return entries_[i];
}

int64_t SafeTensorsFile::find(std::string_view name) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                               [](const TensorEntry &e, std::string_view n) { return e.name < n; });
    return it != entries_.end() && it->name == name ? it - entries_.begin() : -1;
}

namespace {
void release_bytes(void *, void *user_data) { static_cast<FileBytes *>(user_data)->release(); }
}  // namespace

Tensor SafeTensorsFile::tensor(size_t i) const {
    const TensorEntry &e = entry(i);
    const uint8_t *src = bytes_->data() + data_start_ + e.begin;
    size_t nbytes = static_cast<size_t>(e.end - e.begin);
    IntArrayRef shape(e.shape.data(), e.shape.size());
    // Kernels assume element-aligned data; a file from another writer may not align its tensors.
    bool aligned = reinterpret_cast<uintptr_t>(src) % itemsize(e.dtype) == 0;
    if (!bytes_->mapped() || !aligned) return from_data(src, nbytes, shape, e.dtype);
    // The reference is dropped by the storage's deleter with the last tensor aliasing the
    // mapping. (The shape was validated, so from_blob can only fail allocating its storage; the
    // reference then leaks rather than risk a double release.)
    bytes_->retain();
    return from_blob(const_cast<uint8_t *>(src), shape, nullptr, e.dtype, Device::cpu(), release_bytes, bytes_.get());
}

}  // namespace ember::io
