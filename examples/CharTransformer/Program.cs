// A character-level transformer language model (a small GPT): trained on the King James Bible,
// which Debian's bible-kjv package ships, it reports training and validation loss and then
// samples text from what it learned.
//
//   dotnet run --project examples/CharTransformer -c Release -- [--steps 600] [--text file.txt]
//       [--chars 1000000] [--layers 2] [--dim 128] [--heads 4] [--block 64] [--batch 32]
using System.Diagnostics;
using System.Text;
using Ember;
using Ember.Data;
using Ember.Data.Datasets;
using Ember.Distributions;
using Ember.Examples;
using Ember.NN;
using Ember.Optim;
using Microsoft.Extensions.Logging;

var o = Options.Parse(args);
using var console = new ExampleConsole("CharTransformer");
var log = console.Log;
Tensor.ManualSeed(o.Seed);

string text = o.TextPath is not null ? File.ReadAllText(o.TextPath) : BibleText(log);
if (text.Length > o.Chars) text = text[..o.Chars];
var tokenizer = new CharacterTokenizer(text);
long[] tokens = tokenizer.Encode(text);
int split = (int)(tokens.Length * 0.9);
using var trainData = new TextSequenceDataset(tokens.AsSpan(0, split), o.Block, stride: 1);
using var validData = new TextSequenceDataset(tokens.AsSpan(split), o.Block, stride: o.Block);
log.LogInformation("{Chars:N0} characters, vocabulary {Vocab}, {Train:N0} training windows", text.Length, tokenizer.VocabularySize, trainData.Count);

using var model = new CharTransformer(tokenizer.VocabularySize, o.Block, o.Dim, o.Heads, o.Layers);
log.LogInformation("model: {Parameters:N0} parameters", model.Parameters().Sum(p => p.Numel()));
using var optimizer = new AdamW(model.Parameters(), lr: o.LearningRate, weightDecay: 0.01);
var scheduler = new Ember.Optim.Schedulers.CosineAnnealingLR(optimizer, tMax: o.Steps);
var loader = DataLoader.Create(trainData, batchSize: o.Batch, shuffle: true, dropLast: true, seed: o.Seed);

var clock = Stopwatch.StartNew();
int step = 0;
double recent = 0;
console.WithProgress("training", o.Steps, report =>
{
    for (long epoch = 0; step < o.Steps; epoch++)
    {
        foreach (var batch in loader.GetEpoch(epoch))
        {
            using var scope = DisposeScope.Begin();
            scope.Attach(batch[0]);
            scope.Attach(batch[1]);
            var loss = model.Loss(batch[0], batch[1]);
            optimizer.ZeroGrad();
            loss.Backward();
            Ember.NN.Utils.ClipGradNorm(model.Parameters(), 1.0);
            optimizer.Step();
            scheduler.Step();
            recent = step == 0 ? loss.Item<float>() : 0.95 * recent + 0.05 * loss.Item<float>();
            step++;
            report(step, $"loss {recent:F3}");
            if (step % o.EvalEvery == 0 || step == o.Steps)
            {
                log.LogInformation("step {Step}: train loss {Train:F4}, validation loss {Valid:F4}, {Rate:F1} steps/s",
                    step, recent, model.Evaluate(validData), step / clock.Elapsed.TotalSeconds);
            }

            if (step >= o.Steps) break;
        }
    }
});

double valid = model.Evaluate(validData);
Console.WriteLine($"validation loss: {valid:F4} (uniform guess: {Math.Log(tokenizer.VocabularySize):F4})");
Console.WriteLine("sample:");
Console.WriteLine(model.Sample(tokenizer, prompt: "And God said", length: o.SampleLength, temperature: 0.8));
return 0;

// The whole Bible as plain text, from Debian's bible-kjv (the `bible` program).
static string BibleText(ILogger log)
{
    var start = new ProcessStartInfo("bible", "-l 10000 gen1:1-rev22:21") { RedirectStandardOutput = true, UseShellExecute = false };
    try
    {
        using var process = Process.Start(start)!;
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0 && text.Length > 0) return text;
    }
    catch (System.ComponentModel.Win32Exception)
    {
    }

    log.LogError("The `bible` program (Debian packages bible-kjv bible-kjv-text) was not found; pass --text FILE instead.");
    throw new FileNotFoundException("bible-kjv is not installed");
}

/// <summary>
/// A decoder-only transformer over characters: token and position embeddings, pre-norm
/// transformer layers with a causal mask, a final layer norm and a linear head.
/// </summary>
sealed class CharTransformer : Module<Tensor, Tensor>
{
    private readonly Embedding tokens, positions;
    private readonly TransformerEncoder blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
    private readonly Tensor causalMask;

