using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ember.Optim.Schedulers;

// Source-generated JSON contracts: the scheduler state round-trips without reflection (AOT-safe).
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
internal sealed partial class SchedulerJson : JsonSerializerContext
{
}
