namespace Ember.FSharp.Tests

open NUnit.Framework
open Ember
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// F# slicing (Ember.FSharp.TensorSlicing): ranges include their end, so t.[1..2] is PyTorch's t[1:3].
/// Expected values are PyTorch's for t = torch.arange(12).reshape(3, 4).
[<TestFixture>]
type SlicingTests() =

    let mutable scope: DisposeScope = null

    let t () = Tensor.arange 12L |> Tensor.view [ 3L; 4L ]

    [<SetUp>]
    member _.BeginScope() = scope <- DisposeScope.Begin()

    [<TearDown>]
    member _.EndScope() = scope.Dispose()

    [<Test>]
    member _.``t.[1..2, *] is t[1:3, :]``() =
        (t ()).[1..2, *] |> assertLongs [ 2L; 4L ] [ 4L; 5L; 6L; 7L; 8L; 9L; 10L; 11L ]

    [<Test>]
    member _.``t.[0, 1..] is t[0, 1:]``() =
        (t ()).[0, 1..] |> assertLongs [ 3L ] [ 1L; 2L; 3L ]

    [<Test>]
    member _.``t.[*, 1] is a column``() =
        (t ()).[*, 1] |> assertLongs [ 3L ] [ 1L; 5L; 9L ]

    [<Test>]
    member _.``t.[..1] is t[:2]``() =
        (t ()).[..1] |> assertLongs [ 2L; 4L ] [ 0L; 1L; 2L; 3L; 4L; 5L; 6L; 7L ]

    [<Test>]
    member _.``t.[1, 2] indexes an element``() =
        Assert.That((t ()).[1, 2] |> Tensor.item<int64>, Is.EqualTo 6L)

    [<Test>]
    member _.``a slice is a view``() =
        let m = t ()
        let slice = m.[1..2, 1..2]
        Assert.That(slice.SharesStorage m, Is.True)
        slice.Fill_(0L) |> ignore
        m |> assertLongs [ 3L; 4L ] [ 0L; 1L; 2L; 3L; 4L; 0L; 0L; 7L; 8L; 0L; 0L; 11L ]

    [<Test>]
    member _.``assigning to a slice copies and broadcasts``() =
        let m = t ()
        m.[0..1, *] <- Tensor.fullInt [ 4L ] -1L
        m.[*, 3] <- Tensor.fullInt [ 1L ] 100L
        m |> assertLongs [ 3L; 4L ] [ -1L; -1L; -1L; 100L; -1L; -1L; -1L; 100L; 8L; 9L; 10L; 100L ]
