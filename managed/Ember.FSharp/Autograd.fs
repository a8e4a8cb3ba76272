namespace Ember.FSharp

open System
open Ember

/// A one-tensor custom function built from two F# functions (see <c>Autograd.customUnary</c>).
type internal LambdaUnaryFunction
    (name: string, forward: FunctionContext -> Tensor -> Tensor, backward: FunctionContext -> Tensor -> Tensor option) =
    inherit UnaryFunction()
    override _.Name = name
    override _.Forward(ctx: FunctionContext, input: Tensor) : Tensor = forward ctx input
    override _.Backward(ctx: FunctionContext, gradOutput: Tensor) : Tensor = Option.toObj (backward ctx gradOutput)

/// Autograd from F#: grad-mode regions as functions taking a thunk, backward and grad in piping
/// style, hooks and custom functions from F# functions, and gradient checks over lists.
/// <c>Autograd.noGrad (fun () -> model x)</c>, <c>loss |> Autograd.backward</c>,
/// <c>loss |> Autograd.grad [ w; b ]</c>.
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Autograd =

    // ---- modes -----------------------------------------------------------------------------------

    /// Runs <c>f</c> with recording off on this thread (<c>torch.no_grad()</c>) and restores the mode, even if it throws.
    let noGrad (f: unit -> 'T) : 'T =
        use _ = Ember.Autograd.NoGrad()
        f ()

    /// Runs <c>f</c> with recording on (<c>torch.enable_grad()</c>), e.g. inside a <c>noGrad</c> region.
    let enableGrad (f: unit -> 'T) : 'T =
        use _ = Ember.Autograd.EnableGrad()
        f ()

    /// Runs <c>f</c> in inference mode (<c>torch.inference_mode()</c>): nothing is recorded.
    let inferenceMode (f: unit -> 'T) : 'T =
        use _ = Ember.Autograd.InferenceMode(true)
        f ()

    /// Whether this thread records operations.
    let isGradEnabled () : bool = Ember.Autograd.IsGradEnabled

    // ---- backward and grad -------------------------------------------------------------------------

    /// Backward pass from a one-element tensor (<c>loss.backward()</c>): accumulates into the leaves' <c>.Grad</c>.
    let backward (t: Tensor) : unit = t.Backward(null, Nullable(), false, null)

    /// Backward pass with an explicit gradient of <c>t</c> (same shape): <c>y |> Autograd.backwardWith g</c>.
    let backwardWith (gradient: Tensor) (t: Tensor) : unit = t.Backward(gradient, Nullable(), false, null)

    /// The gradients of a one-element tensor with respect to <c>inputs</c> (<c>torch.autograd.grad</c>),
    /// without touching <c>.Grad</c>: <c>loss |> Autograd.grad [ w; b ]</c>. Every input must be used.
    let grad (inputs: Tensor list) (output: Tensor) : Tensor list =
        // Never null entries: without allowUnused an unused input is an error.
        Ember.Autograd.Grad([| output |], Array.ofList inputs, null, Nullable(), false, false) |> List.ofArray

    /// Like <c>grad</c>, but records the backward pass so the results can be differentiated again.
    let gradWithGraph (inputs: Tensor list) (output: Tensor) : Tensor list =
        Ember.Autograd.Grad([| output |], Array.ofList inputs, null, Nullable(), true, false)
        |> List.ofArray

    /// The gradients of a tensor of any shape given d(loss)/d(output) (<c>torch.autograd.grad(output,
    /// inputs, grad_output, create_graph=createGraph)</c>): <c>y |> Autograd.gradWith g false [ x ]</c>.
    let gradWith (gradOutput: Tensor) (createGraph: bool) (inputs: Tensor list) (output: Tensor) : Tensor list =
        Ember.Autograd.Grad([| output |], Array.ofList inputs, [| gradOutput |], Nullable(), createGraph, false)
        |> List.ofArray

    /// The gradient accumulated in a tensor, if any (<c>x.grad</c>).
    let gradient (t: Tensor) : Tensor option = Option.ofObj t.Grad

    /// Clears the gradients of the tensors (<c>x.grad = None</c> for each).
    let zeroGrad (tensors: Tensor seq) : unit =
        for t in tensors do
            t.Grad <- null

    // ---- hooks and custom functions ------------------------------------------------------------------

    /// Registers a gradient hook: it receives the gradient and returns <c>Some replacement</c> or <c>None</c>.
    let registerHook (hook: Tensor -> Tensor option) (t: Tensor) : HookHandle =
        t.RegisterHook(Func<Tensor, Tensor>(fun g -> Option.toObj (hook g)))

    /// A custom differentiable function of one tensor from its forward and backward
    /// (<c>torch.autograd.Function</c>). <c>name</c> is the graph node's name (<c>"CubeBackward"</c>);
    /// <c>backward ctx gradOutput</c> returns the input's gradient, or <c>None</c>.
    let customUnary
        (name: string)
        (forward: FunctionContext -> Tensor -> Tensor)
        (backward: FunctionContext -> Tensor -> Tensor option)
        : Tensor -> Tensor =
        let f = LambdaUnaryFunction(name, forward, backward)
        fun x -> f.Apply(x)

    // ---- gradient checks ------------------------------------------------------------------------------

    /// Checks the first derivatives of <c>f</c> at <c>inputs</c> by finite differences (<c>gradcheck</c>);
    /// throws <c>GradCheckException</c> on a mismatch.
    let gradcheck (f: Tensor list -> Tensor) (inputs: Tensor list) : GradCheckResult =
        GradCheck.Check(Func<Tensor[], Tensor>(fun xs -> f (List.ofArray xs)), Array.ofList inputs, 1e-6, 1e-5, 1e-3)

    /// Checks the second derivatives of <c>f</c> at <c>inputs</c> (<c>gradgradcheck</c>).
    let gradgradcheck (f: Tensor list -> Tensor) (inputs: Tensor list) : GradCheckResult =
        GradCheck.CheckSecondOrder(
            Func<Tensor[], Tensor>(fun xs -> f (List.ofArray xs)),
            Array.ofList inputs,
            null,
            1e-6,
            1e-5,
            1e-3,
            null
        )
