using System;
using System.Linq;
using Ember.Data;
using Ember.Data.Datasets;
using NUnit.Framework;

namespace Ember.Tests.Data;

[TestFixture]
public sealed class TextTests
{
    [Test]
    public void CharacterTokenizerRoundTrip()
    {
        const string text = "In the beginning God created the heaven and the earth. 😀é";
        var tok = new CharacterTokenizer(text);
        Assert.That(tok.Vocabulary, Is.Ordered.Using<string>(string.CompareOrdinal));
        Assert.That(tok.Vocabulary.Count, Is.EqualTo(tok.VocabularySize));
        Assert.That(tok.Vocabulary, Does.Contain("😀"), "a surrogate pair is one character");
        long[] ids = tok.Encode(text);
        Assert.That(ids.Length, Is.EqualTo(text.Length - 1));
        Assert.That(tok.Decode(ids), Is.EqualTo(text));
        using Tensor t = tok.EncodeToTensor("the earth");
        Assert.That(t.DType, Is.EqualTo(DType.Int64));
        Assert.That(tok.Decode(t), Is.EqualTo("the earth"));
        Assert.That(tok.Encode(" ")[0], Is.EqualTo(0), "space sorts first");
        var e = Assert.Throws<ArgumentException>(() => tok.Encode("xyz"));
        Assert.That(e!.Message, Does.Contain("'x'").And.Contain("position 0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => tok.Decode(new long[] { tok.VocabularySize }));
        Assert.Throws<ArgumentException>(() => _ = new CharacterTokenizer(""));
    }

    [Test]
    public void ByteTokenizerRoundTrip()
    {
        var tok = new ByteTokenizer();
        long[] ids = tok.Encode("aé");
        Assert.That(ids, Is.EqualTo(new long[] { 0x61, 0xC3, 0xA9 }));
        Assert.That(tok.Decode(ids), Is.EqualTo("aé"));
        Assert.Throws<ArgumentOutOfRangeException>(() => tok.Decode(new long[] { 256 }));
    }

    [Test]
    public void SequenceWindowsAndBatches([Values(1, 3)] int stride)
    {
        long[] tokens = Enumerable.Range(0, 12).Select(i => (long)i * 2).ToArray();
        using var ds = new TextSequenceDataset(tokens, blockSize: 4, stride: stride);
        Assert.That(ds.Count, Is.EqualTo((12 - 4 - 1) / stride + 1));
        Tensor[] item = ds.GetItem(1);
        long s = stride;
        Assert.That(item[0].ToArray<long>(), Is.EqualTo(Enumerable.Range(0, 4).Select(i => (s + i) * 2)));
        Assert.That(item[1].ToArray<long>(), Is.EqualTo(Enumerable.Range(1, 4).Select(i => (s + i) * 2)));
        BatchTensors.Dispose(item);

        var loader = DataLoader.Create(ds, batchSize: 2, shuffle: true, seed: 3, dropLast: true);
        var stacked = new DataLoader<Tensor[], Tensor[]>(ds, Collate.Stack, batchSize: 2, shuffle: true, seed: 3, dropLast: true);
        using var e1 = loader.GetEnumerator();
        using var e2 = stacked.GetEnumerator();
        while (e1.MoveNext())
        {
            Assert.That(e2.MoveNext(), Is.True);
            var (x, y) = e1.Current;
            Assert.That(x.Shape.ToArray(), Is.EqualTo(new long[] { 2, 4 }));
            Assert.That(x.ToArray<long>(), Is.EqualTo(e2.Current[0].ToArray<long>()));
            Assert.That(y.ToArray<long>(), Is.EqualTo(e2.Current[1].ToArray<long>()));
            BatchTensors.Dispose(e1.Current);
            BatchTensors.Dispose(e2.Current);
        }
    }

    [Test]
    public void SequenceValidation()
    {
        Assert.Throws<ArgumentException>(() => _ = new TextSequenceDataset(new long[] { 1, 2, 3 }, blockSize: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TextSequenceDataset(new long[] { 1, 2, 3 }, blockSize: 0));
        using Tensor floats = Tensor.Zeros(10);
        Assert.Throws<ArgumentException>(() => _ = new TextSequenceDataset(floats, blockSize: 2));
        using var ds = new TextSequenceDataset(new long[] { 1, 2, 3, 4 }, blockSize: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.GetBatch(new long[] { 0, 2 }));
    }
}
