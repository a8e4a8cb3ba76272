// A small JSON reader for the test fixtures (tests/fixtures/*.json). Numbers keep their text, so
// int64 values read exactly; strings support the escapes JSON defines (\uXXXX as UTF-8).
#pragma once
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ember_test::json {

class Value {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };

    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::Null; }
    bool is_bool() const { return kind_ == Kind::Bool; }
    bool is_number() const { return kind_ == Kind::Number; }
    bool is_string() const { return kind_ == Kind::String; }
    bool is_array() const { return kind_ == Kind::Array; }
    bool is_object() const { return kind_ == Kind::Object; }

    bool as_bool() const { expect(Kind::Bool, "bool"); return bool_; }
    const std::string &as_string() const { expect(Kind::String, "string"); return text_; }
    double as_double() const {
        if (kind_ == Kind::String) {  // "nan", "inf", "-inf", or a big integer
            if (text_ == "nan") return std::numeric_limits<double>::quiet_NaN();
            if (text_ == "inf") return std::numeric_limits<double>::infinity();
            if (text_ == "-inf") return -std::numeric_limits<double>::infinity();
            return std::strtod(text_.c_str(), nullptr);
        }
        if (kind_ == Kind::Bool) return bool_ ? 1.0 : 0.0;
        expect(Kind::Number, "number");
        return std::strtod(text_.c_str(), nullptr);
    }
    int64_t as_int() const {
        if (kind_ == Kind::Bool) return bool_ ? 1 : 0;
        if (kind_ != Kind::Number && kind_ != Kind::String) expect(Kind::Number, "integer");
        if (text_.find_first_of(".eE") != std::string::npos) return static_cast<int64_t>(std::strtod(text_.c_str(), nullptr));
        return std::strtoll(text_.c_str(), nullptr, 10);
    }
    // True for numbers written without a fraction or exponent.
    bool is_integer_text() const {
        return (kind_ == Kind::Number || kind_ == Kind::String) && !text_.empty() &&
               text_.find_first_of(".eEni") == std::string::npos;
    }
    const std::vector<Value> &items() const { expect(Kind::Array, "array"); return items_; }
    size_t size() const { return kind_ == Kind::Array ? items_.size() : kind_ == Kind::Object ? members_.size() : 0; }
    const Value &operator[](size_t i) const { return items().at(i); }

    bool has(const std::string &key) const {
        if (kind_ != Kind::Object) return false;
        for (const auto &m : members_)
            if (m.first == key) return true;
        return false;
    }
    const Value &operator[](const std::string &key) const {
        expect(Kind::Object, "object");
        for (const auto &m : members_)
            if (m.first == key) return m.second;
        throw std::runtime_error("missing key '" + key + "'");
    }
    const std::vector<std::pair<std::string, Value>> &members() const { expect(Kind::Object, "object"); return members_; }

    static Value parse(const std::string &text) {
        size_t pos = 0;
        Value v = parse_value(text, pos);
        skip_ws(text, pos);
        if (pos != text.size()) throw std::runtime_error("trailing characters after JSON value");
        return v;
    }

private:
    Kind kind_ = Kind::Null;
    bool bool_ = false;
    std::string text_;  // numbers and strings
    std::vector<Value> items_;
    std::vector<std::pair<std::string, Value>> members_;

    void expect(Kind k, const char *what) const {
        if (kind_ != k) throw std::runtime_error(std::string("JSON value is not a ") + what);
    }
    static void skip_ws(const std::string &s, size_t &p) {
        while (p < s.size() && (s[p] == ' ' || s[p] == '\n' || s[p] == '\r' || s[p] == '\t')) ++p;
    }
    static void fail(const char *what, size_t p) {
        throw std::runtime_error(std::string("JSON: ") + what + " at offset " + std::to_string(p));
    }
    static void append_utf8(std::string &out, uint32_t cp) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
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
    static std::string parse_string(const std::string &s, size_t &p) {
        std::string out;
        ++p;  // opening quote
        while (p < s.size() && s[p] != '"') {
            char c = s[p++];
            if (c != '\\') { out += c; continue; }
            if (p >= s.size()) fail("bad escape", p);
            char e = s[p++];
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
                    if (p + 4 > s.size()) fail("bad \\u escape", p);
                    uint32_t cp = static_cast<uint32_t>(std::stoul(s.substr(p, 4), nullptr, 16));
                    p += 4;
                    if (cp >= 0xD800 && cp < 0xDC00 && p + 6 <= s.size() && s[p] == '\\' && s[p + 1] == 'u') {
                        uint32_t lo = static_cast<uint32_t>(std::stoul(s.substr(p + 2, 4), nullptr, 16));
                        p += 6;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: fail("bad escape", p);
            }
        }
        if (p >= s.size()) fail("unterminated string", p);
        ++p;
        return out;
    }
    static Value parse_value(const std::string &s, size_t &p) {
        skip_ws(s, p);
        if (p >= s.size()) fail("unexpected end", p);
        Value v;
        char c = s[p];
        if (c == '{') {
            v.kind_ = Kind::Object;
            ++p;
            skip_ws(s, p);
            if (p < s.size() && s[p] == '}') { ++p; return v; }
            for (;;) {
                skip_ws(s, p);
                if (p >= s.size() || s[p] != '"') fail("expected a key", p);
                std::string key = parse_string(s, p);
                skip_ws(s, p);
                if (p >= s.size() || s[p] != ':') fail("expected ':'", p);
                ++p;
                v.members_.emplace_back(std::move(key), parse_value(s, p));
                skip_ws(s, p);
                if (p < s.size() && s[p] == ',') { ++p; continue; }
                if (p < s.size() && s[p] == '}') { ++p; return v; }
                fail("expected ',' or '}'", p);
            }
        }
        if (c == '[') {
            v.kind_ = Kind::Array;
            ++p;
            skip_ws(s, p);
            if (p < s.size() && s[p] == ']') { ++p; return v; }
            for (;;) {
                v.items_.push_back(parse_value(s, p));
                skip_ws(s, p);
                if (p < s.size() && s[p] == ',') { ++p; continue; }
                if (p < s.size() && s[p] == ']') { ++p; return v; }
                fail("expected ',' or ']'", p);
            }
        }
        if (c == '"') {
            v.kind_ = Kind::String;
            v.text_ = parse_string(s, p);
            return v;
        }
        if (s.compare(p, 4, "true") == 0) { v.kind_ = Kind::Bool; v.bool_ = true; p += 4; return v; }
        if (s.compare(p, 5, "false") == 0) { v.kind_ = Kind::Bool; v.bool_ = false; p += 5; return v; }
        if (s.compare(p, 4, "null") == 0) { p += 4; return v; }
        size_t start = p;
        while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '-' || s[p] == '+' ||
                                s[p] == '.' || s[p] == 'e' || s[p] == 'E'))
            ++p;
        if (p == start) fail("unexpected character", p);
        v.kind_ = Kind::Number;
        v.text_ = s.substr(start, p - start);
        return v;
    }
};

}  // namespace ember_test::json
