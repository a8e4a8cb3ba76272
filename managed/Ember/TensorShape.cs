using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace Ember;

/// <summary>
/// An immutable list of 64-bit sizes, as PyTorch's <c>torch.Size</c>: the shape of a tensor
/// (and, for <see cref="Tensor.Strides"/>, its strides in elements). Indexing accepts negative
/// positions counted from the end, as in Python. It converts implicitly to
/// <see cref="ReadOnlySpan{T}"/>, so it can be passed wherever a shape is expected.
/// </summary>
public readonly struct TensorShape : IReadOnlyList<long>, IEquatable<TensorShape>
{
    private readonly long[]? values;

    internal TensorShape(long[] values) => this.values = values;

    /// <summary>Creates a shape from sizes (copied).</summary>
    /// <param name="sizes">The sizes.</param>
    public TensorShape(ReadOnlySpan<long> sizes) => values = sizes.ToArray();

    /// <summary>The number of dimensions.</summary>
    public int Count => values?.Length ?? 0;

    /// <summary>The number of dimensions (same as <see cref="Count"/>).</summary>
    public int Rank => Count;

    /// <summary>The product of the sizes (1 for a zero-dimensional shape).</summary>
    public long NumberOfElements
    {
        get
        {
            long n = 1;
            foreach (long size in AsSpan())
            {
                n *= size;
            }

            return n;
        }
    }

    /// <summary>The size at position <paramref name="index"/>; negative positions count from the end.</summary>
    /// <param name="index">The dimension, in [-Count, Count).</param>
    /// <returns>The size of that dimension.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [-Count, Count).</exception>
    public long this[int index]
    {
        get
        {
            int n = Count;
            int i = index < 0 ? index + n : index;
            if ((uint)i >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {index})");
            }

            return values![i];
        }
    }

    /// <summary>The sizes as a span (no copy).</summary>
    /// <returns>A read-only view of the sizes.</returns>
    public ReadOnlySpan<long> AsSpan() => values;

    /// <summary>A copy of the sizes.</summary>
    /// <returns>A new array.</returns>
    public long[] ToArray() => values is null ? Array.Empty<long>() : (long[])values.Clone();

    /// <summary>The sizes as a span (no copy).</summary>
    /// <param name="shape">The shape.</param>
    public static implicit operator ReadOnlySpan<long>(TensorShape shape) => shape.values;

    /// <summary>Returns an enumerator over the sizes.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<long> GetEnumerator()
    {
        long[] array = values ?? Array.Empty<long>();
        for (int i = 0; i < array.Length; i++)
        {
            yield return array[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether both have the same sizes.</summary>
    /// <param name="other">Another shape.</param>
    /// <returns>True when the sizes are equal.</returns>
    public bool Equals(TensorShape other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <summary>Whether this shape has the given sizes.</summary>
    /// <param name="sizes">The sizes to compare with.</param>
    /// <returns>True when the sizes are equal.</returns>
    public bool Equals(ReadOnlySpan<long> sizes) => AsSpan().SequenceEqual(sizes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TensorShape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long size in AsSpan())
        {
            hash.Add(size);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether two shapes have the same sizes.</summary>
    /// <param name="left">A shape.</param>
    /// <param name="right">Another shape.</param>
    /// <returns>True when the sizes are equal.</returns>
    public static bool operator ==(TensorShape left, TensorShape right) => left.Equals(right);

    /// <summary>Whether two shapes differ.</summary>
    /// <param name="left">A shape.</param>
    /// <param name="right">Another shape.</param>
    /// <returns>True when the sizes differ.</returns>
    public static bool operator !=(TensorShape left, TensorShape right) => !left.Equals(right);

    /// <summary>The sizes as PyTorch prints a <c>torch.Size</c>'s contents: <c>[2, 3]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Format(AsSpan(), '[', ']');

    /// <summary>Python's spelling of a tuple: <c>(0, 3)</c>, <c>(0,)</c>, <c>()</c>.</summary>
    internal static string FormatTuple(ReadOnlySpan<long> sizes) =>
        sizes.Length == 1 ? "(" + sizes[0].ToString(System.Globalization.CultureInfo.InvariantCulture) + ",)" : Format(sizes, '(', ')');

    private static string Format(ReadOnlySpan<long> sizes, char open, char close)
    {
        var text = new StringBuilder();
        text.Append(open);
        for (int i = 0; i < sizes.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(sizes[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.Append(close).ToString();
    }
}
