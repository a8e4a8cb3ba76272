namespace Ember.FSharp.Tests

open NUnit.Framework
open Ember
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// Tensor's operators from F#: they follow PyTorch's promotion (an int64 literal keeps an integer
/// tensor integral, a float literal makes it float32).
[<TestFixture>]
type OperatorTests() =

    let mutable scope: DisposeScope = null

    [<SetUp>]
    member _.BeginScope() = scope <- DisposeScope.Begin()

    [<TearDown>]
    member _.EndScope() = scope.Dispose()

    [<Test>]
    member _.``a + b adds elementwise with broadcasting``() =
        let a = Tensor.ofList [ 2L; 2L ] [ 1.0f; 2.0f; 3.0f; 4.0f ]
        let b = Tensor.ofList [ 2L ] [ 10.0f; 20.0f ]
        a + b |> assertFloats [ 2L; 2L ] [ 11.0f; 22.0f; 13.0f; 24.0f ]

    [<Test>]
    member _.``a * 2.0 and 2.0 * a scale``() =
        let a = Tensor.ofList [ 3L ] [ 1.0f; -2.0f; 0.5f ]
        a * 2.0 |> assertFloats [ 3L ] [ 2.0f; -4.0f; 1.0f ]
        2.0 * a |> assertFloats [ 3L ] [ 2.0f; -4.0f; 1.0f ]

    [<Test>]
    member _.``-a negates``() =
        let a = Tensor.ofList [ 2L ] [ 1.5f; -3.0f ]
        -a |> assertFloats [ 2L ] [ -1.5f; 3.0f ]

    [<Test>]
    member _.``an int64 literal keeps int64, a float literal gives float32``() =
        let ints = Tensor.arange 3L
        ints + 1L |> assertLongs [ 3L ] [ 1L; 2L; 3L ]
        10L - ints |> assertLongs [ 3L ] [ 10L; 9L; 8L ]
        let promoted = ints * 0.5
        Assert.That(promoted.DType, Is.EqualTo DType.Float32)
        promoted |> assertFloats [ 3L ] [ 0.0f; 0.5f; 1.0f ]

    [<Test>]
    member _.``division of integers is true division``() =
        Tensor.arange 4L / 2L |> assertFloats [ 4L ] [ 0.0f; 0.5f; 1.0f; 1.5f ]

    [<Test>]
    member _.``a shape mismatch raises EmberShapeException``() =
        let a = Tensor.ones [ 3L ]
        let b = Tensor.ones [ 4L ]
        let error = Assert.Throws<EmberShapeException>(fun () -> a + b |> ignore)
        Assert.That(error.Message, Does.Contain "(3)" |> fun c -> c.And.Contain "(4)")
