#!/usr/bin/env python3
"""PyTorch reference values for native/tests/nn_ops_test.cpp (convolutions and pooling).

Run with Debian's interpreter, which has torch 1.13:

    /usr/bin/python3 native/tests/nn_reference.py > native/tests/data/nn_reference.json

Every case holds float64 inputs (random, from a fixed seed), PyTorch's float64 results (forward,
the gradients of the inputs for a random grad_output, and for some cases the second-order
gradients), and the error cases hold PyTorch's message with the status class Ember reports.
The test runs each case in float64 (Ember's built-in kernels) and in float32 (oneDNN).
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def enc(t):
    """A tensor as {"shape", "data"}; non-finite values as strings (the test's JSON reader)."""
    def num(v):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return float(f"{v:.12g}")  # ample for the test's 1e-10 relative tolerance, and short
    t = t.detach()
    return {"shape": list(t.shape), "data": [num(float(v)) for v in t.reshape(-1).tolist()]}


def rand(*shape, seed):
    """Uniform on [-1, 1), rounded to 4 decimals (exact in the file, distinct enough for max)."""
    g = torch.Generator().manual_seed(seed)
    return torch.round((torch.rand(*shape, generator=g) * 2 - 1) * 1e4) / 1e4


cases = []
errors = []
seed = [100]


def next_seed():
    seed[0] += 1
    return seed[0]


# ---------------------------------------------------------------------------------------------
# Convolutions

def conv_case(name, op, x_shape, w_shape, bias=True, double=False, **args):
    """op: conv1d, conv2d, conv_transpose1d, conv_transpose2d. args as the C ABI takes them:
    stride, padding (1, d or 2d values: begins then ends), dilation, groups, output_padding."""
    x = rand(*x_shape, seed=next_seed()).requires_grad_()
    w = rand(*w_shape, seed=next_seed()).requires_grad_()
    b = rand(w_shape[1] * args.get("groups", 1) if op.startswith("conv_transpose") else w_shape[0],
             seed=next_seed()).requires_grad_() if bias else None
    d = 1 if op.endswith("1d") else 2
    pad = args.get("padding", [0])
    kw = dict(stride=args.get("stride", [1]), dilation=args.get("dilation", [1]), groups=args.get("groups", 1))
    fn = getattr(F, op)
    inp = x
    if len(pad) == 2 * d:
        # Asymmetric padding: PyTorch pads explicitly (F.pad takes the last dim first).
        if op.startswith("conv_transpose"):
            raise ValueError("asymmetric padding reference only for convolutions")
        begins, ends = pad[:d], pad[d:]
        spec = []
        for i in reversed(range(d)):
            spec += [begins[i], ends[i]]
        inp = F.pad(x, spec)
        kw["padding"] = 0
    else:
        kw["padding"] = pad if len(pad) > 1 else pad[0]
    if op.startswith("conv_transpose"):
        kw["output_padding"] = args.get("output_padding", [0])
        # torch's conv_transposeNd takes groups before dilation positionally; use keywords
    y = fn(inp, w, b, **kw)
    go = rand(*y.shape, seed=next_seed())
    grads = torch.autograd.grad(y, [x, w] + ([b] if bias else []), go, create_graph=double, allow_unused=True)
    case = {"name": name, "op": op, "args": args, "input": enc(x), "weight": enc(w),
            "bias": enc(b) if bias else None, "grad_output": enc(go), "output": enc(y),
            "grad_input": enc(grads[0]), "grad_weight": enc(grads[1])}
    if bias:
        case["grad_bias"] = enc(grads[2])
    if double:
        # Second order: the gradients of <grad_input, u> + <grad_weight, v> (+ <grad_bias, t>)
        # with respect to input, weight and grad_output.
        go.requires_grad_()
        grads = torch.autograd.grad(y, [x, w] + ([b] if bias else []), go, create_graph=True)
        vs = [rand(*g.shape, seed=next_seed()) for g in grads]
        gg = torch.autograd.grad(grads, [x, w, go], vs, allow_unused=True)
        case["double"] = {"v": [enc(v) for v in vs], "grad_input": enc(gg[0]), "grad_weight": enc(gg[1]),
                          "grad_grad_output": enc(gg[2])}
    cases.append(case)


conv_case("conv2d_basic", "conv2d", (2, 3, 7, 6), (4, 3, 3, 3), double=True)
conv_case("conv2d_stride2_pad1_odd", "conv2d", (2, 3, 9, 8), (5, 3, 3, 2), bias=False, stride=[2], padding=[1])
conv_case("conv2d_dilation_mixed", "conv2d", (1, 2, 9, 10), (3, 2, 3, 3), stride=[1, 2], padding=[2, 1],
          dilation=[2, 1])
conv_case("conv2d_groups2", "conv2d", (2, 4, 6, 6), (6, 2, 3, 3), padding=[1], groups=2, double=True)
conv_case("conv2d_depthwise", "conv2d", (2, 4, 7, 7), (4, 1, 3, 3), padding=[1], stride=[2], groups=4)
conv_case("conv2d_depthwise_multiplier", "conv2d", (1, 3, 8, 9), (6, 1, 5, 3), padding=[2, 2], dilation=[1, 2],
          groups=3, double=True)
conv_case("conv2d_pointwise", "conv2d", (2, 5, 4, 3), (3, 5, 1, 1))
conv_case("conv2d_pointwise_stride2", "conv2d", (2, 5, 5, 4), (3, 5, 1, 1), stride=[2], bias=False)
conv_case("conv2d_unbatched", "conv2d", (3, 6, 5), (2, 3, 2, 2), padding=[1])
conv_case("conv2d_asymmetric_padding", "conv2d", (2, 2, 6, 5), (3, 2, 2, 3), padding=[1, 0, 2, 1])
conv_case("conv2d_stride_beyond_kernel", "conv2d", (1, 2, 10, 11), (2, 2, 2, 2), stride=[3], double=True)
conv_case("conv2d_kernel_fills_padded_input", "conv2d", (2, 2, 3, 4), (3, 2, 5, 4), padding=[1, 0])
conv_case("conv2d_empty_batch", "conv2d", (0, 3, 5, 5), (2, 3, 3, 3))
conv_case("conv2d_groups_dilation_stride", "conv2d", (2, 6, 11, 9), (4, 3, 3, 3), stride=[2, 1], padding=[0, 2],
          dilation=[2, 2], groups=2)
conv_case("conv1d_basic", "conv1d", (2, 3, 10), (4, 3, 3), stride=[2], padding=[1], double=True)
conv_case("conv1d_groups_dilation", "conv1d", (2, 4, 12), (4, 2, 3), padding=[2], dilation=[2], groups=2)
conv_case("conv1d_unbatched", "conv1d", (3, 9), (2, 3, 4), bias=False)
conv_case("conv1d_asymmetric_padding", "conv1d", (2, 2, 7), (3, 2, 4), padding=[2, 1])
conv_case("conv_transpose2d_basic", "conv_transpose2d", (2, 3, 4, 5), (3, 4, 3, 3), stride=[2], padding=[1],
          output_padding=[1], double=True)
conv_case("conv_transpose2d_groups_dilation", "conv_transpose2d", (1, 4, 5, 4), (4, 3, 2, 3), stride=[2, 1],
          dilation=[2], output_padding=[1, 0], groups=2, double=True)
conv_case("conv_transpose2d_depthwise", "conv_transpose2d", (2, 3, 4, 4), (3, 1, 3, 3), stride=[2], padding=[1],
          groups=3)
conv_case("conv_transpose2d_output_padding_below_dilation", "conv_transpose2d", (1, 2, 4, 4), (2, 3, 2, 2),
          dilation=[3], output_padding=[2])
conv_case("conv_transpose2d_unbatched", "conv_transpose2d", (2, 3, 3), (2, 2, 2, 2), stride=[3], bias=False)
conv_case("conv_transpose1d_basic", "conv_transpose1d", (2, 3, 6), (3, 2, 4), stride=[3], padding=[1],
          output_padding=[2], double=True)


# ---------------------------------------------------------------------------------------------
# Pooling

def one(v):
    """A one-value list as the int PyTorch's functional API expects."""
    return v[0] if len(v) == 1 else v


def pool_case(name, op, x, double=False, **args):
    x = x.clone().requires_grad_()
    if op == "max_pool2d":
        y, idx = F.max_pool2d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]),
                              args.get("dilation", [1]), ceil_mode=args.get("ceil_mode", False), return_indices=True)
    elif op == "max_pool1d":
        y, idx = F.max_pool1d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]),
                              args.get("dilation", [1]), ceil_mode=args.get("ceil_mode", False), return_indices=True)
    elif op == "adaptive_max_pool2d":
        y, idx = F.adaptive_max_pool2d(x, one(args["output_size"]), return_indices=True)
    elif op == "avg_pool2d":
        idx = None
        y = F.avg_pool2d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]),
                         ceil_mode=args.get("ceil_mode", False), count_include_pad=args.get("count_include_pad", True),
                         divisor_override=args.get("divisor_override"))
    elif op == "avg_pool1d":
        idx = None
        y = F.avg_pool1d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]),
                         ceil_mode=args.get("ceil_mode", False), count_include_pad=args.get("count_include_pad", True))
    elif op == "adaptive_avg_pool2d":
        idx = None
        y = F.adaptive_avg_pool2d(x, one(args["output_size"]))
    go = rand(*y.shape, seed=next_seed())
    (gx,) = torch.autograd.grad(y, [x], go, create_graph=double)
    case = {"name": name, "op": op, "args": args, "input": enc(x), "grad_output": enc(go), "output": enc(y),
            "grad_input": enc(gx)}
    if idx is not None:
        case["indices"] = enc(idx.double())
    if double:
        go.requires_grad_()
        (gx,) = torch.autograd.grad(y, [x], go, create_graph=True)
        v = rand(*gx.shape, seed=next_seed())
        (ggo,) = torch.autograd.grad(gx, [go], v)
        case["double"] = {"v": [enc(v)], "grad_grad_output": enc(ggo)}
    cases.append(case)


