#include "ops/elementwise.h"

#include <cmath>
#include <limits>

#include "autograd/formula.h"
#include "autograd/function.h"

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

#include "ops/elementwise_grad.inc"

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

namespace {

void add_scaled_backward(Ctx &c) {
    c.set(0, c.grad());
    if (c.needs(1)) c.set(1, c.grad() * c.node.scalars[0].to<double>());
}
void identity_backward(Ctx &c) { c.set(0, c.grad()); }
void where_backward(Ctx &c) {
    Tensor cond = c.saved(0), zero = zeros_like(c.grad());
    if (c.needs(0)) c.set(0, where(cond, c.grad(), zero));
    if (c.needs(1)) c.set(1, where(cond, zero, c.grad()));
}
void clamp_backward(Ctx &c) {
    Tensor x = c.saved(0), lo = c.saved(1), hi = c.saved(2), g = c.grad();
    Tensor below = lo.defined() ? lt(x, lo) : Tensor(), above = hi.defined() ? gt(x, hi) : Tensor();
    Tensor outside = !below.defined() ? above
                     : !above.defined() ? below
                                        : binary(EMBER_BINARY_LOGICAL_OR, below, above);
    if (c.needs(0)) c.set(0, g * logical_not(outside));
    if (c.needs(1) && lo.defined()) c.set(1, g * below);
    if (c.needs(2) && hi.defined()) c.set(2, g * above);
}
void lerp_backward(Ctx &c) {
    Tensor start = c.saved(0), end = c.saved(1), w = c.saved(2), g = c.grad();
    if (c.needs(0)) c.set(0, g * (1.0 - w));
    if (c.needs(1)) c.set(1, g * w);
    if (c.needs(2)) c.set(2, g * (end - start));
}
void softplus_backward(Ctx &c) {
    Tensor x = c.saved(0), g = c.grad();
    double beta = c.node.reals[0], threshold = c.node.reals[1];
    Tensor bx = x * beta;
    c.set(0, where(gt(bx, threshold), g, g * sigmoid(bx)));
}
void leaky_relu_backward(Ctx &c) {
    Tensor x = c.saved(0), g = c.grad();
    c.set(0, where(gt(x, 0.0), g, g * c.node.reals[0]));
}
void masked_fill_backward(Ctx &c) { c.set(0, c.grad() * logical_not(c.saved(0))); }
void overwrite_backward(Ctx &c) {  // fill_ / copy_: the old value does not matter; src gets the gradient
    c.set(0, zeros_like(c.grad()));
    c.set(1, c.grad());
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
    const UnaryGrad &d = kUnaryGrads[op];
    autograd::Recorder rec(d.node, d.node ? &unary_backward : nullptr, {&x}, out);
    if (rec) {
        rec.node().code = op;
        if (d.save & kSaveInput) rec.save(x);
    }
    TensorIterator it = TensorIterator::elementwise(def.name, out, {x}, options_for(def, x.dtype()));
    Tensor r = run(it, unary_dispatch().get(x.device(), op, def.name), def.name);
    rec.finish({&r});
    if (rec && (d.save & kSaveResult)) rec.save_output(r);
    return r;
}

Tensor binary(ember_binary_op op, const Tensor &a, const Tensor &b, const Tensor &out) {
    const OpDef &def = binary_def(op);
    EMBER_CHECK(a.defined() && b.defined(), InvalidArgument, def.name, ": input is NULL");
    if (def.bool_error && (a.dtype() == DType::Bool || b.dtype() == DType::Bool))
        fail(Status::DType, def.name, ": ", def.bool_error);
    DType common = result_type({&a, &b});
    check_dtype(def, common);
    const BinaryGrad &g = kBinaryGrads[op];
    autograd::Recorder rec(g.node, g.node ? &binary_backward : nullptr, {&a, &b}, out);
    if (rec) {
        rec.node().code = op;
        if (g.save_a) rec.save(a);
        if (g.save_b) rec.save(b);
    }
    ElementwiseOptions options = options_for(def, common);
    options.inputs_result_type = common;
    TensorIterator it = TensorIterator::elementwise(def.name, out, {a, b}, options);
    Device d = a.dim() == 0 && a.device().is_cpu() ? b.device() : a.device();
    Tensor r = run(it, binary_dispatch().get(d, op, def.name), def.name);
    rec.finish({&r});
    if (rec && g.save_result) rec.save_output(r);
    return r;
}

Tensor binary_scalar(ember_binary_op op, const Tensor &a, const Scalar &s, bool scalar_first, const Tensor &out) {
    EMBER_CHECK(a.defined(), InvalidArgument, binary_def(op).name, ": input is NULL");
    if (op == EMBER_BINARY_POW && !scalar_first)
        EMBER_CHECK(!(is_integral(a.dtype(), true) && s.kind == Scalar::Kind::Int && s.i < 0), InvalidArgument,
                    "pow: Integers to negative integer powers are not allowed.");
    // A float number with a float32 tensor computes in float32: make the wrapped number float32
    // at once (rounded as the iterator's conversion would round it), not float64 and then a copy.
    DType wrapped = s.is_floating() && a.dtype() == DType::Float32 ? DType::Float32 : DType::Undefined;
    Tensor w = scalar_tensor(s, wrapped, Device::cpu(), /*wrapped=*/true);
    return scalar_first ? binary(op, w, a, out) : binary(op, a, w, out);
}

Tensor add_scaled(const Tensor &a, const Tensor &b, const Scalar &alpha, const Tensor &out) {
    EMBER_CHECK(a.defined() && b.defined(), InvalidArgument, "add: input is NULL");
    DType common = result_type({&a, &b});
    EMBER_CHECK(!(is_integral(common, true) && alpha.is_floating()), DType,
                "add: For integral input tensors, argument alpha must not be a floating point number.");
    EMBER_CHECK(!(common != DType::Bool && alpha.is_bool()), DType,
                "add: Boolean alpha only supported for Boolean results.");
    autograd::Recorder rec("AddBackward0", &add_scaled_backward, {&a, &b}, out);
    if (rec) rec.node().scalars[0] = alpha;
    TensorIterator it = TensorIterator::elementwise("add", out, {a, b});
    Tensor r = run(it, pointwise_dispatch().get(a.device(), static_cast<int>(PointwiseOp::AddScaled), "add"), "add",
                   OpArgs{{alpha}});
    rec.finish({&r});
    return r;
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
    autograd::Recorder rec("WhereBackward0", &where_backward, {&a, &b}, out);
    if (rec) rec.node().saved.emplace_back(cond, false);
    TensorIterator it = TensorIterator::elementwise("where", out, {a, b, cond}, o);
    Tensor r = run(it, pointwise(PointwiseOp::Where, a.device(), "where"), "where");
    rec.finish({&r});
    return r;
}

Tensor clamp(const Tensor &x, const Tensor &lo, const Tensor &hi, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "clamp: input is NULL");
    EMBER_CHECK(lo.defined() || hi.defined(), InvalidArgument, "clamp: At least one of 'min' or 'max' must not be None");
    EMBER_CHECK(x.dtype() != DType::Bool, DType, "clamp: is not supported for bool tensors");
    autograd::Recorder rec("ClampBackward1", &clamp_backward, {&x, &lo, &hi}, out);
    rec.save(x);
    rec.save(lo);
    rec.save(hi);
    Tensor r;
    if (lo.defined() && hi.defined()) {
        TensorIterator it = TensorIterator::elementwise("clamp", out, {x, lo, hi});
        r = run(it, pointwise(PointwiseOp::Clamp, x.device(), "clamp"), "clamp");
    } else {
        PointwiseOp op = lo.defined() ? PointwiseOp::ClampMin : PointwiseOp::ClampMax;
        TensorIterator it = TensorIterator::elementwise("clamp", out, {x, lo.defined() ? lo : hi});
        r = run(it, pointwise(op, x.device(), "clamp"), "clamp");
    }
    rec.finish({&r});
    return r;
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
    autograd::Recorder rec("LerpBackward1", &lerp_backward, {&start, &end, &weight}, out);
    rec.save(start);
    rec.save(end);
    rec.save(weight);
    TensorIterator it = TensorIterator::elementwise("lerp", out, {start, end, weight}, o);
    Tensor r = run(it, pointwise(PointwiseOp::Lerp, start.device(), "lerp"), "lerp");
    rec.finish({&r});
    return r;
}

