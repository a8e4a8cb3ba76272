namespace Ember.FSharp.Tests

open System
open System.IO
open System.Text.Json
open NUnit.Framework
open Ember
open Ember.NN
open Ember.Optim
open Ember.Optim.Schedulers
open Ember.IO
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// One parameter and nothing else: its gradient is whatever the test's loss makes it.
type Weights(n: int64) as this =
    inherit Model()
    let w = this.AddParameter("w", Tensor.zeros [ n ])

    /// The parameter.
    member _.W = w

    override _.Forward x = x |> Tensor.mul w

/// Optimizers, their state, schedulers and checkpoints, driven from F#.
[<TestFixture>]
type OptimTests() =

    let mutable scope: DisposeScope = null

    let values (m: Module) =
        Layer.parameters m |> List.map (fun p -> p.ToArray<float32>())

    let batch () = Tensor.randn [ 8L; 4L ], Tensor.randint 0L 3L [ 8L ]

    [<SetUp>]
    member _.BeginScope() =
        scope <- DisposeScope.Begin()
        Tensor.ManualSeed 77UL

    [<TearDown>]
    member _.EndScope() = scope.Dispose()

    [<Test>]
    member _.``options records are built with F# property setters``() =
        let sgd = SGDOptions(LearningRate = 0.1, Momentum = 0.9, Nesterov = true)
        let adam = AdamOptions(LearningRate = 3e-4, Betas = (0.8, 0.99))
        use net = new TinyNet(4L, 3L)
        use optimizer = new SGD(Layer.parameters net, sgd)
        Assert.That(optimizer.Defaults.Momentum, Is.EqualTo 0.9)
        Assert.That(optimizer.Groups.[0].Options.Nesterov, Is.True)
        let struct (beta1, beta2) = adam.Betas
        Assert.That((beta1, beta2), Is.EqualTo((0.8, 0.99)))
        Assert.That(AdamWOptions().WeightDecay, Is.EqualTo 1e-2)
        Assert.Throws<ArgumentOutOfRangeException>(fun () ->
            new SGD(Layer.parameters net, SGDOptions(Nesterov = true)) |> ignore)
        |> ignore

    [<Test>]
    member _.``parameter groups from F# tuples step with their own learning rates``() =
        use net = new TinyNet(4L, 3L)
        let hidden = Layer.parameters (net.GetSubmodule "hidden")
        let rest = Layer.parameters net |> List.filter (fun p -> not (List.exists (fun h -> obj.ReferenceEquals(h, p)) hidden))
        use optimizer =
            new SGD(Optim.groups [ hidden, SGDOptions(LearningRate = 0.1); rest, SGDOptions(LearningRate = 0.0) ])

        Assert.That(Optim.learningRates optimizer, equal [ 0.1; 0.0 ])
        Assert.That(optimizer.Groups.[0].Parameters.Count, Is.EqualTo 2)
        Assert.That(optimizer.Groups.[1].Parameters.Count, Is.EqualTo 3)
        let x, y = batch ()
        // In group order: hidden.weight, hidden.bias, then scale, head.weight, head.bias.
        let ordered = hidden @ rest
        let snapshot () = ordered |> List.map (fun p -> p.ToArray<float32>())
        let before = snapshot ()
        Loss.crossEntropy (Layer.call net x) y |> Autograd.backward
        let grads = ordered |> List.map (fun p -> p.Grad.ToArray<float32>())
        optimizer.Step()
        let after = snapshot ()
        // Group 0 moved by -0.1 * grad; group 1 (lr 0) did not move.
        for i in 0..1 do
            let expected = Array.map2 (fun b g -> b - 0.1f * g) before.[i] grads.[i]
            Assert.That(after.[i], (equal expected).Within(1e-6f))
            Assert.That(grads.[i] |> Array.exists (fun g -> g <> 0.0f), Is.True)
        for i in 2..4 do
            Assert.That(after.[i], equal before.[i])
            Assert.That(grads.[i] |> Array.exists (fun g -> g <> 0.0f), Is.True)

        Optim.setLearningRate 0.5 optimizer
        Assert.That(Optim.learningRates optimizer, equal [ 0.5; 0.5 ])

    [<Test>]
    member _.``an optimizer's state round-trips and training continues identically``() =
        use a = new TinyNet(4L, 3L)
        use optA = new Adam(Layer.parameters a, AdamOptions(LearningRate = 0.01, Amsgrad = true))
        let data = [ for _ in 1..5 -> batch () ]
        let train (net: TinyNet) optimizer batches =
            for x, y in batches do
                Train.step optimizer (fun () -> Loss.crossEntropy (Layer.call net x) y) |> ignore

        train a optA (List.take 3 data)
        use state = optA.StateDict()
        let keys = state.Tensors.Keys |> Seq.sort |> List.ofSeq
        Assert.That(keys.Length, Is.EqualTo(5 * 3), "exp_avg, exp_avg_sq and max_exp_avg_sq of 5 parameters")
        Assert.That(keys, Does.Contain "state.0.exp_avg")
        Assert.That(keys, Does.Contain "state.4.max_exp_avg_sq")
        use json = JsonDocument.Parse(state.Json)
        let group = json.RootElement.GetProperty("param_groups").[0]
        Assert.That(json.RootElement.GetProperty("optimizer").GetString(), Is.EqualTo "Adam")
        Assert.That(group.GetProperty("steps").EnumerateArray() |> Seq.map (fun s -> s.GetInt64()) |> List.ofSeq, equal [ 3L; 3L; 3L; 3L; 3L ])

        // A second model with a's weights, and an optimizer restored from a's state (its lr included).
        use b = new TinyNet(4L, 3L)
        b.LoadStateDict(a.StateDict()) |> ignore
        use optB = new Adam(Layer.parameters b, AdamOptions(LearningRate = 0.5))
        optB.LoadStateDict(state)
        Assert.That(Optim.learningRates optB, equal [ 0.01 ])
        Assert.That(optB.Groups.[0].Options.Amsgrad, Is.True)
        // A control with the same weights but a fresh optimizer: its trajectory must differ.
        use c = new TinyNet(4L, 3L)
        c.LoadStateDict(a.StateDict()) |> ignore
        use optC = new Adam(Layer.parameters c, AdamOptions(LearningRate = 0.01, Amsgrad = true))

        train a optA (List.skip 3 data)
        train b optB (List.skip 3 data)
        train c optC (List.skip 3 data)
        Assert.That(values b, equal (values a))
        Assert.That(values c, Is.Not.EqualTo(values a))

        use sgd = new SGD(Layer.parameters c)
        Assert.Throws<ArgumentException>(fun () -> sgd.LoadStateDict(state)) |> ignore

    [<Test>]
    member _.``a checkpoint of an F# model, optimizer and scheduler resumes training``() =
        let path = Path.Combine(Path.GetTempPath(), $"ember-fsharp-{Guid.NewGuid():N}.safetensors")
        try
            let data = [ for _ in 1..6 -> batch () ]
            let run (net: TinyNet) (optimizer: Optimizer) (scheduler: LRScheduler) batches =
                for x, y in batches do
                    Train.step optimizer (fun () -> Loss.crossEntropy (Layer.call net x) y) |> ignore
                    scheduler.Step()

            use a = new TinyNet(4L, 3L)
            use optA = new SGD(Layer.parameters a, SGDOptions(LearningRate = 0.2, Momentum = 0.9))
            let schedA = StepLR(optA, 2L, gamma = 0.5)
            run a optA schedA (List.take 3 data)
            Assert.That(Optim.learningRates optA, equal [ 0.1 ], "0.2 halved after two steps")
            Checkpoint.Save(path, a, optA, schedA, epoch = 1L, step = 3L)

            use b = new TinyNet(4L, 3L)
            use optB = new SGD(Layer.parameters b, SGDOptions(LearningRate = 0.2, Momentum = 0.9))
            let schedB = StepLR(optB, 2L, gamma = 0.5)
            let info = Checkpoint.Load(path, b, optB, schedB)
            Assert.That((info.Epoch, info.Step), Is.EqualTo((1L, 3L)))
            Assert.That(schedB.LastEpoch, Is.EqualTo 3L)
            Assert.That(Optim.learningRates optB, equal [ 0.1 ])
            Assert.That(values b, equal (values a))

            run a optA schedA (List.skip 3 data)
            run b optB schedB (List.skip 3 data)
            Assert.That(Optim.learningRates optB, equal (Optim.learningRates optA))
            Assert.That(values b, equal (values a))
        finally
            File.Delete path

    [<Test>]
    member _.``clipGradNorm rescales the gradients and returns the norm before``() =
        use m = new Weights(2L)
        Layer.call m (Tensor.ofList [ 2L ] [ 3.0f; 4.0f ]) |> Tensor.sum |> Autograd.backward
        Assert.That(m.W.Grad.ToArray<float32>(), equal [| 3.0f; 4.0f |])
        Assert.That(Optim.clipGradNorm 1.0 m, Is.EqualTo(5.0).Within(1e-6))
        Assert.That(m.W.Grad.ToArray<float32>(), (equal [| 0.6f; 0.8f |]).Within(1e-6f))
        Assert.That(Optim.clipGradNorm 10.0 m, Is.EqualTo(1.0).Within(1e-6), "below the bound nothing changes")
        Assert.That(m.W.Grad.ToArray<float32>(), (equal [| 0.6f; 0.8f |]).Within(1e-6f))
