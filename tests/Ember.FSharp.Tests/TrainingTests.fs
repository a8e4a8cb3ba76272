namespace Ember.FSharp.Tests

open System
open NUnit.Framework
open Ember
open Ember.NN
open Ember.Data
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// A model written in F#: two registered layers, an own parameter and a buffer.
type TinyNet(inputs: int64, classes: int64) as this =
    inherit Model()
    let hidden = this.AddModule("hidden", new Linear(inputs, 8L))
    let head = this.AddModule("head", new Linear(8L, classes))
    let scale = this.AddParameter("scale", Tensor.ones [ 1L ])
    do this.AddBuffer("seen", Tensor.zeros [ 1L ]) |> ignore
    do this.AddBuffer("scratch", Tensor.zeros [ 1L ], persistent = false) |> ignore

    override _.Forward x =
        x |> Layer.call hidden |> Tensor.relu |> Layer.call head |> Tensor.mul scale

/// A model that creates a layer but forgets to register it.
type Forgetful() as this =
    inherit Model()
    let used = this.AddModule("used", new Linear(2L, 2L))
    let forgotten = new Linear(2L, 2L)
    do this.AddParameter("late", Tensor.zeros [ 1L ]) |> ignore

    override _.Forward x = x |> Layer.call used |> Layer.call forgotten

