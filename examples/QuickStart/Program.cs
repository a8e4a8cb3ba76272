// Ember quick start: fits y = X·w + b to noisy synthetic data by full-batch gradient descent,
// with the gradients written out by hand (the autograd engine will do this for you).
using Ember;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
EmberRuntime.UseLoggerFactory(loggerFactory);
var log = loggerFactory.CreateLogger("QuickStart");

Tensor.ManualSeed(42);
const long samples = 4096, features = 16;
using var trueW = Tensor.Randn(features, 1);
using var x = Tensor.Randn(samples, features);
using var noise = Tensor.Randn(samples, 1) * 0.1;
using var y = x.MatMul(trueW) + 0.5 + noise;   // true bias 0.5

using var w = Tensor.Zeros(features, 1);
using var b = Tensor.Zeros(1);
const double lr = 0.1;
for (int step = 0; step <= 200; step++)
{
    using var scope = DisposeScope.Begin();          // frees every temporary of this step
    var error = x.MatMul(w) + b - y;                 // [samples, 1]
    var loss = error.Square().Mean();
    var gradW = x.T.MatMul(error) * (2.0 / samples);
    var gradB = error.Mean() * 2.0;
    w.Sub_(gradW * lr);
    b.Sub_(gradB * lr);
    if (step % 40 == 0) log.LogInformation("step {Step,3}: loss {Loss:F6}", step, loss.Item<float>());
}

using var wError = (w - trueW).Abs().Max();
log.LogInformation("max |w - w_true| = {Error:F4}, bias = {Bias:F4} (true 0.5)", wError.Item<float>(), b.Item<float>());
Console.WriteLine($"weights (first 4): {w[..4].Flatten()}");
