// Training in idiomatic F#: a multilayer perceptron, written as an F# model whose layers are
// registered in its constructor, learns Fashion-MNIST (Debian's dataset-fashion-mnist) on the CPU
// with AdamW and a one-cycle learning-rate schedule. The loops are Ember.FSharp's Train.epochWith
// and Train.evaluate over Data.pairs (each batch in its own dispose scope); every number is computed
// by Ember's native kernels. It logs each epoch's loss and accuracy and ends with the line
// "test accuracy: NN.NN%". Two epochs over the 60,000 training images take well under a minute on
// two cores.
//
//   EMBER_NATIVE_PATH=build/lib dotnet run --project examples/FSharpTraining -c Release -- \
//       [--epochs 2] [--batch-size 128] [--lr 0.003] [--hidden 256] [--limit N] [--seed 42]
//       [--data /usr/share/datasets/fashion-mnist] [--checkpoint path]
//
// --limit N trains on the first N training images only (the test set stays whole); --checkpoint
// saves the model, optimizer and schedule at the end (Ember.IO.Checkpoint).
open System
open System.Diagnostics
open System.Globalization
open System.IO
open Microsoft.Extensions.Logging
open Ember
open Ember.NN
open Ember.Data
open Ember.Data.Datasets
open Ember.IO
open Ember.Optim
open Ember.Optim.Schedulers
open Ember.FSharp
open Ember.Examples

/// The command line.
type Options =
    { Epochs: int
      BatchSize: int
      LearningRate: float
      Hidden: int64
      Limit: int64 option
      Seed: uint64
      Root: string
      Checkpoint: string option }

    static member Default =
        { Epochs = 2
          BatchSize = 128
          LearningRate = 3e-3
          Hidden = 256L
          Limit = None
          Seed = 42UL
          Root = FashionMnist.DefaultRoot
          Checkpoint = None }

/// Reads "--name value" pairs over the defaults.
let rec parse (options: Options) (args: string list) : Options =
    let number (s: string) = Double.Parse(s, CultureInfo.InvariantCulture)
    match args with
    | [] -> options
    | "--epochs" :: v :: rest -> parse { options with Epochs = int v } rest
    | "--batch-size" :: v :: rest -> parse { options with BatchSize = int v } rest
    | "--lr" :: v :: rest -> parse { options with LearningRate = number v } rest
    | "--hidden" :: v :: rest -> parse { options with Hidden = int64 v } rest
    | "--limit" :: v :: rest -> parse { options with Limit = Some(int64 v) } rest
    | "--seed" :: v :: rest -> parse { options with Seed = uint64 v } rest
    | "--data" :: v :: rest -> parse { options with Root = v } rest
    | "--checkpoint" :: v :: rest -> parse { options with Checkpoint = Some v } rest
    | arg :: _ -> invalidArg "args" $"unknown option or missing value: {arg} (see the comment at the top of Program.fs)"

/// The classifier: 28x28 images -> hidden ReLU layer with dropout -> 10 logits. The layers are
/// registered under their names, so they are trained, saved ("fc1.weight"...) and printed.
type Mlp(hidden: int64, classes: int64) as this =
    inherit Model()
    let flatten = this.AddModule("flatten", new Flatten())
    let fc1 = this.AddModule("fc1", new Linear(28L * 28L, hidden))
    let dropout = this.AddModule("dropout", new Dropout(0.2))
    let fc2 = this.AddModule("fc2", new Linear(hidden, classes))

    override _.Forward images =
        images
        |> Layer.call flatten
        |> Layer.call fc1
        |> Tensor.relu
        |> Layer.call dropout
        |> Layer.call fc2

/// A split as float32 images normalised with the training set's mean and standard deviation.
let load (root: string) (train: bool) (limit: int64 option) : TensorDataset =
    let mean, std = 0.2860, 0.3530
    use raw = new FashionMnist(root, train, ImageFormat.Float32)
    let n = min raw.Count (defaultArg limit raw.Count)
    use _ = DisposeScope.Begin()
    // The data set keeps aliases of its own, so the scope may free these tensors and the temporaries.
    new TensorDataset((raw.Images.Narrow(0, 0L, n) - mean) / std, raw.Labels.Narrow(0, 0L, n).Clone())