/// The F# model, layer, loss, data and training helpers.
[<TestFixture>]
type TrainingTests() =

    let mutable scope: DisposeScope = null

    let names (pairs: (string * Tensor) list) = pairs |> List.map fst

    [<SetUp>]
    member _.BeginScope() = scope <- DisposeScope.Begin()

    [<TearDown>]
    member _.EndScope() = scope.Dispose()

    [<Test>]
    member _.``a model defined in F# registers its parameters, buffers and submodules``() =
        use net = new TinyNet(4L, 3L)
        // PyTorch's order: the module's own members first, then each child's.
        Assert.That(
            Layer.namedParameters net |> names,
            equal [ "scale"; "hidden.weight"; "hidden.bias"; "head.weight"; "head.bias" ]
        )
        Assert.That(
            net.StateDict().Keys |> List.ofSeq,
            equal [ "scale"; "seen"; "hidden.weight"; "hidden.bias"; "head.weight"; "head.bias" ]
        )
        Assert.That(Layer.parameterCount net, Is.EqualTo(1L + 4L * 8L + 8L + 8L * 3L + 3L))
        Assert.That(Layer.parameters net |> List.forall (fun p -> p.RequiresGrad), Is.True)
        Assert.That(net.Children() |> Seq.length, Is.EqualTo 2)
        let output = net |> Layer.call <| Tensor.randn [ 5L; 4L ]
        Assert.That(output |> Tensor.shape, equal [ 5L; 3L ])

    [<Test>]
    member _.``the state dict of an F# model round-trips``() =
        use a = new TinyNet(4L, 3L)
        use b = new TinyNet(4L, 3L)
        let result = b.LoadStateDict(a.StateDict())
        Assert.That(result.MissingKeys, Is.Empty)
        Assert.That(result.UnexpectedKeys, Is.Empty)
        let x = Tensor.randn [ 2L; 4L ]
        Assert.That((Layer.call b x).ToArray<float32>(), equal ((Layer.call a x).ToArray<float32>()))

    [<Test>]
    member _.``an unregistered submodule of an F# model is reported``() =
        use net = new Forgetful()
        Assert.Throws<InvalidOperationException>(fun () -> Layer.call net (Tensor.zeros [ 1L; 2L ]) |> ignore)
        |> ignore

    [<Test>]
    member _.``sequential from an F# list, with a function layer``() =
        use net =
            NN.sequential
                [ new Linear(4L, 6L) 
                  Layer.ofFunction "Relu" Tensor.relu
                  new Linear(6L, 2L)  ]

        Assert.That(net.Count, Is.EqualTo 3)
        Assert.That(Layer.namedParameters net |> names, equal [ "0.weight"; "0.bias"; "2.weight"; "2.bias" ])
        Assert.That(net.ToString(), Does.Contain "(1): Relu()")
        let y = Tensor.randn [ 3L; 4L ] |> Layer.call net
        Assert.That(y |> Tensor.shape, equal [ 3L; 2L ])

    [<Test>]
    member _.``train and eval return the module and switch every submodule``() =
        use net = NN.sequential [ new Dropout(0.5)  ]
        Assert.That((net |> Layer.eval).Training, Is.False)
        Assert.That(net.[0].Training, Is.False)
        Assert.That((net |> Layer.train).[0].Training, Is.True)

    [<Test>]
    member _.``losses match Ember's functional losses``() =
        let logits = Tensor.ofList [ 2L; 3L ] [ 1.0f; 2.0f; 0.5f; -1.0f; 0.0f; 3.0f ]
        let targets = Tensor.ofArray [| 1L; 2L |]
        let item (t: Tensor) = t.Item<float32>()
        Assert.That(Loss.crossEntropy logits targets |> item, Is.EqualTo(Functional.CrossEntropy(logits, targets) |> item))
        Assert.That(
            Loss.crossEntropyWithSmoothing 0.1 logits targets |> item,
            Is.EqualTo(Functional.CrossEntropy(logits, targets, labelSmoothing = 0.1) |> item)
        )
        let logProbabilities = logits |> Tensor.logSoftmax 1
        Assert.That(Loss.nllLoss logProbabilities targets |> item, Is.EqualTo(Loss.crossEntropy logits targets |> item).Within(1e-6f))
        let a = Tensor.ofList [ 2L ] [ 1.0f; 3.0f ]
        let b = Tensor.ofList [ 2L ] [ 2.0f; 1.0f ]
        Assert.That(Loss.mseLoss a b |> item, Is.EqualTo 2.5f)
        Assert.That(Loss.l1Loss a b |> item, Is.EqualTo 1.5f)
        Assert.That(
            Loss.binaryCrossEntropyWithLogits a (Tensor.ofList [ 2L ] [ 1.0f; 0.0f ]) |> item,
            Is.EqualTo(Functional.BinaryCrossEntropyWithLogits(a, Tensor.ofList [ 2L ] [ 1.0f; 0.0f ]) |> item)
        )

    [<Test>]
    member _.``metrics count the rows predicted right``() =
        let logits = Tensor.ofList [ 3L; 2L ] [ 1.0f; 0.0f; 0.0f; 1.0f; 2.0f; 1.0f ]
        let targets = Tensor.ofArray [| 0L; 0L; 0L |]
        Assert.That(Metrics.correct logits targets, Is.EqualTo 2L)
        Assert.That(Metrics.accuracy logits targets, Is.EqualTo(2.0 / 3.0).Within(1e-12))
        Assert.Throws<ArgumentException>(fun () ->
            Metrics.accuracy (Tensor.zeros [ 0L; 2L ]) (Tensor.zerosOf DType.Int64 [ 0L ]) |> ignore)
        |> ignore

    [<Test>]
    member _.``withEvalMode runs without recording in eval mode and restores both modes``() =
        use net = new TinyNet(4L, 3L)
        let x = Tensor.randn [ 2L; 4L ]
        let output, training, recording =
            Train.withEvalMode net (fun () -> Layer.call net x, net.Training, Autograd.isGradEnabled ())

        Assert.That(output.RequiresGrad, Is.False)
        Assert.That(output.GradFn, Is.Null)
        Assert.That(training, Is.False)
        Assert.That(recording, Is.False)
        Assert.That(net.Training, Is.True)
        Assert.That(Autograd.isGradEnabled (), Is.True)
        Assert.That((Layer.call net x).RequiresGrad, Is.True)

    [<Test>]
    member _.``withEvalMode restores the modes when the function throws``() =
        use net = new TinyNet(4L, 3L)
        Assert.Throws<InvalidOperationException>(fun () ->
            Train.withEvalMode net (fun () -> raise (InvalidOperationException "boom")) |> ignore)
        |> ignore
        Assert.That(net.Training, Is.True)
        Assert.That(Autograd.isGradEnabled (), Is.True)

    [<Test>]
    member _.``data pairs are tuples disposed once the loop moves on``() =
        use data = new TensorDataset(Tensor.randn [ 10L; 3L ], Tensor.arange 10L)
        let loader = DataLoader.Create(data, batchSize = 4)
        let seen = Collections.Generic.List<Tensor * Tensor>()
        let mutable rows = 0L
        for x, y in Data.pairs loader do
            Assert.That(x.IsDisposed || y.IsDisposed, Is.False)
            rows <- rows + (y |> Tensor.shape |> List.head)
            seen.Add((x, y))

        Assert.That(rows, Is.EqualTo 10L)
        Assert.That(seen.Count, Is.EqualTo 3)
        Assert.That(seen |> Seq.forall (fun (x, y) -> x.IsDisposed && y.IsDisposed), Is.True)

    [<Test>]
    member _.``leaving a loop early disposes the current batch``() =
        use data = new TensorDataset(Tensor.randn [ 10L; 3L ], Tensor.arange 10L)
        let loader = DataLoader.Create(data, batchSize = 2, shuffle = true, seed = 7UL)
        let first = Data.batches loader |> Seq.head
        Assert.That(first |> Array.forall (fun t -> t.IsDisposed), Is.True)
        // Each enumeration is an epoch; a given epoch's order is reproducible.
        let labels epoch =
            Data.epoch epoch loader |> Seq.map (fun b -> b.[1].ToArray<int64>()) |> Array.concat
        Assert.That(labels 3L, equal (labels 3L))
        Assert.That(labels 3L |> Array.sort, equal [| 0L .. 9L |])

