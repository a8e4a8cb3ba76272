namespace Ember.FSharp

open System
open Ember
open Ember.NN

/// <summary>
/// The base class of a model written in F#: a <see cref="T:Ember.NN.Module`2"/> from tensor to
/// tensor whose registration methods are callable from the F# constructor (the C# ones are
/// protected, which F# cannot reach from <c>let</c> bindings). Registration is explicit, as in C#:
/// a submodule that is created but not registered is reported when the model is first used.
/// </summary>
/// <example>
/// <code>
/// type Mlp(inputs: int64, hidden: int64, classes: int64) as this =
///     inherit Model()
///     let fc1 = this.AddModule("fc1", new Linear(inputs, hidden))
///     let fc2 = this.AddModule("fc2", new Linear(hidden, classes))
///     override _.Forward x = x |> Layer.call fc1 |> Tensor.relu |> Layer.call fc2
/// </code>
/// </example>
[<AbstractClass>]
type Model() =
    inherit Module<Tensor, Tensor>()

    /// <summary>Registers a submodule under <c>name</c> and returns it (<c>add_module</c>): its parameters
    /// and buffers appear as <c>name.*</c> in <c>Parameters()</c> and <c>StateDict()</c>.</summary>
    /// <exception cref="T:System.ArgumentException">The name is empty, holds a dot, or is taken.</exception>
    member this.AddModule<'M when 'M :> Module>(name: string, m: 'M) : 'M = this.RegisterModule(name, m)

    /// <summary>Registers a parameter (<c>register_parameter</c>) and returns it: a leaf tensor that
    /// then requires gradients. The model owns it (it leaves any <c>DisposeScope</c>).</summary>
    /// <exception cref="T:System.ArgumentException">The name is empty, holds a dot, or is taken.</exception>
    /// <exception cref="T:System.InvalidOperationException">The tensor has autograd history.</exception>
    member this.AddParameter(name: string, value: Tensor) : Tensor = this.RegisterParameter(name, value)

    /// <summary>Registers a buffer (<c>register_buffer</c>), state that is saved but not trained
    /// (running statistics); <c>persistent = false</c> keeps it out of the state dict.</summary>
    /// <exception cref="T:System.ArgumentException">The name is empty, holds a dot, or is taken.</exception>
    member this.AddBuffer(name: string, value: Tensor, ?persistent: bool) : Tensor =
        this.RegisterBuffer(name, value, defaultArg persistent true)

/// A parameterless layer computing an F# function (see <c>Layer.ofFunction</c>).
[<Sealed>]
type FunctionLayer(name: string, f: Tensor -> Tensor) =
    inherit Module<Tensor, Tensor>()

    /// The name printed for the layer.
    member _.Name = name

    /// Applies the function.
    override _.Forward(input: Tensor) : Tensor = f input

    /// The layer prints as its name: <c>(1): Relu()</c>.
    override _.TypeName = name

/// <summary>
/// Modules in pipelines: <c>x |> Layer.call fc1 |> Tensor.relu |> Layer.call fc2</c>, mode switches
/// that return the module, and parameter lists.
/// </summary>
[<RequireQualifiedAccess>]
module Layer =

    /// Runs a module on an input (<c>module(input)</c>, with its hooks): <c>x |> Layer.call fc</c>.
    let call (m: Module<'TIn, 'TOut>) (input: 'TIn) : 'TOut = m.Call input

    /// A parameterless module from a function, for <c>NN.sequential</c>: <c>Layer.ofFunction "Flatten" (Tensor.flatten)</c>.
    let ofFunction (name: string) (f: Tensor -> Tensor) : Module<Tensor, Tensor> = new FunctionLayer(name, f)

    /// Puts the module and its submodules in training mode (<c>model.train()</c>) and returns it.
    let train (m: 'M when 'M :> Module) : 'M =
        m.Train() |> ignore
        m

    /// Puts the module and its submodules in evaluation mode (<c>model.eval()</c>) and returns it.
    let eval (m: 'M when 'M :> Module) : 'M =
        m.Eval() |> ignore
        m

    /// The parameters, submodules' included, in registration order (what an optimizer takes).
    let parameters (m: Module) : Tensor list = List.ofSeq (m.Parameters())

    /// The parameters with their dotted names (<c>"fc1.weight"</c>), in registration order.
    let namedParameters (m: Module) : (string * Tensor) list =
        m.NamedParameters() |> Seq.map (fun struct (name, p) -> name, p) |> List.ofSeq

    /// The number of parameter elements (trainable or not).
    let parameterCount (m: Module) : int64 = m.Parameters() |> Seq.sumBy (fun p -> p.NumberOfElements)

/// Containers from F# lists: <c>NN.sequential [ new Linear(784L, 128L) :> _; new ReLU() :> _ ]</c>.
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module NN =

    /// The layers run in order (<c>nn.Sequential</c>); they are registered as <c>"0"</c>, <c>"1"</c>...
    let sequential (layers: Module<Tensor, Tensor> list) : Sequential = new Sequential(Array.ofList layers)

    /// A list of modules registered as <c>"0"</c>, <c>"1"</c>... (<c>nn.ModuleList</c>).
    let moduleList (modules: Module list) : ModuleList = new ModuleList(Array.ofList modules)

/// <summary>
/// Losses with PyTorch's argument order and defaults (mean reduction):
/// <c>Loss.crossEntropy logits targets</c>. Each returns a 0-dim tensor to call
/// <c>Autograd.backward</c> on.
/// </summary>
[<RequireQualifiedAccess>]
module Loss =

    /// Cross entropy of logits (N, C) and class indices (N) int64, or class probabilities (<c>F.cross_entropy</c>).
    let crossEntropy (logits: Tensor) (targets: Tensor) : Tensor = Functional.CrossEntropy(logits, targets)

    /// Cross entropy with label smoothing in [0, 1] (<c>F.cross_entropy(..., label_smoothing=s)</c>).
    let crossEntropyWithSmoothing (smoothing: float) (logits: Tensor) (targets: Tensor) : Tensor =
        Functional.CrossEntropy(logits, targets, labelSmoothing = smoothing)

    /// Negative log likelihood of log-probabilities at the target classes (<c>F.nll_loss</c>).
    let nllLoss (logProbabilities: Tensor) (targets: Tensor) : Tensor = Functional.NllLoss(logProbabilities, targets)

    /// Mean squared error (<c>F.mse_loss</c>).
    let mseLoss (input: Tensor) (target: Tensor) : Tensor = Functional.MseLoss(input, target)

    /// Mean absolute error (<c>F.l1_loss</c>).
    let l1Loss (input: Tensor) (target: Tensor) : Tensor = Functional.L1Loss(input, target)

    /// Binary cross entropy of logits and targets in [0, 1] (<c>F.binary_cross_entropy_with_logits</c>).
    let binaryCrossEntropyWithLogits (logits: Tensor) (targets: Tensor) : Tensor =
        Functional.BinaryCrossEntropyWithLogits(logits, targets)

/// Classification metrics computed by Ember, returned as .NET numbers.
[<RequireQualifiedAccess>]
module Metrics =

    /// How many rows of logits (N, C) have their largest value at the target class (N).
    let correct (logits: Tensor) (targets: Tensor) : int64 =
        use predicted = logits.ArgMax(-1)
        use hits = predicted.Eq(targets)
        use count = hits.Sum(Nullable DType.Int64)
        count.Item<int64>()

    /// The share of rows of logits (N, C) whose largest value is at the target class (N), in [0, 1].
    let accuracy (logits: Tensor) (targets: Tensor) : float =
        match targets.NumberOfElements with
        | 0L -> invalidArg (nameof targets) "accuracy of an empty batch"
        | n -> float (correct logits targets) / float n