Tensor softplus(const Tensor &x, double beta, double threshold, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "softplus: input is NULL");
    check_floating(x, "softplus");
    autograd::Recorder rec("SoftplusBackward0", &softplus_backward, {&x}, out);
    rec.save(x);
    if (rec) {
        rec.node().reals[0] = beta;
        rec.node().reals[1] = threshold;
    }
    TensorIterator it = TensorIterator::elementwise("softplus", out, {x});
    Tensor r = run(it, pointwise(PointwiseOp::Softplus, x.device(), "softplus"), "softplus",
                   OpArgs{{Scalar::from_double(beta), Scalar::from_double(threshold)}});
    rec.finish({&r});
    return r;
}

Tensor leaky_relu(const Tensor &x, double negative_slope, const Tensor &out) {
    EMBER_CHECK(x.defined(), InvalidArgument, "leaky_relu: input is NULL");
    check_floating(x, "leaky_relu");
    autograd::Recorder rec("LeakyReluBackward0", &leaky_relu_backward, {&x}, out);
    rec.save(x);
    if (rec) rec.node().reals[0] = negative_slope;
    TensorIterator it = TensorIterator::elementwise("leaky_relu", out, {x});
    Tensor r = run(it, pointwise(PointwiseOp::LeakyRelu, x.device(), "leaky_relu"), "leaky_relu",
                   OpArgs{{Scalar::from_double(negative_slope)}});
    rec.finish({&r});
    return r;
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
    autograd::Recorder rec("MaskedFillBackward0", &masked_fill_backward, {&x}, out);
    if (rec) rec.node().saved.emplace_back(mask, false);
    TensorIterator it = TensorIterator::elementwise("masked_fill", out, {v, x, mask}, o);
    Tensor r = run(it, pointwise(PointwiseOp::Where, x.device(), "masked_fill"), "masked_fill");
    rec.finish({&r});
    return r;
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
    autograd::Recorder rec("FillBackward0", &overwrite_backward, {&t}, t);
    TensorIterator it = TensorIterator::nullary(t);
    run(it, pointwise(PointwiseOp::Fill, t.device(), "fill_"), "fill_", OpArgs{{value}});
    rec.finish({&t});
}

