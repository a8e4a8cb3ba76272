namespace Ember.FSharp.Tests

open System
open NUnit.Framework
open Ember
open Ember.FSharp
open Ember.FSharp.Tests.Helpers

/// x * y and x + y with a hand-written backward, as an F# class deriving from Function.
type MulAdd() =
    inherit Function()

    override _.Forward(ctx: FunctionContext, inputs: Tensor[]) : Tensor[] =
        ctx.SaveForBackward(inputs.[0], inputs.[1])
        [| inputs.[0] * inputs.[1]; inputs.[0] + inputs.[1] |]

    override _.Backward(ctx: FunctionContext, grads: Tensor[]) : Tensor[] =
        let a, b = ctx.SavedTensors.[0], ctx.SavedTensors.[1]
        [| grads.[0] * b + grads.[1]; grads.[0] * a + grads.[1] |]

/// The F# autograd helpers: modes as thunks, backward/grad in piping style, hooks, custom functions, gradcheck.
[<TestFixture>]
type AutogradTests() =

    let mutable scope: DisposeScope = null

    let leaf (values: float list) = Tensor.ofArray (Array.ofList values) |> Tensor.requiresGrad

    let values (t: Ember.Tensor) = t.ToArray<float>()

    [<SetUp>]
    member _.BeginScope() = scope <- DisposeScope.Begin()

    [<TearDown>]
    member _.EndScope() =
        scope.Dispose()
        Assert.That(Autograd.isGradEnabled (), Is.True)

    [<Test>]
    member _.``backward fills the gradients of the leaves``() =
        let x = leaf [ 3.0 ]
        (x * x + 2.0 * x) |> Autograd.backward
        Assert.That(x |> Tensor.grad |> Option.map values, equal (Some [| 8.0 |]))
        let w = leaf [ 1.0; 2.0 ]
        (w * w) |> Autograd.backwardWith (Tensor.OnesLike w)
        Assert.That(values w.Grad, equal [| 2.0; 4.0 |])
        Autograd.zeroGrad [ x; w ]
        Assert.That(Autograd.gradient w, Is.EqualTo(None))

    [<Test>]
    member _.``grad returns the gradients without touching Grad``() =
        let x = leaf [ 2.0 ]
        let w = leaf [ 5.0 ]
        match (x * w * x) |> Autograd.grad [ x; w ] with
        | [ gx; gw ] ->
            Assert.That(values gx, equal [| 20.0 |])
            Assert.That(values gw, equal [| 4.0 |])
        | other -> Assert.Fail(sprintf "expected two gradients, got %d" other.Length)
        Assert.That(Tensor.grad x, Is.EqualTo(None))

    [<Test>]
    member _.``gradWithGraph gives second derivatives``() =
        let x = leaf [ 2.0 ]
        let dx = (x * x * x) |> Autograd.gradWithGraph [ x ] |> List.head
        Assert.That(values dx, equal [| 12.0 |])
        let d2x = dx |> Autograd.grad [ x ] |> List.head
        Assert.That(values d2x, equal [| 12.0 |])

    [<Test>]
    member _.``noGrad runs a thunk without recording and restores the mode``() =
        let x = leaf [ 1.0 ]
        let y = Autograd.noGrad (fun () -> x * 2.0)
        Assert.That(y.RequiresGrad, Is.False)
        Assert.That((x * 2.0).RequiresGrad, Is.True)
        let inner = Autograd.noGrad (fun () -> Autograd.enableGrad (fun () -> x * 2.0))
        Assert.That(inner.RequiresGrad, Is.True)
        Assert.Throws<InvalidOperationException>(fun () -> Autograd.noGrad (fun () -> invalidOp "boom") |> ignore) |> ignore
        Assert.That(Autograd.isGradEnabled (), Is.True, "restored after an exception")

    [<Test>]
    member _.``inferenceMode and the C# scopes are both reachable``() =
        let x = leaf [ 1.0 ]
        Assert.That(Autograd.inferenceMode (fun () -> Ember.Autograd.IsInferenceModeEnabled), Is.True)
        Assert.That(Ember.Autograd.IsInferenceModeEnabled, Is.False)
        use _ = Ember.Autograd.NoGrad()
        Assert.That((x * 2.0).RequiresGrad, Is.False)

    [<Test>]
    member _.``registerHook replaces a gradient with Some``() =
        let x = leaf [ 1.0; 2.0 ]
        use handle = x |> Autograd.registerHook (fun g -> Some(g * 10.0))
        let seen = ResizeArray<float[]>()
        use observer = x |> Autograd.registerHook (fun g -> seen.Add(values g); None)
        (x * 3.0) |> Autograd.backwardWith (Tensor.OnesLike x)
        Assert.That(values x.Grad, equal [| 30.0; 30.0 |])
        Assert.That(seen.[0], equal [| 30.0; 30.0 |], "hooks run in order")

    [<Test>]
    member _.``an exception in a hook comes out of backward``() =
        let x = leaf [ 1.0 ]
        x |> Autograd.registerHook (fun _ -> failwith "hook failed") |> ignore
        let e = Assert.Throws<Exception>(fun () -> (x * 2.0) |> Autograd.backwardWith (Tensor.OnesLike x))
        Assert.That(e.Message, Is.EqualTo "hook failed")

    [<Test>]
    member _.``customUnary builds a differentiable function from two F# functions``() =
        let cube =
            Autograd.customUnary
                "CubeBackward"
                (fun ctx x ->
                    ctx.SaveForBackward x
                    x * x * x)
                (fun ctx g ->
                    let x = ctx.SavedTensors.[0]
                    Some(g * 3.0 * x * x))
        let x = leaf [ 1.0; 2.0 ]
        let y = cube x
        Assert.That(y.GradFn, Is.EqualTo "CubeBackward")
        y |> Autograd.backwardWith (Tensor.OnesLike y)
        Assert.That(values x.Grad, equal [| 3.0; 12.0 |])
        Autograd.gradcheck (fun xs -> cube xs.Head) [ x ] |> ignore
        Autograd.gradgradcheck (fun xs -> cube xs.Head) [ x ] |> ignore

    [<Test>]
    member _.``an F# class deriving from Function``() =
        let a = leaf [ 1.0; 2.0 ]
        let b = leaf [ 3.0; 4.0 ]
        let r = MulAdd().Apply(a, b)
        Assert.That(r.[0].GradFn, Is.EqualTo "MulAddBackward")
        Autograd.noGrad (fun () -> ()) // modes and functions mix freely
        Ember.Autograd.Backward([| r.[0]; r.[1] |], [| Tensor.OnesLike r.[0]; Tensor.OnesLike r.[1] |])
        Assert.That(values a.Grad, equal [| 4.0; 5.0 |])
        Assert.That(values b.Grad, equal [| 2.0; 3.0 |])
        Autograd.gradcheck (fun xs -> MulAdd().Apply(Array.ofList xs).[0]) [ a; b ] |> ignore

    [<Test>]
    member _.``gradcheck reports a wrong derivative``() =
        let wrong =
            Autograd.customUnary "WrongBackward" (fun _ x -> x * x) (fun _ g -> Some(g * 3.0))
        let x = leaf [ 0.5 ]
        let e = Assert.Throws<GradCheckException>(fun () -> Autograd.gradcheck (fun xs -> wrong xs.Head) [ x ] |> ignore)
        Assert.That(e.Analytical, Is.EqualTo 3.0)
        Assert.That(e.Numerical, Is.EqualTo(1.0).Within(1e-6))