nan, inf = float("nan"), float("inf")
special = torch.tensor([[[[1.0, nan, 3.0, nan, 2.0], [2.0, 2.0, -inf, -inf, 2.0], [-inf, -inf, 5.0, 5.0, 0.5],
                          [-inf, -inf, -inf, -inf, 1.0], [4.0, 4.0, 4.0, 4.0, 4.0]]]])
ties = torch.tensor([[[[1.0, 3.0, 3.0, 0.0], [3.0, 1.0, 2.0, 3.0], [0.0, 0.0, 0.0, 0.0], [5.0, 5.0, 5.0, 5.0]]]])

pool_case("max_pool2d_k2", "max_pool2d", rand(2, 3, 8, 8, seed=next_seed()), kernel=[2], double=True)
pool_case("max_pool2d_k3_s2_p1_ceil", "max_pool2d", rand(2, 2, 7, 9, seed=next_seed()), kernel=[3], stride=[2],
          padding=[1], ceil_mode=True)
pool_case("max_pool2d_dilation_mixed", "max_pool2d", rand(1, 3, 9, 8, seed=next_seed()), kernel=[3, 2],
          stride=[1, 2], padding=[1, 0], dilation=[2, 1], double=True)
pool_case("max_pool2d_ceil_partial_window", "max_pool2d", rand(1, 2, 5, 5, seed=next_seed()), kernel=[2], stride=[2],
          ceil_mode=True)