void copy_(const Tensor &dst, const Tensor &src) {
    EMBER_CHECK(dst.defined() && src.defined(), InvalidArgument, "copy_: tensor is NULL");
    autograd::Recorder rec("CopyBackwards", &overwrite_backward, {&dst, &src}, dst);
    copy_into(dst, src);
    rec.finish({&dst});
}

Tensor cast(const Tensor &x, DType dtype) {
    EMBER_CHECK(x.defined(), InvalidArgument, "to: tensor is NULL");
    autograd::Recorder rec("ToCopyBackward0", &identity_backward, {&x});
    Tensor out = empty(x.sizes(), dtype, x.device());
    copy_into(out, x);
    rec.finish({&out});
    return out;
}

Tensor clone(const Tensor &x) {
    EMBER_CHECK(x.defined(), InvalidArgument, "clone: tensor is NULL");
    autograd::Recorder rec("CloneBackward0", &identity_backward, {&x});
    Tensor out = empty(x.sizes(), x.dtype(), x.device());
    copy_into(out, x);
    rec.finish({&out});
    return out;
}

Tensor contiguous(const Tensor &x) {
    EMBER_CHECK(x.defined(), InvalidArgument, "contiguous: tensor is NULL");
    return x.is_contiguous() ? x : clone(x);
}

}  // namespace ember
