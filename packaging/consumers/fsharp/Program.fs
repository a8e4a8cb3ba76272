// Linear regression with Ember.NN.Linear, MSE loss and Ember.Optim.SGD from F#, in Ember.FSharp's
// dispose scopes; prints "final loss: X".
open Ember
open Ember.Native
open Ember.NN
open Ember.Optim

[<EntryPoint>]
let main _ =
    Tensor.ManualSeed 0UL
    use x = Tensor.Randn(512L, 3L)
    use trueW = Tensor.From([| 2.0f; -1.0f; 0.5f |], 3L, 1L)
    use y = x.MatMul(trueW) + 1.0
    use model = new Linear(3L, 1L)
    use sgd = new SGD(model.Parameters(), lr = 0.1)
    let mutable loss = nan
    for _ in 1 .. 200 do
        use _scope = DisposeScope.Begin()
        sgd.ZeroGrad()
        let l = Functional.MseLoss(model.Forward x, y)
        l.Backward()
        sgd.Step()
        loss <- float (l.Item<float32>())
    printfn "native library: %s" NativeLibraryResolver.LoadedPath
    printfn "final loss: %.3e" loss
    0