pool_case("max_pool2d_dilation2_ceil_pad", "max_pool2d", rand(2, 1, 8, 7, seed=next_seed()), kernel=[3], stride=[2],
          padding=[1], dilation=[2], ceil_mode=True)
pool_case("max_pool2d_unbatched", "max_pool2d", rand(3, 6, 5, seed=next_seed()), kernel=[2, 3], stride=[1])
pool_case("max_pool2d_nan_inf", "max_pool2d", special, kernel=[2], stride=[1], padding=[1])
pool_case("max_pool2d_ties", "max_pool2d", ties, kernel=[2], stride=[1])
pool_case("max_pool2d_empty_batch", "max_pool2d", rand(0, 2, 4, 4, seed=next_seed()), kernel=[2])
pool_case("max_pool1d_dilation_ceil", "max_pool1d", rand(2, 3, 11, seed=next_seed()), kernel=[3], stride=[2],
          padding=[1], dilation=[2], ceil_mode=True)
pool_case("max_pool1d_unbatched", "max_pool1d", rand(3, 8, seed=next_seed()), kernel=[2])
pool_case("avg_pool2d_k2", "avg_pool2d", rand(2, 3, 8, 6, seed=next_seed()), kernel=[2], double=True)
pool_case("avg_pool2d_ceil_include_pad", "avg_pool2d", rand(1, 2, 7, 8, seed=next_seed()), kernel=[3], stride=[2],
          padding=[1], ceil_mode=True, count_include_pad=True)
pool_case("avg_pool2d_ceil_exclude_pad", "avg_pool2d", rand(1, 2, 7, 8, seed=next_seed()), kernel=[3], stride=[2],
          padding=[1], ceil_mode=True, count_include_pad=False, double=True)
