#include "ops/elementwise.h"

#include <cmath>
#include <limits>

namespace ember {

namespace {

// How an op's result dtype follows from its inputs.
enum class Result : uint8_t {
    Same,           // the promoted common dtype
    Float,          // integers and bool promote to the default float dtype
    Bool,           // computed in the common dtype, returned as bool
    SameBoolToLong, // bool inputs compute in int64 (square)
};

struct OpDef {
    const char *name;
    unsigned dtypes;  // DTypeGroup mask of accepted (promoted) dtypes
    Result result;
    const char *bool_error = nullptr;  // PyTorch's message for a bool operand, when it has one
};

constexpr const char *kNegBool =
    "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` "
    "or `logical_not()` operator instead.";
constexpr const char *kSubBool =
    "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use "
    "the `~` or `logical_not()` operator instead.";

// One row per ember_unary_op, in enum order.
constexpr OpDef kUnaryOps[] = {
    {"neg", kNumeric, Result::Same, kNegBool},
    {"abs", kNumeric, Result::Same},
    {"sign", kAll, Result::Same},
    {"exp", kAll, Result::Float},
    {"expm1", kAll, Result::Float},
    {"log", kAll, Result::Float},
    {"log1p", kAll, Result::Float},
    {"log2", kAll, Result::Float},
    {"sqrt", kAll, Result::Float},
    {"rsqrt", kAll, Result::Float},
    {"reciprocal", kAll, Result::Float},
    {"sin", kAll, Result::Float},
    {"cos", kAll, Result::Float},
    {"tan", kAll, Result::Float},
    {"tanh", kAll, Result::Float},
    {"sigmoid", kAll, Result::Float},
    {"relu", kNumeric, Result::Same},
    {"gelu", kFloating, Result::Same},
    {"gelu_tanh", kFloating, Result::Same},
    {"silu", kFloating, Result::Same},
    {"erf", kAll, Result::Float},
    {"floor", kNumeric, Result::Same},
    {"ceil", kNumeric, Result::Same},
    {"round", kNumeric, Result::Same},
    {"trunc", kNumeric, Result::Same},
    {"logical_not", kAll, Result::Bool},
    {"isnan", kAll, Result::Bool},
    {"isinf", kAll, Result::Bool},
    {"isfinite", kAll, Result::Bool},
    {"log10", kAll, Result::Float},
    {"exp2", kAll, Result::Float},
    {"asin", kAll, Result::Float},
    {"acos", kAll, Result::Float},
    {"atan", kAll, Result::Float},
    {"sinh", kAll, Result::Float},
    {"cosh", kAll, Result::Float},
    {"erfc", kAll, Result::Float},
    {"square", kAll, Result::SameBoolToLong},
};
static_assert(std::size(kUnaryOps) == EMBER_UNARY_OP_COUNT, "every ember_unary_op needs a row");

// One row per ember_binary_op, in enum order.
constexpr OpDef kBinaryOps[] = {
    {"add", kAll, Result::Same},
    {"sub", kNumeric, Result::Same, kSubBool},
    {"mul", kAll, Result::Same},
    {"div", kAll, Result::Float},
    {"div_floor", kNumeric, Result::Same},
    {"div_trunc", kNumeric, Result::Same},
    {"remainder", kNumeric, Result::Same},
    {"pow", kNumeric, Result::Same},
    {"maximum", kAll, Result::Same},
    {"minimum", kAll, Result::Same},
    {"eq", kAll, Result::Bool},
    {"ne", kAll, Result::Bool},
    {"lt", kAll, Result::Bool},
    {"le", kAll, Result::Bool},
    {"gt", kAll, Result::Bool},
    {"ge", kAll, Result::Bool},
    {"logical_and", kAll, Result::Bool},
    {"logical_or", kAll, Result::Bool},
    {"logical_xor", kAll, Result::Bool},
    {"fmod", kNumeric, Result::Same},
    {"atan2", kAll, Result::Float},
    {"bitwise_and", kIntegral | kBool, Result::Same},
    {"bitwise_or", kIntegral | kBool, Result::Same},
    {"bitwise_xor", kIntegral | kBool, Result::Same},
};
static_assert(std::size(kBinaryOps) == EMBER_BINARY_OP_COUNT, "every ember_binary_op needs a row");

unsigned group_of(DType t) { return is_floating(t) ? kFloating : t == DType::Bool ? kBool : kIntegral; }

void check_dtype(const OpDef &def, DType t) {
    if (t == DType::Bool && def.bool_error) fail(Status::DType, def.name, ": ", def.bool_error);
    EMBER_CHECK((def.dtypes & group_of(t)) != 0, DType, def.name, ": unsupported dtype ", dtype_name(t));
}

ElementwiseOptions options_for(const OpDef &def, DType input_common) {
    ElementwiseOptions o;
    switch (def.result) {
        case Result::Same: break;
        case Result::Float: o.promote_int_to_float = true; break;
        case Result::Bool: o.result_dtype = DType::Bool; break;
        case Result::SameBoolToLong:
            if (input_common == DType::Bool) o.compute_dtype = DType::Int64;
            break;
    }
    return o;
}

Tensor run(const TensorIterator &it, ElementwiseKernel k, const char *name, const OpArgs &args = {}) {
    k(it, args);
    it.check_kernel_error(name);
    return const_cast<TensorIterator &>(it).result();
}

const OpDef &unary_def(ember_unary_op op) {
    EMBER_CHECK(op >= 0 && op < EMBER_UNARY_OP_COUNT, InvalidArgument, "invalid unary op ", static_cast<int>(op));
    return kUnaryOps[op];
}
const OpDef &binary_def(ember_binary_op op) {
    EMBER_CHECK(op >= 0 && op < EMBER_BINARY_OP_COUNT, InvalidArgument, "invalid binary op ", static_cast<int>(op));
    return kBinaryOps[op];
}

}  // namespace

DispatchTable<ElementwiseKernel, EMBER_UNARY_OP_COUNT> &unary_dispatch() {
    static DispatchTable<ElementwiseKernel, EMBER_UNARY_OP_COUNT> t;
    return t;
}
DispatchTable<ElementwiseKernel, EMBER_BINARY_OP_COUNT> &binary_dispatch() {
    static DispatchTable<ElementwiseKernel, EMBER_BINARY_OP_COUNT> t;
    return t;
}
DispatchTable<ElementwiseKernel, static_cast<int>(PointwiseOp::Count)> &pointwise_dispatch() {
    static DispatchTable<ElementwiseKernel, static_cast<int>(PointwiseOp::Count)> t;
    return t;
}

const char *unary_op_name(ember_unary_op op) { return unary_def(op).name; }
const char *binary_op_name(ember_binary_op op) { return binary_def(op).name; }

Tensor unary(ember_unary_op op, const Tensor &x, const Tensor &out) {
    const OpDef &def = unary_def(op);
    EMBER_CHECK(x.defined(), InvalidArgument, def.name, ": input is NULL");
    check_dtype(def, x.dtype());
    TensorIterator it = TensorIterator::elementwise(def.name, out, {x}, options_for(def, x.dtype()));
    return run(it, unary_dispatch().get(x.device(), op, def.name), def.name);
}

Tensor binary(ember_binary_op op, const Tensor &a, const Tensor &b, const Tensor &out) {
    const OpDef &def = binary_def(op);
    EMBER_CHECK(a.defined() && b.defined(), InvalidArgument, def.name, ": input is NULL");
    if (def.bool_error && (a.dtype() == DType::Bool || b.dtype() == DType::Bool))
        fail(Status::DType, def.name, ": ", def.bool_error);
    DType common = result_type({&a, &b});
    check_dtype(def, common);
    TensorIterator it = TensorIterator::elementwise(def.name, out, {a, b}, options_for(def, common));
    Device d = a.dim() == 0 && a.device().is_cpu() ? b.device() : a.device();
    return run(it, binary_dispatch().get(d, op, def.name), def.name);
}

Tensor binary_scalar(ember_binary_op op, const Tensor &a, const Scalar &s, bool scalar_first, const Tensor &out) {
    EMBER_CHECK(a.defined(), InvalidArgument, binary_def(op).name, ": input is NULL");
    if (op == EMBER_BINARY_POW && !scalar_first)
        EMBER_CHECK(!(is_integral(a.dtype(), true) && s.kind == Scalar::Kind::Int && s.i < 0), InvalidArgument,
                    "pow: Integers to negative integer powers are not allowed.");
    Tensor w = scalar_tensor(s, DType::Undefined, Device::cpu(), /*wrapped=*/true);
    return scalar_first ? binary(op, w, a, out) : binary(op, a, w, out);
}

Tensor add_scaled(const Tensor &a, const Tensor &b, const Scalar &alpha, const Tensor &out) {
    EMBER_CHECK(a.defined() && b.defined(), InvalidArgument, "add: input is NULL");
    DType common = result_type({&a, &b});
    EMBER_CHECK(!(is_integral(common, true) && alpha.is_floating()), DType,
                "add: For integral input tensors, argument alpha must not be a floating point number.");
    EMBER_CHECK(!(common != DType::Bool && alpha.is_bool()), DType,
                "add: Boolean alpha only supported for Boolean results.");
    TensorIterator it = TensorIterator::elementwise("add", out, {a, b});
    return run(it, pointwise_dispatch().get(a.device(), static_cast<int>(PointwiseOp::AddScaled), "add"), "add",
               OpArgs{{alpha}});
}

namespace {
ElementwiseKernel pointwise(PointwiseOp op, Device d, const char *name) {
    return pointwise_dispatch().get(d, static_cast<int>(op), name);
}
void check_floating(const Tensor &t, const char *name) {
    EMBER_CHECK(is_floating(t.dtype()), DType, name, ": expected a floating point tensor, but got ", dtype_name(t.dtype()));
}
}  // namespace

Tensor where(const Tensor &cond, const Tensor &a, const Tensor &b, const Tensor &out) {
    EMBER_CHECK(cond.defined() && a.defined() && b.defined(), InvalidArgument, "where: input is NULL");
    EMBER_CHECK(cond.dtype() == DType::Bool, DType,
                "where: expected condition to be a boolean tensor, but got a tensor with dtype ", dtype_name(cond.dtype()));
    ElementwiseOptions o;
    o.keep_dtype_inputs = 1u << 2;  // the condition stays bool; a and b promote between themselves
    TensorIterator it = TensorIterator::elementwise("where", out, {a, b, cond}, o);
    return run(it, pointwise(PointwiseOp::Where, a.device(), "where"), "where");
}

Tensor clamp(const Tensor &x, const Tensor &lo, const Tensor &hi, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "clamp: input is NULL");
    EMBER_CHECK(lo.defined() || hi.defined(), InvalidArgument, "clamp: At least one of 'min' or 'max' must not be None");
    EMBER_CHECK(x.dtype() != DType::Bool, DType, "clamp: is not supported for bool tensors");
    if (lo.defined() && hi.defined()) {
        TensorIterator it = TensorIterator::elementwise("clamp", out, {x, lo, hi});
        return run(it, pointwise(PointwiseOp::Clamp, x.device(), "clamp"), "clamp");
    }
    PointwiseOp op = lo.defined() ? PointwiseOp::ClampMin : PointwiseOp::ClampMax;
    TensorIterator it = TensorIterator::elementwise("clamp", out, {x, lo.defined() ? lo : hi});
    return run(it, pointwise(op, x.device(), "clamp"), "clamp");
}

