using System;
using Ember.Native;

namespace Ember.NN;

public static partial class Functional
{
    /// <summary>
    /// Dropout (<c>torch.nn.functional.dropout</c>): in training, zeroes each element with
    /// probability <paramref name="p"/> and scales the others by 1 / (1 - p).
    /// </summary>
    /// <param name="input">The input, floating.</param>
    /// <param name="p">The probability of zeroing an element, in [0, 1]; 1 gives zeros.</param>
    /// <param name="training">Whether to apply dropout; when false (or <paramref name="p"/> is 0) the input itself is returned.</param>
    /// <param name="generator">The generator (default: <see cref="Generator.Default"/>).</param>
    /// <returns>A new tensor of the input's shape, or <paramref name="input"/> itself.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public static unsafe Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
        }

        // As PyTorch, the identity cases hand back the input object itself.
        if (!training || p == 0)
        {
            return input;
        }

        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_dropout(input.Handle, p, training, Generator.HandleOf(generator), &result));
        GC.KeepAlive(input);
        GC.KeepAlive(generator);
        return Tensor.FromResult(result);
    }
}
