namespace Ember.FSharp.Tests

open System
open NUnit.Framework
open Ember
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// Disposal from F#: `use` releases a tensor at the end of its scope; a DisposeScope with `use`
/// releases everything created inside.
[<TestFixture>]
type DisposalTests() =

    [<Test>]
    member _.``use disposes the tensor at the end of the block``() =
        let escaped =
            use t = Tensor.ones [ 2L; 2L ]
            Assert.That(t.IsDisposed, Is.False)
            t
        Assert.That(escaped.IsDisposed, Is.True)
        Assert.Throws<ObjectDisposedException>(fun () -> escaped |> Tensor.sum |> ignore) |> ignore

    [<Test>]
    member _.``use returns the memory at once``() =
        GC.Collect()
        GC.WaitForPendingFinalizers()
        let before = EmberRuntime.GetAllocatorStats()
        do
            use big = Tensor.zeros [ 256L; 1024L ]
            Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo(before.LiveTensors + 1L))
        Assert.That(EmberRuntime.GetAllocatorStats().LiveTensors, Is.EqualTo before.LiveTensors)

    [<Test>]
    member _.``a DisposeScope with use disposes the pipeline's intermediates``() =
        let kept, intermediate =
            use scope = DisposeScope.Begin()
            let x = Tensor.ones [ 3L ]
            let y = x |> Tensor.exp |> Tensor.log
            scope.Keep(y * 2.0), x
        Assert.That(intermediate.IsDisposed, Is.True)
        Assert.That(kept.IsDisposed, Is.False)
        Assert.That(kept.ToArray<float32>(), (equal [| 2.0f; 2.0f; 2.0f |]).Within(1e-6f))
        Tensor.dispose kept
        Assert.That(kept.IsDisposed, Is.True)

    [<Test>]
    member _.``disposing twice is fine``() =
        let t = Tensor.ones [ 1L ]
        Tensor.dispose t
        Assert.DoesNotThrow(fun () -> Tensor.dispose t)