Tensor clamp_scalar(const Tensor &x, const Scalar *lo, const Scalar *hi, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "clamp: input is NULL");
    Tensor tlo = lo ? scalar_tensor(*lo, DType::Undefined, Device::cpu(), true) : Tensor();
    Tensor thi = hi ? scalar_tensor(*hi, DType::Undefined, Device::cpu(), true) : Tensor();
    return clamp(x, tlo, thi, out);
}

Tensor lerp(const Tensor &start, const Tensor &end, const Tensor &weight, const Tensor &out) {
    EMBER_CHECK(start.defined() && end.defined() && weight.defined(), InvalidArgument, "lerp: input is NULL");
    check_floating(start, "lerp");
    EMBER_CHECK(end.dtype() == start.dtype(), DType, "lerp: expected dtype ", dtype_name(start.dtype()),
                " for `end` but got dtype ", dtype_name(end.dtype()));
    EMBER_CHECK(weight.dtype() == start.dtype() || weight.is_wrapped_number(), DType, "lerp: expected dtype ",
                dtype_name(start.dtype()), " for `weight` but got dtype ", dtype_name(weight.dtype()));
    ElementwiseOptions o;
    o.compute_dtype = start.dtype();
    TensorIterator it = TensorIterator::elementwise("lerp", out, {start, end, weight}, o);
    return run(it, pointwise(PointwiseOp::Lerp, start.device(), "lerp"), "lerp");
}

