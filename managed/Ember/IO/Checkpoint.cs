using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ember.NN;
using Ember.Optim;
using Ember.Optim.Schedulers;

namespace Ember.IO;

/// <summary>What <see cref="Checkpoint.Load"/> restored besides the tensors.</summary>
/// <param name="Epoch">The epoch count saved (epochs completed).</param>
/// <param name="Step">The optimizer step count saved.</param>
/// <param name="Metadata">The caller's own metadata saved with the checkpoint.</param>
public sealed record CheckpointInfo(long Epoch, long Step, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// A training checkpoint in one safetensors file: the model's state dict, the optimizer's state
/// (its tensors and hyperparameters), the LR scheduler's state, the epoch and step counters and
/// the default random generator's state, so that training resumed from it continues bit for bit
/// as if it had not stopped (at an epoch boundary: the data loader's order depends only on its
/// seed and the epoch). The file is an ordinary safetensors file whose tensors are named
/// <c>model.*</c> and <c>optimizer.*</c>; PyTorch reads it with <c>safetensors.torch.load_file</c>.
/// </summary>
/// <remarks>
/// Saving writes a temporary file and renames it over the target, so a crash never leaves a
/// half-written checkpoint. Loading validates the file (see docs/safetensors.md), then the model
/// strictly (names and shapes), the optimizer (parameter counts and shapes) and the format version.
/// </remarks>
public static class Checkpoint
{
    private const string FormatKey = "ember.checkpoint";
    private const string FormatValue = "1";
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";
    private const string UserPrefix = "user.";

    /// <summary>Saves a checkpoint.</summary>
    /// <param name="path">The file to write (replaced atomically).</param>
    /// <param name="model">The model.</param>
    /// <param name="optimizer">The optimizer, or null.</param>
    /// <param name="scheduler">The learning-rate scheduler, or null.</param>
    /// <param name="epoch">Epochs completed.</param>
    /// <param name="step">Optimizer steps taken.</param>
    /// <param name="metadata">Extra string metadata of the caller's, returned by <see cref="Load"/>.</param>
    /// <exception cref="EmberIOException">The file cannot be written.</exception>
    public static void Save(string path, Module model, Optimizer? optimizer = null, LRScheduler? scheduler = null,
                            long epoch = 0, long step = 0, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new Dictionary<string, Tensor>();
        var meta = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
        };
        var (seed, offset) = Generator.Default.GetState();
        meta["rng"] = string.Create(CultureInfo.InvariantCulture, $"{seed}:{offset}");
        try
        {
            foreach (var (name, tensor) in model.StateDict()) tensors[ModelPrefix + name] = tensor;
            if (optimizer is not null)
            {
                OptimizerStateDict state = optimizer.StateDict();
                foreach (var (name, tensor) in state.Tensors) tensors[OptimizerPrefix + name] = tensor;
                meta["optimizer"] = state.Json;
            }

            if (scheduler is not null) meta["scheduler"] = scheduler.StateDict();
            if (metadata is not null)
            {
                foreach (var (key, value) in metadata) meta[UserPrefix + key] = value;
            }

            SafeTensors.Save(path, tensors, meta);
        }
        finally
        {
            foreach (Tensor t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Loads a checkpoint into <paramref name="model"/> (strictly), <paramref name="optimizer"/>,
    /// <paramref name="scheduler"/> and the default generator.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="model">The model to restore (same architecture as saved).</param>
    /// <param name="optimizer">The optimizer to restore (over the model's parameters), or null to skip.</param>
    /// <param name="scheduler">The scheduler to restore, or null to skip.</param>
    /// <returns>The epoch, step and the caller's metadata.</returns>
    /// <exception cref="EmberIOException">The file is missing, corrupt, not a checkpoint, or lacks a requested part.</exception>
    public static CheckpointInfo Load(string path, Module model, Optimizer? optimizer = null, LRScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        using SafeTensorsFile file = SafeTensors.Open(path, memoryMap: false);
        var meta = file.Metadata;
        if (!meta.TryGetValue(FormatKey, out string? format))
            throw new EmberIOException($"{path}: not an Ember checkpoint (no '{FormatKey}' metadata)");
        if (format != FormatValue)
            throw new EmberIOException($"{path}: checkpoint format version {format} is not supported (this Ember reads version {FormatValue})");

        Dictionary<string, Tensor> all = file.ReadAll();
        try
        {
            var modelState = Part(all, ModelPrefix);
            model.LoadStateDict(modelState, strict: true);
            if (optimizer is not null)
            {
                if (!meta.TryGetValue("optimizer", out string? json))
                    throw new EmberIOException($"{path}: the checkpoint holds no optimizer state");
                optimizer.LoadStateDict(new OptimizerStateDict(Part(all, OptimizerPrefix), json));
            }

            if (scheduler is not null)
            {
                if (!meta.TryGetValue("scheduler", out string? state))
                    throw new EmberIOException($"{path}: the checkpoint holds no scheduler state");
                scheduler.LoadStateDict(state);
            }

            if (meta.TryGetValue("rng", out string? rng))
            {
                string[] parts = rng.Split(':');
                if (parts.Length != 2 || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed) ||
                    !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong offset))
                    throw new EmberIOException($"{path}: bad generator state '{rng}'");
                Generator.Default.SetState(seed, offset);
            }

            var user = meta.Where(kv => kv.Key.StartsWith(UserPrefix, StringComparison.Ordinal))
                           .ToDictionary(kv => kv.Key[UserPrefix.Length..], kv => kv.Value);
            return new CheckpointInfo(Counter(meta, "epoch", path), Counter(meta, "step", path), user);
        }
        finally
        {
            foreach (Tensor t in all.Values) t.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Part(Dictionary<string, Tensor> all, string prefix) =>
        all.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);

    private static long Counter(IReadOnlyDictionary<string, string> meta, string key, string path) =>
        meta.TryGetValue(key, out string? v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new EmberIOException($"{path}: missing or bad '{key}' in the checkpoint metadata");
}
