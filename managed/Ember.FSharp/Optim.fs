namespace Ember.FSharp

open Ember
open Ember.NN
open Ember.Optim

/// <summary>
/// Optimizers from F#. The C# constructors and option records already read well
/// (<c>new SGD(Layer.parameters model, SGDOptions(LearningRate = 0.1, Momentum = 0.9))</c>); these
/// helpers cover the rest: parameter groups from F# tuples, the groups' learning rates, and gradient
/// clipping over a model. C#'s <c>options with { ... }</c> has no F# form (F#'s copy-and-update is
/// for F# records): build a new record, or change only the rate with <c>Optim.setLearningRate</c>.
/// </summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Optim =

    /// <summary>
    /// Parameter groups for the optimizers' several-group constructors, from F# tuples:
    /// <c>new SGD(Optim.groups [ Layer.parameters body, SGDOptions(LearningRate = 0.01)
    /// Layer.parameters head, SGDOptions(LearningRate = 0.1) ])</c>. Each group has its own options.
    /// </summary>
    let groups (groups: ('P * 'O) list) : struct (seq<Tensor> * 'O)[] when 'P :> seq<Tensor> and 'O :> OptimizerOptions =
        groups |> List.map (fun (parameters, options) -> struct (parameters :> seq<Tensor>, options)) |> Array.ofList

    /// The learning rate of each parameter group, in group order (<c>[g["lr"] for g in opt.param_groups]</c>).
    let learningRates (optimizer: Optimizer) : float list =
        optimizer.ParamGroups |> Seq.map (fun g -> g.LearningRate) |> List.ofSeq

    /// <summary>Sets the learning rate of every parameter group (for a hand-written schedule; the
    /// <c>Ember.Optim.Schedulers</c> classes do it for you).</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">The rate is negative.</exception>
    let setLearningRate (learningRate: float) (optimizer: Optimizer) : unit =
        for g in optimizer.ParamGroups do
            g.LearningRate <- learningRate

    /// <summary>
    /// Rescales the gradients of the model's parameters so that their total 2-norm is at most
    /// <c>maxNorm</c> (<c>clip_grad_norm_(model.parameters(), maxNorm)</c>) and returns the norm
    /// before clipping. Call it between the backward pass and the optimizer step.
    /// </summary>
    let clipGradNorm (maxNorm: float) (model: Module) : float =
        use total = Utils.ClipGradNorm(model.Parameters(), maxNorm)
        total.Item<float>()
