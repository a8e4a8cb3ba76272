// Ember quick start: PyTorch's tensor API in C#.
using Ember;
using Microsoft.Extensions.Logging;

// Native log lines (and which library was loaded) go to any ILogger.
using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
EmberRuntime.UseLoggerFactory(loggerFactory);

// Every tensor created inside the scope is disposed when it ends, unless kept.
using (var scope = DisposeScope.Begin())
{
    // Creation: factories, from .NET arrays, ranges.
    var a = Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } });
    var b = Tensor.Ones(2, 2);
    var r = Tensor.Arange(0, 12).Reshape(3, 4);
    Console.WriteLine(a);                         // tensor([[1., 2.],
                                                  //         [3., 4.]])

    // Arithmetic with broadcasting and PyTorch's type promotion.
    Console.WriteLine(a * 2 + b);                 // float32 stays float32
    Console.WriteLine(r + 1);                     // int64 + int stays int64
    Console.WriteLine(r / 2);                     // true division gives float32
    Console.WriteLine((a.MatMul(a.T) - 1).Relu());

    // Indexing: integers, ranges, Python-style strings, masks; writes go through views.
    Console.WriteLine(r[0]);                      // first row
    Console.WriteLine(r[.., ^1]);                 // last column
    Console.WriteLine(r["1:, ::2"]);              // rows 1.., every other column
    r[r > 8] = 0;                                 // masked assignment
    Console.WriteLine(r);

    // Reductions and friends.
    Console.WriteLine(a.Sum());
    Console.WriteLine(a.Mean(dim: 0));
    var (values, indices) = a.Max(dim: 1);
    Console.WriteLine($"{values} {indices}");
    Console.WriteLine(a.Softmax(-1));

    // Data back to .NET.
    float[] flat = a.ToArray<float>();
    Console.WriteLine(string.Join(", ", flat));
    Console.WriteLine(a.Sum().Item<float>());

    // Keep a result beyond the scope.
    var result = scope.Keep(a.Exp());
    Console.WriteLine(result);
    result.Dispose();
}

// Random numbers are reproducible.
Tensor.ManualSeed(42);
using var noise = Tensor.Randn(2, 3);
Console.WriteLine(noise);

// Errors carry the runtime's message.
try
{
    using var x = Tensor.Zeros(2, 3);
    using var y = Tensor.Zeros(4);
    using var z = x + y;
}
catch (EmberShapeException e)
{
    Console.WriteLine($"{e.GetType().Name}: {e.Message}");
}

var stats = EmberRuntime.GetAllocatorStats();
Console.WriteLine($"live tensors: {stats.LiveTensors}, peak bytes: {stats.PeakBytesInUse}, finalized: {Tensor.FinalizedCount}");