/// An accuracy in percent (the loops measure one for classification).
let percent (stats: EpochStats) : float = 100.0 * Option.defaultValue nan stats.Accuracy

/// Trains and tests the model; returns the exit code.
let run (options: Options) : int =
    // ILogger output, and a progress bar on an interactive console (log lines otherwise, as in CI).
    use console = new ExampleConsole("FSharpTraining")
    let log = console.Log

    if not (Directory.Exists options.Root) then
        log.LogError("Fashion-MNIST not found in {Root}: install Debian's dataset-fashion-mnist (./build.sh deps does).", options.Root)
        2
    else
        let clock = Stopwatch.StartNew()
        Tensor.ManualSeed options.Seed
        log.LogInformation("Ember {Version}, CPU kernels {Isa}, {Threads} threads", EmberRuntime.Version, EmberRuntime.CpuIsa, EmberRuntime.NumThreads)

        use train = load options.Root true options.Limit
        use test = load options.Root false None
        let trainLoader = DataLoader.Create(train, batchSize = options.BatchSize, shuffle = true, seed = options.Seed)
        let testLoader = DataLoader.Create(test, batchSize = 1000)
        log.LogInformation("train {Train} images ({Batches} batches of {BatchSize}), test {Test} images", train.Count, trainLoader.Count, options.BatchSize, test.Count)

        use model = new Mlp(options.Hidden, 10L)
        log.LogInformation("model: {Parameters:N0} parameters\n{Model}", Layer.parameterCount model, model)

        use optimizer = new AdamW(Layer.parameters model, AdamWOptions(LearningRate = options.LearningRate, WeightDecay = 1e-4))
        let schedule = OneCycleLR(optimizer, options.LearningRate, totalSteps = int64 options.Epochs * trainLoader.Count)

        for epoch in 1 .. options.Epochs do
            // Step the schedule after each batch and report progress.
            let mutable trained = Unchecked.defaultof<EpochStats>
            console.WithProgress(sprintf "epoch %d/%d" epoch options.Epochs, trainLoader.Count, fun report ->
                let mutable lossSum = 0.0
                let afterBatch (b: BatchResult) =
                    schedule.Step()
                    lossSum <- lossSum + b.Loss
                    report.Invoke(b.Index + 1L, sprintf "loss %.4f, lr %.3g" (lossSum / float (b.Index + 1L)) (List.head (Optim.learningRates optimizer)))
                trained <- Data.pairs trainLoader |> Train.epochWith afterBatch model Loss.crossEntropy optimizer)
            let tested = Data.pairs testLoader |> Train.evaluate model Loss.crossEntropy
            log.LogInformation(
                "epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4}, accuracy {TrainAccuracy:F2}%; test loss {TestLoss:F4}, accuracy {TestAccuracy:F2}%; {Rate:N0} images/s ({Seconds:F1} s)",
                epoch, options.Epochs, trained.Loss, percent trained, tested.Loss, percent tested, trained.Throughput, trained.Elapsed.TotalSeconds)

        options.Checkpoint
        |> Option.iter (fun path ->
            Checkpoint.Save(path, model, optimizer, schedule, epoch = int64 options.Epochs, step = schedule.LastEpoch)
            log.LogInformation("checkpoint saved to {Path}", path))

        let final = Data.pairs testLoader |> Train.evaluate model Loss.crossEntropy
        log.LogInformation("done in {Seconds:F1} s", clock.Elapsed.TotalSeconds)
        printfn "test accuracy: %.2f%%" (percent final)
        0

[<EntryPoint>]
let main argv =
    match (try Ok(parse Options.Default (List.ofArray argv)) with :? ArgumentException as e -> Error e.Message) with
    | Ok options -> run options
    | Error message ->
        eprintfn "%s" message
        2