Tensor softplus(const Tensor &x, double beta, double threshold, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "softplus: input is NULL");
    check_floating(x, "softplus");
    TensorIterator it = TensorIterator::elementwise("softplus", out, {x});
    return run(it, pointwise(PointwiseOp::Softplus, x.device(), "softplus"), "softplus",
               OpArgs{{Scalar::from_double(beta), Scalar::from_double(threshold)}});
}

Tensor leaky_relu(const Tensor &x, double negative_slope, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "leaky_relu: input is NULL");
    check_floating(x, "leaky_relu");
    TensorIterator it = TensorIterator::elementwise("leaky_relu", out, {x});
    return run(it, pointwise(PointwiseOp::LeakyRelu, x.device(), "leaky_relu"), "leaky_relu",
               OpArgs{{Scalar::from_double(negative_slope)}});
}

Tensor masked_fill(const Tensor &x, const Tensor &mask, const Scalar &value, const Tensor &out) {
    EMBER_CHECK(x.defined() && mask.defined(), InvalidArgument, "masked_fill: input is NULL");
    EMBER_CHECK(mask.dtype() == DType::Bool, DType, "masked_fill: only supports boolean masks, but got mask with dtype ",
                dtype_name(mask.dtype()));
    if (out.defined() && out.same(x))
        EMBER_CHECK(std::ranges::equal(broadcast_shapes(x.sizes(), mask.sizes()).span(), x.sizes()), Shape,
                    "masked_fill_: the mask of shape ", mask.sizes(), " cannot be broadcast to the tensor's shape ", x.sizes());
    check_fits(value, x.dtype(), "masked_fill");
    Tensor v = scalar_tensor(value, x.dtype(), Device::cpu(), false);
    ElementwiseOptions o;
    o.compute_dtype = x.dtype();
    o.keep_dtype_inputs = 1u << 2;
    TensorIterator it = TensorIterator::elementwise("masked_fill", out, {v, x, mask}, o);
    return run(it, pointwise(PointwiseOp::Where, x.device(), "masked_fill"), "masked_fill");
}

