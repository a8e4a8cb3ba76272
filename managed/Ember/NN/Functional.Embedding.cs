using System;
using Ember.Native;

namespace Ember.NN;

public static partial class Functional
{
    /// <summary>
    /// The rows of <paramref name="weight"/> picked by <paramref name="input"/>
    /// (<c>torch.nn.functional.embedding</c>); the result has shape input.shape + (embedding_dim).
    /// </summary>
    /// <param name="input">The indices (int32 or int64, any shape), each in [0, num_embeddings).</param>
    /// <param name="weight">The embedding matrix (num_embeddings, embedding_dim).</param>
    /// <param name="paddingIdx">A row that never receives gradient (negative counts from the end), or null.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="EmberIndexException">An index is out of range.</exception>
    /// <exception cref="EmberDTypeException">The indices are not int32 or int64.</exception>
    /// <exception cref="EmberArgumentException"><paramref name="paddingIdx"/> is outside [-num_embeddings, num_embeddings).</exception>
    public static unsafe Tensor Embedding(Tensor input, Tensor weight, long? paddingIdx = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        EmberTensor result = default;
        NativeStatus.Check(NativeMethods.ember_embedding(weight.Handle, input.Handle, paddingIdx.HasValue,
            paddingIdx.GetValueOrDefault(), &result));
        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        return Tensor.FromResult(result);
    }
}