pool_case("avg_pool2d_divisor_override", "avg_pool2d", rand(2, 2, 6, 7, seed=next_seed()), kernel=[3, 2],
          stride=[2, 1], padding=[1, 1], divisor_override=3)
pool_case("avg_pool2d_unbatched", "avg_pool2d", rand(2, 5, 5, seed=next_seed()), kernel=[2], stride=[1])
pool_case("avg_pool1d_ceil_exclude_pad", "avg_pool1d", rand(2, 2, 10, seed=next_seed()), kernel=[3], stride=[2],
          padding=[1], ceil_mode=True, count_include_pad=False)
pool_case("adaptive_avg_pool2d_3x4", "adaptive_avg_pool2d", rand(2, 3, 7, 9, seed=next_seed()), output_size=[3, 4],
          double=True)
pool_case("adaptive_avg_pool2d_upsample", "adaptive_avg_pool2d", rand(1, 2, 3, 2, seed=next_seed()),
          output_size=[5, 4])
pool_case("adaptive_avg_pool2d_global", "adaptive_avg_pool2d", rand(2, 3, 5, 4, seed=next_seed()), output_size=[1])
pool_case("adaptive_avg_pool2d_unbatched", "adaptive_avg_pool2d", rand(2, 6, 7, seed=next_seed()), output_size=[4, 3])
pool_case("adaptive_max_pool2d_3x4", "adaptive_max_pool2d", rand(2, 2, 7, 9, seed=next_seed()), output_size=[3, 4],
          double=True)
pool_case("adaptive_max_pool2d_nan", "adaptive_max_pool2d", special, output_size=[2])


# ---------------------------------------------------------------------------------------------
# Errors: PyTorch's message for each bad call; "status" is the class Ember reports. "contains"
# marks the cases where Ember's message deliberately differs and only that text must appear.

def error_case(name, op, status, fn, inputs, args, contains=None):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        message = str(e).split("\n")[0]
    else:
        raise AssertionError(name + ": PyTorch accepted the call")
    case = {"name": name, "op": op, "status": status, "args": args,
            "inputs": {k: ({"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")} if v is not None
                           else None) for k, v in inputs.items()}}
    if contains:
        case["contains"] = contains
    else:
        case["message"] = message
    errors.append(case)


def conv_error(name, status, x, w, b=None, op="conv2d", contains=None, **args):
    kw = dict(stride=args.get("stride", [1]), padding=args.get("padding", [0]), dilation=args.get("dilation", [1]),
              groups=args.get("groups", 1))
    if op.startswith("conv_transpose"):
        kw["output_padding"] = args.get("output_padding", [0])
    kw = {k: (v if not isinstance(v, list) or len(v) > 1 else v[0]) for k, v in kw.items()}
    error_case(name, op, status, lambda: getattr(F, op)(x, w, b, **kw), {"input": x, "weight": w, "bias": b}, args,
               contains)


z = torch.zeros
conv_error("conv2d_rank5_input", "SHAPE", z(1, 2, 4, 7, 7), z(6, 2, 3, 3))
conv_error("conv2d_rank2_input", "SHAPE", z(4, 7), z(6, 4, 3, 3))
conv_error("conv1d_rank4_input", "SHAPE", z(2, 4, 7, 7), z(6, 4, 3), op="conv1d")
conv_error("conv1d_weight_rank4", "SHAPE", z(2, 4, 7), z(6, 2, 3, 3), op="conv1d",
           contains="expected a 3-dimensional weight")
conv_error("conv2d_channels_not_divisible", "SHAPE", z(2, 4, 7, 7), z(6, 1, 3, 3), groups=3)
conv_error("conv2d_out_channels_not_divisible", "SHAPE", z(2, 4, 7, 7), z(5, 2, 3, 3), groups=2)
conv_error("conv2d_groups_larger_than_out_channels", "SHAPE", z(2, 4, 7, 7), z(2, 1, 3, 3), groups=4)
conv_error("conv2d_groups_zero", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 2, 3, 3), groups=0)
conv_error("conv2d_groups_negative", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 2, 3, 3), groups=-1)
conv_error("conv2d_channel_mismatch", "SHAPE", z(2, 4, 7, 7), z(6, 3, 3, 3))
conv_error("conv2d_kernel_too_big", "SHAPE", z(2, 4, 7, 7), z(6, 4, 9, 9))
conv_error("conv2d_kernel_too_big_dilated", "SHAPE", z(2, 4, 7, 7), z(6, 4, 3, 3), dilation=[4])
conv_error("conv2d_stride_zero", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 4, 3, 3), stride=[0])
conv_error("conv2d_stride_negative", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 4, 3, 3), stride=[1, -1])
conv_error("conv2d_padding_negative", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 4, 3, 3), padding=[-1])
# PyTorch words this one differently per dtype and path; Ember uses its float32 (oneDNN) wording.
conv_error("conv2d_dilation_zero", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 4, 3, 3), dilation=[0],
           contains="non-positive dilation is not supported")
