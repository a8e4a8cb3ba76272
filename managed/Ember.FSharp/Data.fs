namespace Ember.FSharp

open Ember
open Ember.Data

/// <summary>
/// Data loaders as F# sequences whose batches are disposed for you:
/// <c>for x, y in Data.pairs loader do ...</c>. Each enumeration of a sequence is one epoch of the
/// loader (a new shuffle); a batch's tensors are disposed when the loop moves to the next batch,
/// leaves early, or throws, so keep (<c>Clone</c>) a tensor that must outlive its iteration.
/// </summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Data =

    /// The batches of the loader's next epoch, each disposed once the loop is done with it.
    let batches (loader: DataLoader<'TSample, 'TBatch>) : seq<'TBatch> =
        seq {
            // The `for` disposes the loader's enumerator (stopping its workers) however the loop ends.
            for batch in loader do
                try
                    yield batch
                finally
                    BatchTensors.Dispose(box batch)
        }

    /// The batches of a given epoch (the shuffle of that epoch, whatever was enumerated before).
    let epoch (epoch: int64) (loader: DataLoader<'TSample, 'TBatch>) : seq<'TBatch> =
        seq {
            for batch in loader.GetEpoch(epoch) do
                try
                    yield batch
                finally
                    BatchTensors.Dispose(box batch)
        }

    /// <summary>Two-tensor batches (input, target) of a loader over a <c>TensorDataset</c> of two
    /// tensors (such as <c>FashionMnist</c>) as F# tuples, each disposed once the loop is done with it:
    /// the input of <c>Train.epoch</c> and <c>Train.evaluate</c>.</summary>
    /// <exception cref="T:System.ArgumentException">A batch does not hold exactly two tensors.</exception>
    let pairs (loader: DataLoader<'TSample, Tensor[]>) : seq<Tensor * Tensor> =
        batches loader
        |> Seq.map (function
            | [| input; target |] -> input, target
            // Concatenation, not an interpolated string: F# formats those with printf, which
            // works by reflection (trim and NativeAOT warnings in every application using this).
            | batch -> invalidArg (nameof loader) ("expected batches of 2 tensors, got " + string batch.Length))
