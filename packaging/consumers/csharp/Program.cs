// Linear regression with Ember.NN.Linear, MSE loss and Ember.Optim.SGD; prints "final loss: X".
using Ember;
using Ember.Native;
using Ember.NN;
using Ember.Optim;

Tensor.ManualSeed(0);
using var x = Tensor.Randn(512, 3);
using var trueW = Tensor.From(new float[] { 2, -1, 0.5f }, 3, 1);
using var y = x.MatMul(trueW) + 1.0;
var model = new Linear(3, 1);
var sgd = new SGD(model.Parameters(), lr: 0.1);
float loss = float.NaN;
for (int step = 0; step < 200; step++)
{
    using var scope = DisposeScope.Begin();
    sgd.ZeroGrad();
    var l = Functional.MseLoss(model.Forward(x), y);
    l.Backward();
    sgd.Step();
    loss = l.Item<float>();
}
Console.WriteLine($"native library: {NativeLibraryResolver.LoadedPath}");
Console.WriteLine($"final loss: {loss:E3}");
// Where the loader took the native libraries from (the package, not the system).
foreach (string path in File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
             .Where(f => f.Length >= 6).Select(f => f[5]).Distinct().Where(p => p.Contains("libember") || p.Contains("libdnnl")))
    Console.WriteLine($"mapped: {path}");