conv_error("conv2d_bias_size", "SHAPE", z(2, 4, 7, 7), z(6, 4, 3, 3), z(5))
conv_error("conv2d_bias_rank", "SHAPE", z(2, 4, 7, 7), z(6, 4, 3, 3), z(6, 1))
conv_error("conv2d_weight_dtype", "DTYPE", z(2, 4, 7, 7, dtype=torch.float32), z(6, 4, 3, 3),
           contains="Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be the same")
conv_error("conv2d_bias_dtype", "DTYPE", z(2, 4, 7, 7), z(6, 4, 3, 3), z(6, dtype=torch.float32))
conv_error("conv2d_stride_three_values", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 4, 3, 3), stride=[1, 1, 1])
conv_error("conv2d_dilation_three_values", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(6, 4, 3, 3), dilation=[1, 1, 1])
conv_error("conv2d_zero_kernel", "SHAPE", z(2, 4, 7, 7), z(6, 4, 0, 3))
conv_error("conv_transpose2d_output_padding_too_big", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(4, 3, 3, 3),
           op="conv_transpose2d", stride=[2], output_padding=[2])
conv_error("conv_transpose2d_channel_mismatch", "SHAPE", z(2, 4, 7, 7), z(3, 3, 3, 3), op="conv_transpose2d")
conv_error("conv_transpose2d_groups", "SHAPE", z(2, 4, 7, 7), z(4, 3, 3, 3), op="conv_transpose2d", groups=3)
conv_error("conv_transpose2d_output_too_small", "SHAPE", z(2, 4, 7, 7), z(4, 3, 3, 3), op="conv_transpose2d",
           padding=[5])
conv_error("conv_transpose2d_bias_size", "SHAPE", z(2, 4, 7, 7), z(4, 3, 3, 3), z(4), op="conv_transpose2d")
conv_error("conv_transpose2d_output_padding_negative", "INVALID_ARGUMENT", z(2, 4, 7, 7), z(4, 3, 3, 3),
           op="conv_transpose2d", stride=[2], output_padding=[-1])
conv_error("conv_transpose1d_output_padding_too_big", "INVALID_ARGUMENT", z(2, 4, 7), z(4, 3, 3),
           op="conv_transpose1d", stride=[2], output_padding=[3])


def pool_error(name, status, op, x, contains=None, **args):
    if op == "max_pool2d":
        fn = lambda: F.max_pool2d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]),  # noqa
                                  args.get("dilation", [1]), ceil_mode=args.get("ceil_mode", False))
    elif op == "max_pool1d":
        fn = lambda: F.max_pool1d(x.requires_grad_(), args["kernel"], args.get("stride") or None,  # noqa
                                  args.get("padding", [0]), args.get("dilation", [1]))
    elif op == "avg_pool2d":
        fn = lambda: F.avg_pool2d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]),  # noqa
                                  divisor_override=args.get("divisor_override"))
    elif op == "avg_pool1d":
        fn = lambda: F.avg_pool1d(x, args["kernel"], args.get("stride") or None, args.get("padding", [0]))  # noqa
    elif op == "adaptive_avg_pool2d":
        fn = lambda: F.adaptive_avg_pool2d(x, one(args["output_size"]))  # noqa
    elif op == "adaptive_max_pool2d":
        fn = lambda: F.adaptive_max_pool2d(x, one(args["output_size"]))  # noqa
    error_case(name, op, status, fn, {"input": x}, args, contains)


x4 = z(2, 3, 7, 7)
pool_error("max_pool2d_rank5", "SHAPE", "max_pool2d", z(1, 2, 3, 7, 7), kernel=[2])
pool_error("max_pool2d_rank2", "SHAPE", "max_pool2d", z(7, 7), kernel=[2])
pool_error("max_pool2d_kernel_three_values", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2, 2, 2])
pool_error("max_pool2d_stride_three_values", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2], stride=[1, 1, 1])
pool_error("max_pool2d_padding_three_values", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2], padding=[0, 0, 0])
pool_error("max_pool2d_dilation_three_values", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2],
           dilation=[1, 1, 1])
