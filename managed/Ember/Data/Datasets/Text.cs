using System;
using System.Collections.Generic;
using System.Text;

namespace Ember.Data.Datasets;

/// <summary>Turns text into token ids and back.</summary>
public interface ITokenizer
{
    /// <summary>The number of distinct token ids (ids are 0 .. VocabularySize - 1).</summary>
    int VocabularySize { get; }

    /// <summary>The token ids of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The ids.</returns>
    long[] Encode(string text);

    /// <summary>The text of token ids.</summary>
    /// <param name="tokens">The ids.</param>
    /// <returns>The text.</returns>
    string Decode(ReadOnlySpan<long> tokens);
}

/// <summary>
/// A character-level tokenizer (as in char-RNN / minGPT): the vocabulary is the distinct Unicode
/// characters (code points, so surrogate pairs are one character) of a text, sorted by code point;
/// a character's id is its position in the vocabulary.
/// </summary>
public sealed class CharacterTokenizer : ITokenizer
{
    private readonly Rune[] vocabulary;
    private readonly Dictionary<Rune, long> ids = new();

    /// <summary>Builds the vocabulary of <paramref name="text"/>.</summary>
    /// <param name="text">The text (not empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty or holds an unpaired surrogate.</exception>
    public CharacterTokenizer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new SortedSet<Rune>();
        foreach (Rune r in Runes(text, nameof(text)))
        {
            set.Add(r);
        }

        if (set.Count == 0)
        {
            throw new ArgumentException("Cannot build a vocabulary from empty text.", nameof(text));
        }

        vocabulary = new Rune[set.Count];
        set.CopyTo(vocabulary);
        for (int i = 0; i < vocabulary.Length; i++)
        {
            ids[vocabulary[i]] = i;
        }
    }

    /// <inheritdoc/>
    public int VocabularySize => vocabulary.Length;

    /// <summary>The vocabulary: the character of each id.</summary>
    public IReadOnlyList<string> Vocabulary => Array.ConvertAll(vocabulary, r => r.ToString());

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException">A character is not in the vocabulary (the message names it and its position).</exception>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<long>(text.Length);
        int position = 0;
        foreach (Rune r in Runes(text, nameof(text)))
        {
            if (!ids.TryGetValue(r, out long id))
            {
                throw new ArgumentException($"Character '{r}' (U+{r.Value:X4}) at position {position} is not in the vocabulary.", nameof(text));
            }

            result.Add(id);
            position += r.Utf16SequenceLength;
        }

        return result.ToArray();
    }

    /// <summary>The token ids of <paramref name="text"/> as a 1-D int64 tensor.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A new tensor.</returns>
    /// <exception cref="ArgumentException">A character is not in the vocabulary.</exception>
    public Tensor EncodeToTensor(string text) => Tensor.From(Encode(text));

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    public string Decode(ReadOnlySpan<long> tokens)
    {
        var builder = new StringBuilder(tokens.Length);
        foreach (long id in tokens)
        {
            if ((ulong)id >= (ulong)vocabulary.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), id, $"Token id {id} is outside the vocabulary of {vocabulary.Length}.");
            }

            builder.Append(vocabulary[id].ToString());
        }

        return builder.ToString();
    }

    /// <summary>The text of a tensor of token ids (any integer dtype, any shape, read in row-major order).</summary>
    /// <param name="tokens">The ids.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    public string Decode(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        using Tensor ids64 = tokens.To(DType.Int64);
        return Decode(ids64.ToArray<long>());
    }

    private static IEnumerable<Rune> Runes(string text, string parameter)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune r, out int used) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException($"The text holds an unpaired surrogate at position {i}.", parameter);
            }

            yield return r;
            i += used;
        }
    }
}

/// <summary>Byte-level encoding: the UTF-8 bytes of the text are the ids (vocabulary of 256).</summary>
public sealed class ByteTokenizer : ITokenizer
{
    /// <inheritdoc/>
    public int VocabularySize => 256;

    /// <inheritdoc/>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return Array.ConvertAll(bytes, b => (long)b);
    }

    /// <inheritdoc/>
    /// <remarks>Byte sequences that are not valid UTF-8 decode to U+FFFD.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside [0, 256).</exception>
    public string Decode(ReadOnlySpan<long> tokens)
    {
        var bytes = new byte[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
        {
            if ((ulong)tokens[i] > 255)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"Byte token {tokens[i]} at position {i} is outside [0, 256).");
            }

            bytes[i] = (byte)tokens[i];
        }

        return Encoding.UTF8.GetString(bytes);
    }
}

