namespace Ember.FSharp

open Ember

/// F# slicing for Ember tensors: <c>t.[1..2, *]</c>, <c>t.[0, 1..]</c>, <c>t.[*, 1]</c> (plain
/// indexing, <c>t.[0]</c> and <c>t.[1, 2]</c>, is Tensor's own indexer). F# ranges include their end:
/// <c>t.[1..2]</c> is PyTorch's <c>t[1:3]</c>. Slices are views; writing through a slice
/// (<c>t.[0..1, *] &lt;- v</c>) copies <c>v</c> into the selection, broadcasting it.
[<AutoOpen>]
module TensorSlicing =

    let inline private slice (start: int option) (finish: int option) =
        TensorIndex.Slice(
            (match start with Some s -> System.Nullable(int64 s) | None -> System.Nullable()),
            (match finish with Some f -> System.Nullable(int64 f + 1L) | None -> System.Nullable()),
            1L)

    let inline private single (i: int) = TensorIndex.Single(int64 i)

    let private get (t: Tensor) (indices: TensorIndex[]) : Tensor = t.Elements(indices)

    let private set (t: Tensor) (indices: TensorIndex[]) (value: Tensor) = t.Elements(indices) <- value

    type Tensor with

        /// The index of the element <c>offset</c> places before the last one along <c>dim</c>: F#'s
        /// <c>^offset</c> in slices (a preview language feature in current F#).
        member t.GetReverseIndex(dim: int, offset: int) : int = int (t.Size dim) - 1 - offset


        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option) : Tensor = get t [| slice s0 f0 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, value: Tensor) = set t [| slice s0 f0 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option) : Tensor = get t [| single i0; slice s1 f1 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, value: Tensor) = set t [| single i0; slice s1 f1 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int) : Tensor = get t [| slice s0 f0; single i1 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, value: Tensor) = set t [| slice s0 f0; single i1 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option) : Tensor = get t [| slice s0 f0; slice s1 f1 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, value: Tensor) = set t [| slice s0 f0; slice s1 f1 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, i1: int, s2: int option, f2: int option) : Tensor = get t [| single i0; single i1; slice s2 f2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, i1: int, s2: int option, f2: int option, value: Tensor) = set t [| single i0; single i1; slice s2 f2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option, i2: int) : Tensor = get t [| single i0; slice s1 f1; single i2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, i2: int, value: Tensor) = set t [| single i0; slice s1 f1; single i2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option, s2: int option, f2: int option) : Tensor = get t [| single i0; slice s1 f1; slice s2 f2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, s2: int option, f2: int option, value: Tensor) = set t [| single i0; slice s1 f1; slice s2 f2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int, i2: int) : Tensor = get t [| slice s0 f0; single i1; single i2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, i2: int, value: Tensor) = set t [| slice s0 f0; single i1; single i2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int, s2: int option, f2: int option) : Tensor = get t [| slice s0 f0; single i1; slice s2 f2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, s2: int option, f2: int option, value: Tensor) = set t [| slice s0 f0; single i1; slice s2 f2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option, i2: int) : Tensor = get t [| slice s0 f0; slice s1 f1; single i2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, i2: int, value: Tensor) = set t [| slice s0 f0; slice s1 f1; single i2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option, s2: int option, f2: int option) : Tensor = get t [| slice s0 f0; slice s1 f1; slice s2 f2 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, s2: int option, f2: int option, value: Tensor) = set t [| slice s0 f0; slice s1 f1; slice s2 f2 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, i1: int, i2: int, s3: int option, f3: int option) : Tensor = get t [| single i0; single i1; single i2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, i1: int, i2: int, s3: int option, f3: int option, value: Tensor) = set t [| single i0; single i1; single i2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, i1: int, s2: int option, f2: int option, i3: int) : Tensor = get t [| single i0; single i1; slice s2 f2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, i1: int, s2: int option, f2: int option, i3: int, value: Tensor) = set t [| single i0; single i1; slice s2 f2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, i1: int, s2: int option, f2: int option, s3: int option, f3: int option) : Tensor = get t [| single i0; single i1; slice s2 f2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, i1: int, s2: int option, f2: int option, s3: int option, f3: int option, value: Tensor) = set t [| single i0; single i1; slice s2 f2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option, i2: int, i3: int) : Tensor = get t [| single i0; slice s1 f1; single i2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, i2: int, i3: int, value: Tensor) = set t [| single i0; slice s1 f1; single i2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option, i2: int, s3: int option, f3: int option) : Tensor = get t [| single i0; slice s1 f1; single i2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, i2: int, s3: int option, f3: int option, value: Tensor) = set t [| single i0; slice s1 f1; single i2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option, s2: int option, f2: int option, i3: int) : Tensor = get t [| single i0; slice s1 f1; slice s2 f2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, s2: int option, f2: int option, i3: int, value: Tensor) = set t [| single i0; slice s1 f1; slice s2 f2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(i0: int, s1: int option, f1: int option, s2: int option, f2: int option, s3: int option, f3: int option) : Tensor = get t [| single i0; slice s1 f1; slice s2 f2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(i0: int, s1: int option, f1: int option, s2: int option, f2: int option, s3: int option, f3: int option, value: Tensor) = set t [| single i0; slice s1 f1; slice s2 f2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int, i2: int, i3: int) : Tensor = get t [| slice s0 f0; single i1; single i2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, i2: int, i3: int, value: Tensor) = set t [| slice s0 f0; single i1; single i2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int, i2: int, s3: int option, f3: int option) : Tensor = get t [| slice s0 f0; single i1; single i2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, i2: int, s3: int option, f3: int option, value: Tensor) = set t [| slice s0 f0; single i1; single i2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int, s2: int option, f2: int option, i3: int) : Tensor = get t [| slice s0 f0; single i1; slice s2 f2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, s2: int option, f2: int option, i3: int, value: Tensor) = set t [| slice s0 f0; single i1; slice s2 f2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, i1: int, s2: int option, f2: int option, s3: int option, f3: int option) : Tensor = get t [| slice s0 f0; single i1; slice s2 f2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, i1: int, s2: int option, f2: int option, s3: int option, f3: int option, value: Tensor) = set t [| slice s0 f0; single i1; slice s2 f2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option, i2: int, i3: int) : Tensor = get t [| slice s0 f0; slice s1 f1; single i2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, i2: int, i3: int, value: Tensor) = set t [| slice s0 f0; slice s1 f1; single i2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option, i2: int, s3: int option, f3: int option) : Tensor = get t [| slice s0 f0; slice s1 f1; single i2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, i2: int, s3: int option, f3: int option, value: Tensor) = set t [| slice s0 f0; slice s1 f1; single i2; slice s3 f3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option, s2: int option, f2: int option, i3: int) : Tensor = get t [| slice s0 f0; slice s1 f1; slice s2 f2; single i3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, s2: int option, f2: int option, i3: int, value: Tensor) = set t [| slice s0 f0; slice s1 f1; slice s2 f2; single i3 |] value

        /// A view of the selection (F# slice syntax; ranges include their end).
        member t.GetSlice(s0: int option, f0: int option, s1: int option, f1: int option, s2: int option, f2: int option, s3: int option, f3: int option) : Tensor = get t [| slice s0 f0; slice s1 f1; slice s2 f2; slice s3 f3 |]

        /// Copies <c>value</c> into the selection, broadcasting it.
        member t.SetSlice(s0: int option, f0: int option, s1: int option, f1: int option, s2: int option, f2: int option, s3: int option, f3: int option, value: Tensor) = set t [| slice s0 f0; slice s1 f1; slice s2 f2; slice s3 f3 |] value