pool_error("max_pool2d_kernel_zero_stride_default", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[0])
pool_error("max_pool2d_kernel_zero", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[0], stride=[1])
pool_error("max_pool2d_stride_negative", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2], stride=[-1])
pool_error("max_pool2d_dilation_zero", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2], dilation=[0])
pool_error("max_pool2d_padding_too_big", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2], padding=[2])
pool_error("max_pool2d_padding_negative", "INVALID_ARGUMENT", "max_pool2d", x4, kernel=[2], padding=[-1])
pool_error("max_pool2d_output_too_small", "SHAPE", "max_pool2d", x4, kernel=[8])
pool_error("max_pool2d_zero_channels", "SHAPE", "max_pool2d", z(2, 0, 7, 7), kernel=[2])
pool_error("max_pool2d_zero_height", "SHAPE", "max_pool2d", z(2, 3, 0, 7), kernel=[2])
pool_error("max_pool2d_int64", "DTYPE", "max_pool2d", z(2, 3, 7, 7, dtype=torch.int64), kernel=[2])
pool_error("max_pool1d_rank4", "SHAPE", "max_pool1d", x4, kernel=[2])
pool_error("max_pool1d_kernel_two_values", "INVALID_ARGUMENT", "max_pool1d", z(3, 7, 7), kernel=[2, 2])
pool_error("avg_pool2d_kernel_three_values", "INVALID_ARGUMENT", "avg_pool2d", x4, kernel=[2, 2, 2])
pool_error("avg_pool2d_stride_three_values", "INVALID_ARGUMENT", "avg_pool2d", x4, kernel=[2], stride=[1, 1, 1])
pool_error("avg_pool2d_padding_three_values", "INVALID_ARGUMENT", "avg_pool2d", x4, kernel=[2], padding=[0, 0, 0])
pool_error("avg_pool2d_padding_too_big", "INVALID_ARGUMENT", "avg_pool2d", x4, kernel=[2], padding=[2])
pool_error("avg_pool2d_output_too_small", "SHAPE", "avg_pool2d", x4, kernel=[8])
pool_error("avg_pool2d_divisor_zero", "INVALID_ARGUMENT", "avg_pool2d", x4, kernel=[2], divisor_override=0)
pool_error("avg_pool2d_stride_zero", "INVALID_ARGUMENT", "avg_pool2d", x4, kernel=[2], stride=[0])
pool_error("avg_pool2d_rank5", "SHAPE", "avg_pool2d", z(1, 2, 3, 7, 7), kernel=[2])
pool_error("avg_pool2d_zero_channels", "SHAPE", "avg_pool2d", z(2, 0, 7, 7), kernel=[2])
pool_error("avg_pool1d_rank4", "SHAPE", "avg_pool1d", x4, kernel=[2])
pool_error("avg_pool1d_kernel_two_values", "INVALID_ARGUMENT", "avg_pool1d", z(3, 7, 7), kernel=[2, 2])
pool_error("adaptive_avg_pool2d_negative", "INVALID_ARGUMENT", "adaptive_avg_pool2d", x4, output_size=[-1])
pool_error("adaptive_avg_pool2d_three_values", "INVALID_ARGUMENT", "adaptive_avg_pool2d", x4, output_size=[1, 2, 3])
pool_error("adaptive_avg_pool2d_rank2", "SHAPE", "adaptive_avg_pool2d", z(7, 7), output_size=[2])
pool_error("adaptive_avg_pool2d_zero_height", "SHAPE", "adaptive_avg_pool2d", z(2, 3, 0, 7), output_size=[2])
pool_error("adaptive_avg_pool2d_int64", "DTYPE", "adaptive_avg_pool2d", z(2, 3, 7, 7, dtype=torch.int64),
           output_size=[2], contains="\"adaptive_avg_pool2d\" not implemented for 'Long'")
pool_error("adaptive_max_pool2d_rank2", "SHAPE", "adaptive_max_pool2d", z(7, 7), output_size=[2])
pool_error("adaptive_max_pool2d_zero_height", "SHAPE", "adaptive_max_pool2d", z(2, 3, 0, 7), output_size=[2])
pool_error("adaptive_max_pool2d_negative", "INVALID_ARGUMENT", "adaptive_max_pool2d", x4, output_size=[-1])

json.dump({"generator": "native/tests/nn_reference.py", "torch": torch.__version__, "cases": cases,
           "errors": errors}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
