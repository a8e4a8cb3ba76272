// Notation for derivative formulas: arithmetic operators and short names over Ember's recording
// ops, so a formula reads like its math and, under create_graph, is itself differentiable.
// Include only in files that define formulas.
#pragma once
#include "ops/creation.h"
#include "ops/elementwise.h"

namespace ember::fx {

inline Scalar num(double v) { return Scalar::from_double(v); }

inline Tensor operator+(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_ADD, a, b); }
inline Tensor operator-(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_SUB, a, b); }
inline Tensor operator*(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_MUL, a, b); }
inline Tensor operator/(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_DIV, a, b); }
inline Tensor operator-(const Tensor &a) { return unary(EMBER_UNARY_NEG, a); }

inline Tensor operator+(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_ADD, a, num(s), false); }
inline Tensor operator+(double s, const Tensor &a) { return binary_scalar(EMBER_BINARY_ADD, a, num(s), true); }
inline Tensor operator-(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_SUB, a, num(s), false); }
inline Tensor operator-(double s, const Tensor &a) { return binary_scalar(EMBER_BINARY_SUB, a, num(s), true); }
inline Tensor operator*(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_MUL, a, num(s), false); }
inline Tensor operator*(double s, const Tensor &a) { return binary_scalar(EMBER_BINARY_MUL, a, num(s), true); }
inline Tensor operator/(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_DIV, a, num(s), false); }
inline Tensor operator/(double s, const Tensor &a) { return binary_scalar(EMBER_BINARY_DIV, a, num(s), true); }

#define EMBER_FX_UNARY(fn, op) \
    inline Tensor fn(const Tensor &x) { return unary(op, x); }
EMBER_FX_UNARY(exp, EMBER_UNARY_EXP)
EMBER_FX_UNARY(log, EMBER_UNARY_LOG)
EMBER_FX_UNARY(sqrt, EMBER_UNARY_SQRT)
EMBER_FX_UNARY(rsqrt, EMBER_UNARY_RSQRT)
EMBER_FX_UNARY(sin, EMBER_UNARY_SIN)
EMBER_FX_UNARY(cos, EMBER_UNARY_COS)
EMBER_FX_UNARY(tanh, EMBER_UNARY_TANH)
EMBER_FX_UNARY(sigmoid, EMBER_UNARY_SIGMOID)
EMBER_FX_UNARY(sign, EMBER_UNARY_SIGN)
EMBER_FX_UNARY(square, EMBER_UNARY_SQUARE)
EMBER_FX_UNARY(reciprocal, EMBER_UNARY_RECIPROCAL)
EMBER_FX_UNARY(erf, EMBER_UNARY_ERF)
EMBER_FX_UNARY(cosh, EMBER_UNARY_COSH)
EMBER_FX_UNARY(sinh, EMBER_UNARY_SINH)
EMBER_FX_UNARY(abs, EMBER_UNARY_ABS)
EMBER_FX_UNARY(isnan, EMBER_UNARY_ISNAN)
#undef EMBER_FX_UNARY

inline Tensor pow(const Tensor &a, double e) { return binary_scalar(EMBER_BINARY_POW, a, num(e), false); }
inline Tensor pow(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_POW, a, b); }
// Comparisons give bool masks (not differentiable); multiplying by a mask selects gradient.
inline Tensor gt(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_GT, a, num(s), false); }
inline Tensor ge(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_GE, a, num(s), false); }
inline Tensor lt(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_LT, a, num(s), false); }
inline Tensor eq(const Tensor &a, double s) { return binary_scalar(EMBER_BINARY_EQ, a, num(s), false); }
inline Tensor gt(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_GT, a, b); }
inline Tensor ge(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_GE, a, b); }
inline Tensor lt(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_LT, a, b); }
inline Tensor le(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_LE, a, b); }
inline Tensor eq(const Tensor &a, const Tensor &b) { return binary(EMBER_BINARY_EQ, a, b); }
inline Tensor logical_not(const Tensor &a) { return unary(EMBER_UNARY_LOGICAL_NOT, a); }
// The mask as 0/1 of dtype t (for formulas that must stay in the gradient's dtype).
inline Tensor as_dtype(const Tensor &mask, DType t) { return cast(mask, t); }
inline Tensor zeros_like(const Tensor &t) { return zeros(t.sizes(), t.dtype(), t.device()); }
inline Tensor ones_like(const Tensor &t) { return ones(t.sizes(), t.dtype(), t.device()); }

}  // namespace ember::fx