/// <summary>
/// Next-token prediction windows over a token sequence (as minGPT's <c>CharDataset</c>): sample i is
/// { input = tokens[s, s + blockSize), target = tokens[s + 1, s + blockSize + 1) } with s = i * stride,
/// both int64 [blockSize]. Batches are gathered with one <c>take</c> per tensor.
/// </summary>
public sealed class TextSequenceDataset : Dataset<Tensor[]>, IBatchDataset<Tensor[]>, IDisposable
{
    private readonly Tensor tokens;
    private readonly Tensor offsets;

    /// <summary>Creates the data set over a 1-D tensor of token ids (converted to int64; the data set keeps its own copy or reference).</summary>
    /// <param name="tokens">The ids, 1-D, any integer dtype, at least <paramref name="blockSize"/> + 1 of them.</param>
    /// <param name="blockSize">The length of each window (positive).</param>
    /// <param name="stride">The distance between the starts of consecutive samples (default 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is not a 1-D integer tensor or is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockSize"/> or <paramref name="stride"/> is not positive.</exception>
    public TextSequenceDataset(Tensor tokens, int blockSize, int stride = 1)
        : this(tokens, blockSize, stride, disposeInput: false)
    {
    }

    /// <summary>Creates the data set over token ids in managed memory (see the tensor overload).</summary>
    /// <param name="tokens">The ids.</param>
    /// <param name="blockSize">The window length.</param>
    /// <param name="stride">The distance between window starts.</param>
    /// <exception cref="ArgumentException">Too few tokens.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockSize"/> or <paramref name="stride"/> is not positive.</exception>
    public TextSequenceDataset(ReadOnlySpan<long> tokens, int blockSize, int stride = 1)
        : this(Tensor.From(tokens).DetachFromDisposeScope(), blockSize, stride, disposeInput: true)
    {
    }

    private TextSequenceDataset(Tensor tokens, int blockSize, int stride, bool disposeInput)
    {
        try
        {
            (this.tokens, offsets, Count) = Init(tokens, blockSize, stride);
        }
        finally
        {
            if (disposeInput)
            {
                tokens.Dispose();
            }
        }

        BlockSize = blockSize;
        Stride = stride;
    }

    private static (Tensor Tokens, Tensor Offsets, long Count) Init(Tensor tokens, int blockSize, int stride)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (tokens.Dim != 1 || !tokens.DType.IsIntegral())
        {
            throw new ArgumentException($"Expected a 1-D integer tensor of token ids; got {tokens.DType} {tokens.Shape}.", nameof(tokens));
        }

        if (tokens.Size(0) < blockSize + 1)
        {
            throw new ArgumentException($"{tokens.Size(0)} tokens are too few for one window of {blockSize} inputs and its shifted targets.", nameof(tokens));
        }

        using var scope = DisposeScope.Begin();

        // Our own int64 contiguous tensor (a copy, or an alias of an int64 contiguous input), outside every scope.
        Tensor own = tokens.To(DType.Int64).Contiguous().Alias().DetachFromDisposeScope();
        Tensor offsets = Tensor.Arange(0, blockSize, 1, DType.Int64).DetachFromDisposeScope();
        return (own, offsets, (tokens.Size(0) - blockSize - 1) / stride + 1);
    }

    /// <summary>The window length.</summary>
    public int BlockSize { get; }

    /// <summary>The distance between consecutive window starts.</summary>
    public int Stride { get; }

    /// <summary>The token ids, int64 (owned by the data set).</summary>
    public Tensor Tokens => tokens;

    /// <inheritdoc/>
    public override long Count { get; }

    /// <summary>Window <paramref name="index"/>: views of the input and target ids.</summary>
    /// <param name="index">An index in [0, <see cref="Count"/>).</param>
    /// <returns>{ input, target }, int64 [BlockSize] each (views the caller disposes).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public override Tensor[] GetItem(long index)
    {
        CheckIndex(index, Count);
        long start = index * Stride;
        return new[] { tokens.Narrow(0, start, BlockSize), tokens.Narrow(0, start + 1, BlockSize) };
    }

    /// <summary>The windows at <paramref name="indices"/>: { inputs, targets }, int64 [n, BlockSize].</summary>
    /// <param name="indices">Indices in [0, <see cref="Count"/>).</param>
    /// <returns>New tensors the caller disposes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public Tensor[] GetBatch(ReadOnlySpan<long> indices)
    {
        var starts = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            CheckIndex(indices[i], Count);
            starts[i] = indices[i] * Stride;
        }

        using var scope = DisposeScope.Begin();
        Tensor positions = Tensor.From(starts).View(-1, 1) + offsets;
        Tensor input = tokens.Take(positions);
        Tensor target = tokens.Take(positions + 1L);
        scope.Keep(input, target);
        return new[] { input, target };
    }

    /// <summary>Releases the data set's tensors.</summary>
    public void Dispose()
    {
        tokens.Dispose();
        offsets.Dispose();
    }
}
