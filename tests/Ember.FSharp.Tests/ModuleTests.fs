namespace Ember.FSharp.Tests

open NUnit.Framework
open Ember
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// The Ember.FSharp Tensor module: PyTorch's names, the tensor last so that pipelines read left to right.
[<TestFixture>]
type ModuleTests() =

    let mutable scope: DisposeScope = null

    [<SetUp>]
    member _.BeginScope() = scope <- DisposeScope.Begin()

    [<TearDown>]
    member _.EndScope() = scope.Dispose()

    [<Test>]
    member _.``creation functions``() =
        Tensor.zeros [ 2L; 2L ] |> assertFloats [ 2L; 2L ] [ 0.0f; 0.0f; 0.0f; 0.0f ]
        Tensor.ones [ 3L ] |> assertFloats [ 3L ] [ 1.0f; 1.0f; 1.0f ]
        Tensor.full [ 2L ] 2.5 |> assertFloats [ 2L ] [ 2.5f; 2.5f ]
        Tensor.fullInt [ 2L ] 7L |> assertLongs [ 2L ] [ 7L; 7L ]
        Tensor.eye 2L |> assertFloats [ 2L; 2L ] [ 1.0f; 0.0f; 0.0f; 1.0f ]
        Tensor.linspace 0.0 1.0 5L |> assertFloats [ 5L ] [ 0.0f; 0.25f; 0.5f; 0.75f; 1.0f ]
        Tensor.arangeFloat 0.0 1.0 0.5 |> assertFloats [ 2L ] [ 0.0f; 0.5f ]
        Assert.That(Tensor.zerosOf DType.Int16 [ 2L ] |> Tensor.dtype, Is.EqualTo DType.Int16)

    [<Test>]
    member _.``ofArray infers the dtype from the F# element type``() =
        Assert.That(Tensor.ofArray [| 1.0; 2.0 |] |> Tensor.dtype, Is.EqualTo DType.Float64)
        Assert.That(Tensor.ofArray [| 1.0f |] |> Tensor.dtype, Is.EqualTo DType.Float32)
        Assert.That(Tensor.ofArray [| 1L |] |> Tensor.dtype, Is.EqualTo DType.Int64)
        Assert.That(Tensor.ofArray [| true |] |> Tensor.dtype, Is.EqualTo DType.Bool)
        Tensor.ofArray2D (array2D [ [ 1.0f; 2.0f ]; [ 3.0f; 4.0f ] ]) |> assertFloats [ 2L; 2L ] [ 1.0f; 2.0f; 3.0f; 4.0f ]

    [<Test>]
    member _.``a pipeline reads left to right``() =
        let rowSums =
            Tensor.arange 6L
            |> Tensor.view [ 2L; 3L ]
            |> Tensor.sumDim 1
            |> Tensor.toArray<int64>
        Assert.That(rowSums, equal [| 3L; 12L |])

        let total = Tensor.ones [ 2L; 3L ] |> Tensor.exp |> Tensor.log |> Tensor.sum |> Tensor.item<float32>
        Assert.That(total, Is.EqualTo(6.0f).Within(1e-5f))

    [<Test>]
    member _.``binary functions take the tensor last``() =
        let a = Tensor.ofList [ 2L ] [ 5.0f; 7.0f ]
        let b = Tensor.ofList [ 2L ] [ 1.0f; 2.0f ]
        a |> Tensor.sub b |> assertFloats [ 2L ] [ 4.0f; 5.0f ]
        a |> Tensor.div b |> assertFloats [ 2L ] [ 5.0f; 3.5f ]
        a |> Tensor.maximum (Tensor.full [ 2L ] 6.0) |> assertFloats [ 2L ] [ 6.0f; 7.0f ]
        a |> Tensor.pow 2.0 |> assertFloats [ 2L ] [ 25.0f; 49.0f ]

    [<Test>]
    member _.``matmul, softmax and reductions``() =
        let m = Tensor.ofList [ 2L; 2L ] [ 1.0f; 2.0f; 3.0f; 4.0f ]
        m |> Tensor.matmul (Tensor.eye 2L) |> assertFloats [ 2L; 2L ] [ 1.0f; 2.0f; 3.0f; 4.0f ]
        m |> Tensor.transpose 0 1 |> assertFloats [ 2L; 2L ] [ 1.0f; 3.0f; 2.0f; 4.0f ]
        m |> Tensor.meanDim 0 |> assertFloats [ 2L ] [ 2.0f; 3.0f ]
        Tensor.ofList [ 2L ] [ 0.0f; 0.0f ] |> Tensor.softmax 0 |> assertFloats [ 2L ] [ 0.5f; 0.5f ]
        Assert.That(m |> Tensor.argmax |> Tensor.item<int64>, Is.EqualTo 3L)
        Assert.That(m |> Tensor.max |> Tensor.item<float32>, Is.EqualTo 4.0f)

    [<Test>]
    member _.``where, clamp and relu``() =
        let x = Tensor.ofList [ 4L ] [ -2.0f; -0.5f; 0.5f; 2.0f ]
        x |> Tensor.relu |> assertFloats [ 4L ] [ 0.0f; 0.0f; 0.5f; 2.0f ]
        x |> Tensor.clamp -1.0 1.0 |> assertFloats [ 4L ] [ -1.0f; -0.5f; 0.5f; 1.0f ]
        let positive = x.Gt(0.0)
        x |> Tensor.where positive (Tensor.zeros [ 4L ]) |> assertFloats [ 4L ] [ 0.0f; 0.0f; 0.5f; 2.0f ]

    [<Test>]
    member _.``shape functions``() =
        let t = Tensor.arange 6L |> Tensor.reshape [ 1L; 2L; 3L ]
        Assert.That(t |> Tensor.shape, equal [ 1L; 2L; 3L ])
        Assert.That(t |> Tensor.squeeze |> Tensor.shape, equal [ 2L; 3L ])
        Assert.That(t |> Tensor.unsqueeze 0 |> Tensor.shape, equal [ 1L; 1L; 2L; 3L ])
        Assert.That(t |> Tensor.permute [ 2; 0; 1 ] |> Tensor.shape, equal [ 3L; 1L; 2L ])
        t |> Tensor.flatten |> assertLongs [ 6L ] [ 0L; 1L; 2L; 3L; 4L; 5L ]
        Tensor.cat 0 [ Tensor.arange 2L; Tensor.arange 1L ] |> assertLongs [ 3L ] [ 0L; 1L; 0L ]
        Assert.That(Tensor.stack 0 [ Tensor.arange 2L; Tensor.arange 2L ] |> Tensor.shape, equal [ 2L; 2L ])

    [<Test>]
    member _.``random functions``() =
        let r = Tensor.rand [ 1000L ] |> Tensor.toArray<float32>
        Assert.That(r |> Array.forall (fun v -> v >= 0.0f && v < 1.0f), Is.True)
        let ints = Tensor.randint 3L 5L [ 100L ] |> Tensor.toArray<int64>
        Assert.That(ints |> Array.forall (fun v -> v = 3L || v = 4L), Is.True)
        Assert.That(Tensor.randn [ 4L ] |> Tensor.shape, equal [ 4L ])
