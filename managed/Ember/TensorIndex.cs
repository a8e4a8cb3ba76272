using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Ember;

/// <summary>What a <see cref="TensorIndex"/> selects.</summary>
public enum TensorIndexKind
{
    /// <summary>One position along a dim, which removes the dim (<c>x[2]</c>).</summary>
    Single,

    /// <summary>A range with a step, which keeps the dim (<c>x[1:3]</c>, <c>x[::2]</c>).</summary>
    Slice,

    /// <summary>As many full slices as needed to cover the remaining dims (<c>x[..., 0]</c>).</summary>
    Ellipsis,

    /// <summary>A new dim of size 1 (<c>x[None]</c>).</summary>
    NewAxis,

    /// <summary>An integer or bool index tensor: advanced indexing, which copies (<c>x[idx]</c>, <c>x[mask]</c>).</summary>
    Tensor,
}

/// <summary>
/// One entry of a PyTorch-style index expression for <see cref="Tensor"/>'s indexers. It converts
/// implicitly from an integer (<c>t[0]</c>), a <see cref="System.Index"/> (<c>t[^1]</c>), a
/// <see cref="System.Range"/> (<c>t[1..3]</c>, <c>t[..]</c>) and a <see cref="Ember.Tensor"/>
/// (<c>t[mask]</c>); <see cref="Ellipsis"/>, <see cref="NewAxis"/> and <see cref="Slice"/> cover the
/// rest (<c>t[TensorIndex.Ellipsis, TensorIndex.Slice(step: 2)]</c>). <see cref="Parse"/> reads
/// Python's syntax: <c>"..., 1:3, ::2"</c>, <c>":, None, -1"</c>.
/// </summary>
public readonly struct TensorIndex
{
    private TensorIndex(TensorIndexKind kind, long start, long? stop, long step, Tensor? tensor, bool hasStart)
    {
        Kind = kind;
        StartValue = start;
        Stop = stop;
        Step = step;
        Tensor = tensor;
        HasStart = hasStart;
    }

    /// <summary>What this entry selects.</summary>
    public TensorIndexKind Kind { get; }

    /// <summary>The position of a <see cref="TensorIndexKind.Single"/> index (negative counts from the end).</summary>
    public long Index => Kind == TensorIndexKind.Single ? StartValue : throw new InvalidOperationException("Only a Single index has a position.");

    /// <summary>The start of a slice (negative counts from the end); null means the beginning.</summary>
    public long? Start => Kind == TensorIndexKind.Slice && HasStart ? StartValue : null;

    /// <summary>The end of a slice, exclusive (negative counts from the end); null means the end.</summary>
    public long? Stop { get; }

    /// <summary>The step of a slice (at least 1).</summary>
    public long Step { get; }

    /// <summary>The index tensor of a <see cref="TensorIndexKind.Tensor"/> entry.</summary>
    public Tensor? Tensor { get; }

    /// <summary><c>...</c>: full slices over the dims no other entry names.</summary>
    public static TensorIndex Ellipsis => new(TensorIndexKind.Ellipsis, 0, null, 1, null, false);

    /// <summary><c>None</c>: inserts a dim of size 1.</summary>
    public static TensorIndex NewAxis => new(TensorIndexKind.NewAxis, 0, null, 1, null, false);

    /// <summary><c>None</c> (PyTorch's spelling of <see cref="NewAxis"/>).</summary>
    public static TensorIndex None => NewAxis;

    /// <summary><c>:</c>, the whole dim.</summary>
    public static TensorIndex Colon => Slice();

    private long StartValue { get; }

    private bool HasStart { get; }

    /// <summary>One position (negative counts from the end); the dim is removed.</summary>
    /// <param name="index">The position.</param>
    /// <returns>The entry.</returns>
    public static TensorIndex Single(long index) => new(TensorIndexKind.Single, index, null, 1, null, true);

    /// <summary>Python's <c>start:stop:step</c>; out-of-range bounds are clamped as in Python.</summary>
    /// <param name="start">The first position, or null for the beginning.</param>
    /// <param name="stop">The end, exclusive, or null for the end.</param>
    /// <param name="step">The step (at least 1; PyTorch has no negative steps).</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive.</exception>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1)
    {
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be greater than zero");
        }

        return new(TensorIndexKind.Slice, start ?? 0, stop, step, null, start.HasValue);
    }

    /// <summary>Advanced indexing with an integer tensor (positions) or a bool tensor (a mask).</summary>
    /// <param name="index">The index tensor.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> is null.</exception>
    public static TensorIndex FromTensor(Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new(TensorIndexKind.Tensor, 0, null, 1, index, false);
    }

    /// <summary>One position: <c>t[2]</c>, <c>t[-1]</c>.</summary>
    /// <param name="index">The position (negative counts from the end).</param>
    public static implicit operator TensorIndex(long index) => Single(index);

    /// <summary>One position: <c>t[2]</c>, <c>t[-1]</c> (also lets F# write <c>t.[2]</c>).</summary>
    /// <param name="index">The position (negative counts from the end).</param>
    public static implicit operator TensorIndex(int index) => Single(index);

    /// <summary>One position from a <see cref="System.Index"/>: <c>t[^1]</c> is the last element.</summary>
    /// <param name="index">The index; <c>^0</c> is past the end and is rejected.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is <c>^0</c>.</exception>
    public static implicit operator TensorIndex(Index index)
    {
        if (index.IsFromEnd && index.Value == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "^0 is past the end: it selects no element");
        }

        return Single(index.IsFromEnd ? -(long)index.Value : index.Value);
    }

    /// <summary>A slice from a <see cref="System.Range"/>: <c>t[1..3]</c>, <c>t[..^1]</c>, <c>t[..]</c>.</summary>
    /// <param name="range">The range (its end is exclusive, as in Python).</param>
    public static implicit operator TensorIndex(Range range)
    {
        Index start = range.Start, end = range.End;

        // ^0 as a start is the end (an empty slice); as an end it is "up to the end".
        long? from = start.IsFromEnd ? (start.Value == 0 ? long.MaxValue : -(long)start.Value) : (start.Value == 0 ? null : start.Value);
        long? to = end.IsFromEnd ? (end.Value == 0 ? null : -(long)end.Value) : end.Value;
        return Slice(from, to);
    }

    /// <summary>Advanced indexing with a tensor: <c>t[indices]</c>, <c>t[mask]</c>.</summary>
    /// <param name="index">An integer or bool tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="index"/> is null.</exception>
    public static implicit operator TensorIndex(Tensor index) => FromTensor(index);

    /// <summary>
    /// Reads Python's index syntax: entries separated by commas, each <c>...</c>, <c>None</c>, an
    /// integer, or a slice <c>start:stop:step</c> with optional parts (<c>:</c>, <c>1:</c>, <c>::2</c>, <c>-3:-1</c>).
    /// </summary>
    /// <param name="text">The index expression, for example <c>"..., 1:3, ::2"</c>.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not an index expression.</exception>
    public static TensorIndex[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().Trim().IsEmpty)
        {
            return Array.Empty<TensorIndex>();
        }

        var entries = new List<TensorIndex>();
        foreach (string part in text.Split(','))
        {
            string item = part.Trim();
            if (item.Length == 0)
            {
                throw new FormatException($"'{text}' is not an index expression: an entry is empty");
            }

            if (item == "...")
            {
                entries.Add(Ellipsis);
            }
            else if (item == "None")
            {
                entries.Add(NewAxis);
            }
            else if (item.Contains(':'))
            {
                string[] bounds = item.Split(':');
                if (bounds.Length > 3)
                {
                    throw new FormatException($"'{item}' is not a slice: at most start:stop:step");
                }

                long? start = ParseBound(bounds[0], text);
                long? stop = ParseBound(bounds[1], text);
                long? step = bounds.Length == 3 ? ParseBound(bounds[2], text) : null;
                if (step is <= 0)
                {
                    throw new FormatException($"'{item}': step must be greater than zero");
                }

                entries.Add(Slice(start, stop, step ?? 1));
            }
            else
            {
                entries.Add(Single(ParseBound(item, text) ?? throw new FormatException($"'{text}' is not an index expression")));
            }
        }

        return entries.ToArray();
    }

    /// <summary>The entry in Python's syntax: <c>2</c>, <c>1:3</c>, <c>::2</c>, <c>...</c>, <c>None</c>, <c>tensor</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        switch (Kind)
        {
            case TensorIndexKind.Single:
                return StartValue.ToString(CultureInfo.InvariantCulture);
            case TensorIndexKind.Ellipsis:
                return "...";
            case TensorIndexKind.NewAxis:
                return "None";
            case TensorIndexKind.Tensor:
                return "tensor";
            default:
                var text = new StringBuilder();
                if (HasStart)
                {
                    text.Append(StartValue.ToString(CultureInfo.InvariantCulture));
                }

                text.Append(':');
                if (Stop is long stop)
                {
                    text.Append(stop.ToString(CultureInfo.InvariantCulture));
                }

                if (Step != 1)
                {
                    text.Append(':').Append(Step.ToString(CultureInfo.InvariantCulture));
                }

                return text.ToString();
        }
    }

    /// <summary>Whether this is <c>:</c> (a slice that keeps the whole dim).</summary>
    internal bool IsFullSlice => Kind == TensorIndexKind.Slice && !HasStart && Stop is null && Step == 1;

    /// <summary>The start for ember_slice (0 when absent).</summary>
    internal long SliceStart => HasStart ? StartValue : 0;

    private static long? ParseBound(string text, string whole)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new FormatException($"'{whole}' is not an index expression: '{trimmed}' is not an integer");
    }
}
