using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Ember.Optim;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON of the optimizer options and state-dict documents.</summary>
[JsonSourceGenerationOptions(IncludeFields = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SGDOptions))]
[JsonSerializable(typeof(AdamOptions))]
[JsonSerializable(typeof(AdamWOptions))]
[JsonSerializable(typeof(RMSpropOptions))]
[JsonSerializable(typeof(AdagradOptions))]
[JsonSerializable(typeof(OptimizerStateDocument))]
internal sealed partial class OptimJson : JsonSerializerContext;

/// <summary>The JSON half of an <see cref="OptimizerStateDict"/>: what is not a tensor.</summary>
internal sealed class OptimizerStateDocument
{
    [JsonPropertyName("optimizer")]
    public string Optimizer { get; set; } = "";

    [JsonPropertyName("param_groups")]
    public List<ParamGroupDocument> ParamGroups { get; set; } = [];
}

/// <summary>One group: its options (the optimizer's record as JSON), parameter indices and step counts.</summary>
internal sealed class ParamGroupDocument
{
    [JsonPropertyName("params")]
    public List<int> Params { get; set; } = [];

    [JsonPropertyName("steps")]
    public List<long> Steps { get; set; } = [];

    [JsonPropertyName("initial_lr")]
    public double? InitialLr { get; set; }

    [JsonPropertyName("options")]
    public System.Text.Json.JsonElement Options { get; set; }
}