/// XOR needs a hidden layer: an F# model with a tanh between two registered layers.
type XorNet() as this =
    inherit Model()
    let hidden = this.AddModule("hidden", new Linear(2L, 8L))
    let output = this.AddModule("output", new Linear(8L, 1L))

    override _.Forward x =
        x |> Layer.call hidden |> Tensor.tanh |> Layer.call output

/// F# models trained with the loop helpers until they have learned their problem.
[<TestFixture>]
type FitTests() =

    let mutable scope: DisposeScope = null

    [<SetUp>]
    member _.BeginScope() =
        scope <- DisposeScope.Begin()
        Tensor.ManualSeed 1234UL

    [<TearDown>]
    member _.EndScope() = scope.Dispose()

    [<Test>]
    member _.``an F# model learns XOR with Adam``() =
        use net = new XorNet()
        let x = Tensor.ofList [ 4L; 2L ] [ 0.0f; 0.0f; 0.0f; 1.0f; 1.0f; 0.0f; 1.0f; 1.0f ]
        let y = Tensor.ofList [ 4L; 1L ] [ 0.0f; 1.0f; 1.0f; 0.0f ]
        use optimizer = new Optim.Adam(Layer.parameters net, Optim.AdamOptions(LearningRate = 0.05))
        let loss () = Loss.binaryCrossEntropyWithLogits (Layer.call net x) y
        let losses = [ for _ in 1..300 -> Train.step optimizer loss ]

        Assert.That(List.head losses, Is.GreaterThan 0.5, "the untrained net guesses")
        Assert.That(List.last losses, Is.LessThan 0.02, "the trained net is sure")
        let predicted =
            Train.withEvalMode net (fun () -> Layer.call net x |> Tensor.sigmoid |> Tensor.toArray<float32>)
        Assert.That(predicted |> Array.map (fun p -> if p > 0.5f then 1 else 0), equal [| 0; 1; 1; 0 |])

    [<Test>]
    member _.``linear regression over a data loader recovers the true weights``() =
        let x = Tensor.randn [ 512L; 3L ]
        let trueWeight = Tensor.ofList [ 3L; 1L ] [ 2.0f; -3.0f; 0.5f ]
        let y = x |> Tensor.matmul trueWeight |> Tensor.add (Tensor.full [ 1L ] 1.25)
        use data = new TensorDataset(x, y)
        let loader = DataLoader.Create(data, batchSize = 32, shuffle = true, seed = 5UL)
        use model = new Linear(3L, 1L)
        use optimizer = new Optim.SGD(Layer.parameters model, Optim.SGDOptions(LearningRate = 0.05, Momentum = 0.9))
        let history = [ for _ in 1..20 -> Data.pairs loader |> Train.epoch model Loss.mseLoss optimizer ]

        let first, last = List.head history, List.last history
        Assert.That(first.Samples, Is.EqualTo 512L)
        Assert.That(first.Batches, Is.EqualTo 16L)
        Assert.That(first.Correct, Is.EqualTo None, "regression has no accuracy")
        Assert.That(first.Loss, Is.GreaterThan 1.0)
        Assert.That(last.Loss, Is.LessThan 1e-6)
        Assert.That(model.Weight.ToArray<float32>(), (equal [| 2.0f; -3.0f; 0.5f |]).Within(1e-3f))
        Assert.That(model.Bias.ToArray<float32>(), (equal [| 1.25f |]).Within(1e-3f))

    [<Test>]
    member _.``a classifier's epochs report the loss and accuracy they measured``() =
        // Two well separated blobs: class 0 around (-2, -2), class 1 around (2, 2).
        let labels = Tensor.arange 200L |> Tensor.toArray<int64> |> Array.map (fun i -> i % 2L) |> Tensor.ofArray
        let centers = labels.To(DType.Float32).Unsqueeze(1) * 4.0 - 2.0
        let x = Tensor.randn [ 200L; 2L ] * 0.5 + centers
        use data = new TensorDataset(x, labels)
        let loader = DataLoader.Create(data, batchSize = 50, shuffle = true, seed = 9UL)
        use model = NN.sequential [ new Linear(2L, 2L) ]
        use optimizer = new Optim.SGD(Layer.parameters model, Optim.SGDOptions(LearningRate = 0.1))
        let before = Data.pairs loader |> Train.evaluate model Loss.crossEntropy
        let sizes = Collections.Generic.List<int64 * int64>()
        let trained =
            Data.pairs loader
            |> Train.epochWith (fun b -> sizes.Add((b.Index, b.Size))) model Loss.crossEntropy optimizer
        for _ in 1..10 do
            Data.pairs loader |> Train.epoch model Loss.crossEntropy optimizer |> ignore
        model.ZeroGrad()
        let after = Data.pairs loader |> Train.evaluate model Loss.crossEntropy

        Assert.That(List.ofSeq sizes, equal [ 0L, 50L; 1L, 50L; 2L, 50L; 3L, 50L ])
        Assert.That(trained.Batches, Is.EqualTo 4L)
        Assert.That(after.Samples, Is.EqualTo 200L)
        Assert.That(after.Loss, Is.LessThan(before.Loss / 4.0))
        Assert.That(after.Accuracy, Is.EqualTo(Some 1.0))
        // evaluate's numbers are those of the whole data set at once.
        let logits = Autograd.noGrad (fun () -> Layer.call model x)
        Assert.That(after.Loss, Is.EqualTo(Loss.crossEntropy logits labels |> Tensor.item<float32> |> float).Within(1e-5))
        Assert.That(after.Correct, Is.EqualTo(Some(Metrics.correct logits labels)))
        Assert.That(Layer.parameters model |> List.forall (fun p -> isNull p.Grad), Is.True, "evaluate records nothing")
        Assert.That(model.Training, Is.True, "evaluate restores the training mode")

    [<Test>]
    member _.``the loops free each batch's intermediate tensors``() =
        use data = new TensorDataset(Tensor.randn [ 64L; 4L ], Tensor.randint 0L 3L [ 64L ])
        let loader = DataLoader.Create(data, batchSize = 16)
        use net = new TinyNet(4L, 3L)
        use optimizer = new Optim.Adam(Layer.parameters net)
        Data.pairs loader |> Train.epoch net Loss.crossEntropy optimizer |> ignore
        let live = scope.Count
        for _ in 1..3 do
            Data.pairs loader |> Train.epoch net Loss.crossEntropy optimizer |> ignore
            Data.pairs loader |> Train.evaluate net Loss.crossEntropy |> ignore
        Assert.That(scope.Count, Is.EqualTo live, "no tensor of the passes is left in the caller's scope")

    [<Test>]
    member _.``the records print their fields without printf``() =
        let stats = { Loss = 0.25; Correct = Some 9L; Samples = 10L; Batches = 2L; Elapsed = TimeSpan.FromSeconds 1.5 }
        Assert.That(string stats, Is.EqualTo "{ Loss = 0.25; Correct = Some 9; Samples = 10; Batches = 2; Elapsed = 00:00:01.5000000 }")
        Assert.That(string { stats with Correct = None }, Does.Contain "Correct = None;")
        Assert.That(string { Index = 3L; Loss = 0.5; Size = 100L }, Is.EqualTo "{ Index = 3; Loss = 0.5; Size = 100 }")

    [<Test>]
    member _.``pairs rejects batches that are not pairs``() =
        use data = new TensorDataset(Tensor.zeros [ 4L; 2L ], Tensor.zeros [ 4L ], Tensor.zeros [ 4L ])
        let loader = DataLoader.Create(data, batchSize = 2)
        let e = Assert.Throws<ArgumentException>(fun () -> Data.pairs loader |> Seq.iter ignore)
        Assert.That(e.Message, Does.StartWith "expected batches of 2 tensors, got 3")
