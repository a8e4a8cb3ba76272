namespace Ember.FSharp

open System
open System.Diagnostics
open Ember
open Ember.NN
open Ember.Optim

/// What one pass over the data measured (<c>Train.epoch</c>, <c>Train.evaluate</c>).
type EpochStats =
    {
        /// The mean loss per sample: each batch's (mean-reduced) loss weighted by its size; NaN when there was no data.
        Loss: float
        /// How many rows were classified right; <c>None</c> unless the targets are class indices
        /// (an int64 vector) and the outputs logits (N, C).
        Correct: int64 option
        /// The number of samples (rows of the targets).
        Samples: int64
        /// The number of batches.
        Batches: int64
        /// The wall-clock time of the pass.
        Elapsed: TimeSpan
    }

    /// The share of rows classified right, in [0, 1]; <c>None</c> when <c>Correct</c> is.
    member this.Accuracy: float option =
        this.Correct |> Option.map (fun c -> float c / float this.Samples)

    /// Samples per second.
    member this.Throughput: float = float this.Samples / this.Elapsed.TotalSeconds

    // Written out rather than the record's generated ToString, which formats with sprintf "%+A":
    // that walks the value by reflection, which trimming and NativeAOT cannot see through.
    /// <summary>The fields, e.g. <c>{ Loss = 0.1234; Correct = Some 950; Samples = 1000; Batches = 10; Elapsed = 00:00:01.5 }</c>.</summary>
    override this.ToString() =
        let correct = match this.Correct with Some c -> "Some " + string c | None -> "None"
        String.Format(Globalization.CultureInfo.InvariantCulture, "{{ Loss = {0}; Correct = {1}; Samples = {2}; Batches = {3}; Elapsed = {4} }}",
                      this.Loss, correct, this.Samples, this.Batches, this.Elapsed)

/// One batch's outcome, passed to the callback of <c>Train.epochWith</c>.
type BatchResult =
    {
        /// The batch's position in the pass, from 0.
        Index: int64
        /// The batch's loss.
        Loss: float
        /// The batch's number of samples.
        Size: int64
    }

    // Not the generated sprintf "%+A" (see EpochStats.ToString).
    /// <summary>The fields, e.g. <c>{ Index = 3; Loss = 0.25; Size = 100 }</c>.</summary>
    override this.ToString() =
        String.Format(Globalization.CultureInfo.InvariantCulture, "{{ Index = {0}; Loss = {1}; Size = {2} }}", this.Index, this.Loss, this.Size)

/// <summary>
/// Training and evaluation loops over (input, target) batches, such as <c>Data.pairs loader</c>:
/// <c>Data.pairs loader |> Train.epoch model Loss.crossEntropy optimizer</c>. Every batch runs in
/// its own <c>DisposeScope</c>, so the intermediate tensors of the forward and backward passes are
/// freed batch by batch; the numbers come back as .NET values.
/// </summary>
[<RequireQualifiedAccess>]
module Train =

    /// <summary>
    /// One optimizer step (<c>zero_grad</c>, loss, <c>backward</c>, <c>step</c>) for a loss computed by
    /// <c>computeLoss</c>, inside a dispose scope that frees every tensor the step created; returns the loss.
    /// For full-batch training: <c>for _ in 1 .. 500 do Train.step opt (fun () -> Loss.mseLoss (Layer.call model x) y) |> ignore</c>.
    /// </summary>
    let step (optimizer: Optimizer) (computeLoss: unit -> Tensor) : float =
        use _ = DisposeScope.Begin()
        optimizer.ZeroGrad()
        let loss = computeLoss ()
        Autograd.backward loss
        optimizer.Step()
        loss.Item<float>()

    /// <summary>
    /// Runs <c>f</c> with the model in evaluation mode (<c>model.eval()</c>: dropout off, batch norm
    /// on its running statistics) and without recording (<c>torch.no_grad()</c>), then restores the
    /// model's mode and the grad mode, even if <c>f</c> throws.
    /// </summary>
    let withEvalMode (model: Module) (f: unit -> 'T) : 'T =
        let wasTraining = model.Training
        model.Eval() |> ignore
        try
            Autograd.noGrad f
        finally
            model.Train(wasTraining) |> ignore

    /// The pass shared by training (with an optimizer) and evaluation (without).
    let private pass
        (afterBatch: BatchResult -> unit)
        (model: Module<Tensor, Tensor>)
        (lossFunction: Tensor -> Tensor -> Tensor)
        (optimizer: Optimizer option)
        (batches: seq<Tensor * Tensor>)
        : EpochStats =
        let clock = Stopwatch.StartNew()
        let mutable lossSum = 0.0
        let mutable correct = Some 0L
        let mutable samples = 0L
        let mutable index = 0L

        for input, target in batches do
            use _ = DisposeScope.Begin()
            let output = model.Call input
            let loss = lossFunction output target

            match optimizer with
            | Some optimizer ->
                optimizer.ZeroGrad()
                Autograd.backward loss
                optimizer.Step()
            | None -> ()

            let size = if target.Dim = 0 then 1L else target.Size 0
            let value = loss.Item<float>()
            lossSum <- lossSum + value * float size
            samples <- samples + size

            correct <-
                match correct with
                | Some c when target.DType = DType.Int64 && target.Dim = 1 && output.Dim = 2 ->
                    Some(c + Autograd.noGrad (fun () -> Metrics.correct output target))
                | _ -> None

            afterBatch { Index = index; Loss = value; Size = size }
            index <- index + 1L

        { Loss = (if samples = 0L then nan else lossSum / float samples)
          Correct = (if samples = 0L then None else correct)
          Samples = samples
          Batches = index
          Elapsed = clock.Elapsed }

    /// <summary>
    /// Trains the model for one pass over <c>batches</c> like <c>epoch</c>, calling
    /// <c>afterBatch</c> after each optimizer step: to step a per-batch learning-rate schedule
    /// (<c>OneCycleLR</c>) or report progress.
    /// </summary>
    let epochWith
        (afterBatch: BatchResult -> unit)
        (model: Module<Tensor, Tensor>)
        (lossFunction: Tensor -> Tensor -> Tensor)
        (optimizer: Optimizer)
        (batches: seq<Tensor * Tensor>)
        : EpochStats =
        model.Train() |> ignore
        pass afterBatch model lossFunction (Some optimizer) batches

    /// <summary>
    /// Trains the model for one pass over <c>batches</c>: puts it in training mode, then for each
    /// (input, target) batch computes <c>lossFunction (model input) target</c> (a mean-reduced loss
    /// such as <c>Loss.crossEntropy</c>), clears the gradients, runs backward and steps the
    /// optimizer. Returns the epoch's mean loss, and its accuracy for classification.
    /// </summary>
    let epoch
        (model: Module<Tensor, Tensor>)
        (lossFunction: Tensor -> Tensor -> Tensor)
        (optimizer: Optimizer)
        (batches: seq<Tensor * Tensor>)
        : EpochStats =
        epochWith ignore model lossFunction optimizer batches

    /// <summary>
    /// Measures the model on <c>batches</c> in evaluation mode and without recording (see
    /// <c>withEvalMode</c>): the mean loss, and the accuracy for classification. Nothing is trained.
    /// </summary>
    let evaluate
        (model: Module<Tensor, Tensor>)
        (lossFunction: Tensor -> Tensor -> Tensor)
        (batches: seq<Tensor * Tensor>)
        : EpochStats =
        withEvalMode model (fun () -> pass ignore model lossFunction None batches)