void check_fits(const Scalar &value, DType dtype, const char *op) {
    // PyTorch's overflow rule for scalar conversion: integers may wrap into unsigned types (so
    // uint8 accepts -7, as 249) but not beyond their magnitude; floating values must lie inside
    // the target's range (inf/nan only into floating types).
    if (dtype == DType::Bool || dtype == DType::Float32 || dtype == DType::Float64) return;
    bool fits = true;
    visit_dtype(dtype, op, [&]<typename T>() {
        if constexpr (std::is_integral_v<T>) {
            double lo = static_cast<double>(std::numeric_limits<T>::lowest()), hi = static_cast<double>(std::numeric_limits<T>::max());
            if (value.is_floating()) fits = std::isfinite(value.d) && value.d >= lo && value.d <= hi;
            else if (value.is_bool()) fits = true;
            else if constexpr (std::is_unsigned_v<T>) fits = value.i >= -static_cast<int64_t>(hi) && static_cast<double>(value.i) <= hi;
            else fits = static_cast<double>(value.i) >= lo && static_cast<double>(value.i) <= hi;
        } else {
            double hi = std::is_same_v<T, Half> ? 65504.0 : 3.3895313892515355e38;
            double v = value.is_floating() ? value.d : static_cast<double>(value.i);
            fits = !std::isfinite(v) || (v >= -hi && v <= hi);
        }
    });
    EMBER_CHECK(fits, InvalidArgument, op, ": value cannot be converted to type ", dtype_name(dtype), " without overflow");
}

void fill_(const Tensor &t, const Scalar &value) {
    EMBER_CHECK(t.defined(), InvalidArgument, "fill_: tensor is NULL");
    check_fits(value, t.dtype(), "fill_");
    TensorIterator it = TensorIterator::nullary(t);
    run(it, pointwise(PointwiseOp::Fill, t.device(), "fill_"), "fill_", OpArgs{{value}});
}

void copy_(const Tensor &dst, const Tensor &src) {
    EMBER_CHECK(dst.defined() && src.defined(), InvalidArgument, "copy_: tensor is NULL");
    copy_into(dst, src);
}

Tensor cast(const Tensor &x, DType dtype) {
    EMBER_CHECK(x.defined(), InvalidArgument, "to: tensor is NULL");
    Tensor out = empty(x.sizes(), dtype, x.device());
    copy_into(out, x);
    return out;
}

Tensor clone(const Tensor &x) { return cast(x, x.dtype()); }

Tensor contiguous(const Tensor &x) {
    EMBER_CHECK(x.defined(), InvalidArgument, "contiguous: tensor is NULL");
    return x.is_contiguous() ? x : clone(x);
}

}  // namespace ember