    public CharTransformer(int vocabulary, int block, int dim, int heads, int layers)
    {
        Block = block;
        tokens = RegisterModule("tokens", new Embedding(vocabulary, dim));
        positions = RegisterModule("positions", new Embedding(block, dim));
        var layer = new TransformerEncoderLayer(dim, heads, dimFeedforward: 4 * dim, dropout: 0.1,
                                                activation: TransformerActivation.Gelu, batchFirst: true, normFirst: true);
        blocks = RegisterModule("blocks", new TransformerEncoder(layer, layers));
        norm = RegisterModule("norm", new LayerNorm(dim));
        head = RegisterModule("head", new Linear(dim, vocabulary));
        causalMask = RegisterBuffer("causal_mask", TransformerStacks.GenerateSquareSubsequentMask(block), persistent: false)!;
    }

    public int Block { get; }

    /// <summary>Logits (batch, time, vocabulary) for token ids (batch, time).</summary>
    public override Tensor Forward(Tensor ids)
    {
        using var scope = DisposeScope.Begin();
        long t = ids.Size(1);
        var x = tokens.Call(ids) + positions.Call(Tensor.Arange(t));
        var mask = causalMask.Narrow(0, 0, t).Narrow(1, 0, t);
        x = blocks.Forward(x, mask, isCausal: true);
        return scope.Keep(head.Call(norm.Call(x)));
    }

    /// <summary>Mean cross entropy of predicting each next character.</summary>
    public Tensor Loss(Tensor inputs, Tensor targets)
    {
        using var scope = DisposeScope.Begin();
        var logits = Call(inputs);
        return scope.Keep(Functional.CrossEntropy(logits.Flatten(0, 1), targets.Flatten()));
    }

    /// <summary>Mean loss over a data set, in evaluation mode.</summary>
    public double Evaluate(TextSequenceDataset data)
    {
        Eval();
        using var _ = Autograd.NoGrad();
        double sum = 0;
        long batches = 0;
        foreach (var batch in DataLoader.Create(data, batchSize: 64))
        {
            using var scope = DisposeScope.Begin();
            scope.Attach(batch[0]);
            scope.Attach(batch[1]);
            sum += Loss(batch[0], batch[1]).Item<float>();
            batches++;
        }

        Train();
        return sum / Math.Max(1, batches);
    }

    /// <summary>Continues <paramref name="prompt"/> by sampling one character at a time.</summary>
    public string Sample(CharacterTokenizer tokenizer, string prompt, int length, double temperature)
    {
        Eval();
        using var _ = Autograd.NoGrad();
        var ids = new List<long>(tokenizer.Encode(prompt));
        var text = new StringBuilder(prompt);
        for (int i = 0; i < length; i++)
        {
            using var scope = DisposeScope.Begin();
            int start = Math.Max(0, ids.Count - Block);
            var context = Tensor.From(ids.GetRange(start, ids.Count - start).ToArray()).Unsqueeze(0);
            var logits = Call(context).Select(1, -1).Squeeze(0) / temperature;
            using var next = Categorical.FromLogits(logits);
            long id = next.Sample().Item<long>();
            ids.Add(id);
            text.Append(tokenizer.Decode([id]));
        }

        Train();
        return text.ToString();
    }
}

sealed record Options(int Steps, string? TextPath, int Chars, int Layers, int Dim, int Heads, int Block, int Batch,
                      double LearningRate, int EvalEvery, int SampleLength, ulong Seed)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(600, null, 1_000_000, 2, 128, 4, 64, 32, 3e-3, 200, 300, 7);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next());
            o = args[i] switch
            {
                "--steps" => o with { Steps = Int() },
                "--text" => o with { TextPath = Next() },
                "--chars" => o with { Chars = Int() },
                "--layers" => o with { Layers = Int() },
                "--dim" => o with { Dim = Int() },
                "--heads" => o with { Heads = Int() },
                "--block" => o with { Block = Int() },
                "--batch" => o with { Batch = Int() },
                "--lr" => o with { LearningRate = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--eval-every" => o with { EvalEvery = Int() },
                "--sample-length" => o with { SampleLength = Int() },
                "--seed" => o with { Seed = ulong.Parse(Next()) },
                _ => throw new ArgumentException($"unknown option {args[i]} (see the comment at the top of Program.cs)"),
            };
        }

        return o;
    }
}
