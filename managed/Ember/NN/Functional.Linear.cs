using System;
using Ember.Native;

namespace Ember.NN;

public static partial class Functional
{
    /// <summary>
    /// The affine map y = x Wᵀ + b (<c>F.linear</c>) over the last dim of <paramref name="input"/>.
    /// </summary>
    /// <param name="input">(*, in_features).</param>
    /// <param name="weight">(out_features, in_features), or (in_features) for a vector result.</param>
    /// <param name="bias">(out_features) or null.</param>
    /// <returns>(*, out_features).</returns>
    /// <exception cref="EmberShapeException">The sizes do not match.</exception>
    public static unsafe Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Dim == 1)
        {
            // F.linear with a vector weight: a dot product over the last dim (no native form).
            Tensor product = input.MatMul(weight);
            if (bias is null) return product;
            using (product) return product + bias;
        }

        // One native op: a single GEMM over all leading dims with the bias fused (ember_linear).
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_linear(input.Handle, weight.Handle, bias is null ? default : bias.Handle, &result));
        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return Tensor.FromResult(result);
    }

    /// <summary>
    /// The bilinear map y_k = x1ᵀ W_k x2 + b_k (<c>F.bilinear</c>), composed from one matrix
    /// product and a reduction (the runtime has no einsum).
    /// </summary>
    /// <param name="input1">(*, in1_features).</param>
    /// <param name="input2">(*, in2_features), the same leading dims.</param>
    /// <param name="weight">(out_features, in1_features, in2_features).</param>
    /// <param name="bias">(out_features) or null.</param>
    /// <returns>(*, out_features).</returns>
    /// <exception cref="EmberShapeException">The sizes do not match.</exception>
    public static Tensor Bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Dim != 3 || input1.Dim < 1 || input2.Dim != input1.Dim ||
            input1.Size(-1) != weight.Size(1) || input2.Size(-1) != weight.Size(2))
        {
            throw new EmberShapeException(
                $"bilinear: expected input1 (*, {(weight.Dim == 3 ? weight.Size(1) : -1)}), input2 (*, {(weight.Dim == 3 ? weight.Size(2) : -1)}) and a 3-D weight; got {input1.Shape}, {input2.Shape} and {weight.Shape}");
        }

        long outFeatures = weight.Size(0);
        long in1 = weight.Size(1);
        long in2 = weight.Size(2);
        long[] batchShape = input1.Shape.ToArray()[..^1];
        long[] outShape = [.. batchShape, outFeatures];
        using var scope = DisposeScope.Begin();
        Tensor x1 = input1.Reshape(-1, in1);
        Tensor x2 = input2.Reshape(-1, in2);

        // t[b, k, j] = sum_i x1[b, i] W[k, i, j]; then y[b, k] = sum_j t[b, k, j] x2[b, j].
        Tensor w = weight.Permute(1, 0, 2).Reshape(in1, outFeatures * in2);
        Tensor t = x1.Mm(w).View(-1, outFeatures, in2);
        Tensor y = (t * x2.Unsqueeze(1)).Sum(-1);
        if (bias is not null)
        {
            y = y + bias;
        }

        return scope.Keep(y.Reshape(outShape));
    }
}
