using System;
using System.Collections.Generic;
using Ember.Native;

namespace Ember.NN;

/// <summary>Gradient utilities (<c>torch.nn.utils</c>), each one native call over all gradients.</summary>
public static class Utils
{
    /// <summary>
    /// Rescales the gradients of <paramref name="parameters"/> in place so that their total norm
    /// (all gradients taken as one vector) is at most <paramref name="maxNorm"/>
    /// (<c>torch.nn.utils.clip_grad_norm_</c>). Parameters without a gradient are skipped.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients to clip.</param>
    /// <param name="maxNorm">The largest total norm allowed.</param>
    /// <param name="normType">The norm's order: 2 by default; <see cref="double.PositiveInfinity"/> for the max norm.</param>
    /// <param name="errorIfNonfinite">Throw when the total norm is NaN or infinite (nothing is scaled then).</param>
    /// <returns>The total norm before clipping, a 0-dim tensor.</returns>
    /// <exception cref="EmberArgumentException">The total is non-finite and <paramref name="errorIfNonfinite"/> is set, or the norm type is invalid.</exception>
    public static unsafe Tensor ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2.0,
                                             bool errorIfNonfinite = false)
    {
        using var grads = new GradHandles(parameters);
        EmberTensor total = default;
        fixed (EmberTensor* g = grads.Handles)
        {
            NativeStatus.Check(NativeMethods.ember_clip_grad_norm(g, (nuint)grads.Count, maxNorm, normType, errorIfNonfinite, &total));
        }

        return Tensor.FromResult(total);
    }

    /// <summary>Clamps each gradient of <paramref name="parameters"/> in place to [-clipValue, clipValue] (<c>torch.nn.utils.clip_grad_value_</c>).</summary>
    /// <param name="parameters">The parameters whose gradients to clip.</param>
    /// <param name="clipValue">The bound.</param>
    public static unsafe void ClipGradValue(IEnumerable<Tensor> parameters, double clipValue)
    {
        using var grads = new GradHandles(parameters);
        fixed (EmberTensor* g = grads.Handles)
        {
            NativeStatus.Check(NativeMethods.ember_clip_grad_value(g, (nuint)grads.Count, clipValue));
        }
    }

    /// <summary>The gradient handles of the parameters that have one (new references, released on dispose).</summary>
    private readonly struct GradHandles : IDisposable
    {
        public GradHandles(IEnumerable<Tensor> parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            var list = new List<EmberTensor>();
            try
            {
                foreach (Tensor p in parameters)
                {
                    ArgumentNullException.ThrowIfNull(p, nameof(parameters));
                    EmberTensor grad = p.GradHandle();
                    if (grad.Handle != 0) list.Add(grad);
                }
            }
            catch
            {
                foreach (EmberTensor h in list) NativeMethods.ember_tensor_release(h);
                throw;
            }

            Handles = list.ToArray();
        }

        public EmberTensor[] Handles { get; }

        public int Count => Handles.Length;

        public void Dispose()
        {
            foreach (EmberTensor h in Handles) NativeMethods.ember_tensor_release(h);
        }
    }
}
