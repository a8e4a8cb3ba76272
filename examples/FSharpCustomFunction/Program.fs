// Custom autograd functions in F#, in the spirit of torch.autograd.Function:
//  1. MyRelu, a class deriving from UnaryFunction: the forward saves a mask, the backward uses it.
//  2. cube (x^3), built from two F# functions with Autograd.customUnary; its backward is written
//     with Ember ops, so it can be differentiated again (second derivatives).
// Both are used in a small computation, differentiated, and checked against finite differences.
open System
open Ember
open Ember.FSharp

/// max(x, 0). The mask of positive inputs is all the backward needs.
type MyRelu() =
    inherit UnaryFunction()

    override _.Forward(ctx: FunctionContext, x: Tensor) : Tensor =
        let positive = x.Gt(0.0).To(x.DType) // 1 where x > 0, else 0
        ctx.SaveForBackward positive
        x * positive

    override _.Backward(ctx: FunctionContext, gradOutput: Tensor) : Tensor =
        gradOutput * ctx.SavedTensors.[0]

/// x^3, with d/dx = 3x^2.
let cube =
    Autograd.customUnary
        "CubeBackward"
        (fun ctx x ->
            ctx.SaveForBackward x
            x * x * x)
        (fun ctx grad ->
            let x = ctx.SavedTensors.[0]
            Some(grad * 3.0 * x * x))

let show (name: string) (t: Tensor) =
    let values = t.To(DType.Float64).ToArray<float>() |> Array.map (fun v -> sprintf "%8.4f" (v + 0.0)) |> String.concat " "
    printfn "%-22s [%s]" name values

[<EntryPoint>]
let main _ =
    use scope = DisposeScope.Begin() // disposes every tensor of the program at the end
    let relu = MyRelu()

    // y = relu(x)^3 * w: dy/dx = 3 relu(x)^2 * w where x > 0, dy/dw = relu(x)^3.
    let x = Tensor.ofArray [| -1.5; -0.5; 0.5; 1.0; 2.0 |] |> Tensor.requiresGrad
    let w = Tensor.ofArray [| 1.0; 2.0; 3.0; 4.0; 5.0 |] |> Tensor.requiresGrad
    let r = relu.Apply x
    let c = cube r
    let y = c * w
    printfn "graph: %s <- %s <- %s" y.GradFn c.GradFn r.GradFn
    y |> Autograd.backwardWith (Tensor.OnesLike y)
    show "x" x
    show "y" y
    show "dy/dx (x.Grad)" x.Grad
    show "dy/dw (w.Grad)" w.Grad

    // The expected gradient, computed directly.
    let expected = Autograd.noGrad (fun () -> (x.Relu() * x.Relu()) * 3.0 * w)
    show "3 relu(x)^2 w" expected

    // Second derivative of cube through createGraph: d/dz z^3 = 3z^2, d2/dz2 = 6z.
    let z = Tensor.ofArray [| 0.5; 1.0; 2.0 |] |> Tensor.requiresGrad
    let ones = Tensor.OnesLike z
    let dz = cube z |> Autograd.gradWith ones true [ z ] |> List.head
    let d2z = dz |> Autograd.gradWith ones false [ z ] |> List.head
    show "z" z
    show "d/dz cube (3z^2)" dz
    show "d2/dz2 cube (6z)" d2z

    // Gradient checks: analytical derivatives against central finite differences in float64.
    let point = Tensor.ofArray [| -1.3; -0.4; 0.3; 0.9; 1.7 |] |> Tensor.requiresGrad
    let r1 = Autograd.gradcheck (fun xs -> relu.Apply xs.Head) [ point ]
    let r2 = Autograd.gradcheck (fun xs -> cube xs.Head * 2.0) [ point ]
    let r3 = Autograd.gradgradcheck (fun xs -> cube xs.Head) [ point ]
    printfn "gradcheck MyRelu:      %d entries, max error %.2e" r1.EntriesChecked r1.MaxAbsoluteError
    printfn "gradcheck cube:        %d entries, max error %.2e" r2.EntriesChecked r2.MaxAbsoluteError
    printfn "gradgradcheck cube:    %d entries, max error %.2e" r3.EntriesChecked r3.MaxAbsoluteError

    // A wrong backward is caught, with the place and both values.
    let wrong = Autograd.customUnary "WrongBackward" (fun _ x -> x * x) (fun _ g -> Some(g * 3.0))
    try
        Autograd.gradcheck (fun xs -> wrong xs.Head) [ point ] |> ignore
        printfn "the wrong derivative was not caught!"
        1
    with :? GradCheckException as e ->
        printfn "caught as expected: %s" e.Message
        0
