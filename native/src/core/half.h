// float16 and bfloat16 storage types. Arithmetic happens in float (as PyTorch's CPU kernels do),
// with one rounding when the result is stored.
#pragma once
#include <cstdint>
#include <cstring>

namespace ember {

inline uint32_t float_bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }
inline float bits_float(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }

struct BFloat16 {
    uint16_t bits = 0;
    BFloat16() = default;
    BFloat16(float f) {  // round to nearest even; NaN stays a quiet NaN
        uint32_t u = float_bits(f);
        if ((u & 0x7fffffffu) > 0x7f800000u) { bits = static_cast<uint16_t>((u >> 16) | 0x40); return; }
        u += 0x7fffu + ((u >> 16) & 1u);
        bits = static_cast<uint16_t>(u >> 16);
    }
    operator float() const { return bits_float(static_cast<uint32_t>(bits) << 16); }
    static BFloat16 from_bits(uint16_t b) { BFloat16 h; h.bits = b; return h; }
};

struct Half {
    uint16_t bits = 0;
    Half() = default;
    Half(float f) {  // IEEE binary16, round to nearest even, with subnormals
        uint32_t u = float_bits(f);
        uint32_t sign = (u >> 16) & 0x8000u;
        uint32_t a = u & 0x7fffffffu;
        if (a >= 0x7f800000u) {  // inf or NaN
            bits = static_cast<uint16_t>(sign | 0x7c00u | (a > 0x7f800000u ? 0x200u : 0u));
            return;
        }
        if (a >= 0x477ff000u) { bits = static_cast<uint16_t>(sign | 0x7c00u); return; }  // overflow
        if (a < 0x38800000u) {  // subnormal half (or zero): add a magic number to round in hardware
            float m = bits_float(a) + 0.5f;
            bits = static_cast<uint16_t>(sign | (float_bits(m) - 0x3f000000u));
            return;
        }
        uint32_t mant_odd = (a >> 13) & 1u;
        a += 0xc8000fffu + mant_odd;  // rebias exponent (-112 << 23) and round
        bits = static_cast<uint16_t>(sign | (a >> 13));
    }
    operator float() const {
        uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
        uint32_t e = (bits >> 10) & 0x1fu, m = bits & 0x3ffu;
        if (e == 0x1f) return bits_float(sign | 0x7f800000u | (m << 13));
        if (e == 0) {  // zero or subnormal: m * 2^-24
            float v = static_cast<float>(m) * 5.9604644775390625e-8f;
            return sign ? -v : v;
        }
        return bits_float(sign | ((e + 112) << 23) | (m << 13));
    }
    static Half from_bits(uint16_t b) { Half h; h.bits = b; return h; }
};

}  // namespace ember
