using System;
using System.Text;
using Ember.Native;

namespace Ember;

/// <summary>
/// An operation with a hand-written derivative, as PyTorch's <c>torch.autograd.Function</c>:
/// derive from it, implement <see cref="Forward"/> and <see cref="Backward"/>, and call
/// <see cref="Apply"/>. For one input and one output, <see cref="UnaryFunction"/> is shorter.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Apply"/> runs <see cref="Forward"/> with grad mode off, then connects its outputs to
/// the graph through a native node named <see cref="Name"/>: when a backward pass reaches it, the
/// runtime calls <see cref="Backward"/> with one gradient per output and expects one per input.
/// Backward runs with grad mode on only when the pass creates a graph (<c>createGraph</c>); write
/// it with Ember operations and second derivatives come for free.
/// </para>
/// <para>
/// Lifetimes: tensors created during <see cref="Forward"/> or <see cref="Backward"/> (the outputs,
/// the gradients received and returned, temporaries) are disposed when the call returns; the
/// runtime keeps its own references to what the graph needs (the outputs Apply returns, the saved
/// tensors, the gradients handed back). Non-tensor arguments (a clamp bound, a flag) are best
/// passed to the constructor of the derived class: a <see cref="Function"/> may be applied many
/// times, each with its own <see cref="FunctionContext"/>.
/// </para>
/// <para>
/// An exception thrown by <see cref="Forward"/> comes out of <see cref="Apply"/>; one thrown by
/// <see cref="Backward"/> aborts the backward pass and comes out of the call that started it
/// (<see cref="Tensor.Backward"/>, <see cref="Autograd.Grad"/>), unchanged.
/// </para>
/// </remarks>
public abstract class Function
{
    private byte[]? nameUtf8;

    /// <summary>
    /// The name of the graph node (what <see cref="Tensor.GradFn"/> of the outputs returns); by
    /// default the class name followed by "Backward", as in PyTorch.
    /// </summary>
    protected virtual string Name => GetType().Name + "Backward";

    /// <summary>
    /// Applies the function: runs <see cref="Forward"/> (grad mode off) and returns its outputs
    /// connected to the graph when grad mode is on and an input requires grad.
    /// </summary>
    /// <param name="inputs">The tensor arguments.</param>
    /// <returns>
    /// One tensor per output of <see cref="Forward"/>, sharing its storage: the outputs that are
    /// floating and not marked non-differentiable have this function as <see cref="Tensor.GradFn"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or one of its elements is null.</exception>
    /// <exception cref="InvalidOperationException">Forward returned null, no tensor, or a null tensor, or marked a tensor it does not return.</exception>
    public Tensor[] Apply(params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var needs = new bool[inputs.Length];
        bool recording = Autograd.IsGradEnabled;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentNullException(nameof(inputs), $"inputs[{i}] is null.");
            }

            needs[i] = recording && inputs[i].RequiresGrad;
        }

        var context = new FunctionContext(needs);
        EmberTensor[] results;
        DisposeScope scope = DisposeScope.Begin();
        try
        {
            Tensor[] outputs;
            using (Autograd.NoGrad())
            {
                outputs = Forward(context, (Tensor[])inputs.Clone());
            }

            results = Record(context, inputs, outputs);
        }
        finally
        {
            scope.Dispose();
        }

        // Wrapped after the scope ended, so they belong to the caller's scope.
        Tensor?[] wrapped = Tensor.WrapResults(results);
        return Array.ConvertAll(wrapped, t => t!);
    }

    /// <summary>
    /// Computes the outputs from the inputs (<c>forward</c>). Runs with grad mode off. Save what
    /// <see cref="Backward"/> needs with <see cref="FunctionContext.SaveForBackward"/>.
    /// </summary>
    /// <param name="ctx">This application's context.</param>
    /// <param name="inputs">The tensors given to <see cref="Apply"/> (a copy of the array).</param>
    /// <returns>The outputs (at least one). An input may be returned as is.</returns>
    protected abstract Tensor[] Forward(FunctionContext ctx, Tensor[] inputs);

    /// <summary>
    /// Computes the gradients of the inputs from the gradients of the outputs (<c>backward</c>):
    /// d(loss)/d(input i) = sum over outputs j of d(loss)/d(output j) * d(output j)/d(input i).
    /// </summary>
    /// <param name="ctx">The context the forward filled; <see cref="FunctionContext.SavedTensors"/> is readable.</param>
    /// <param name="gradOutputs">
    /// One gradient per output, of its shape; zeros (or null, when
    /// <see cref="FunctionContext.MaterializeGrads"/> is false) for outputs that received none.
    /// </param>
    /// <returns>
    /// One gradient per input, of its shape (or broadcastable to it), or null for no gradient;
    /// entries for inputs that do not need one (<see cref="FunctionContext.NeedsInputGrad"/>) are ignored.
    /// </returns>
    protected abstract Tensor?[] Backward(FunctionContext ctx, Tensor?[] gradOutputs);

    private unsafe EmberTensor[] Record(FunctionContext context, Tensor[] inputs, Tensor[] outputs)
    {
        if (outputs is null || outputs.Length == 0)
        {
            throw new InvalidOperationException($"{GetType().Name}.Forward must return at least one tensor.");
        }

        var inputHandles = new EmberTensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputHandles[i] = inputs[i].Handle;
        }

        var outputHandles = new EmberTensor[outputs.Length];
        var nonDifferentiable = new bool[outputs.Length];
        var slots = new OutputSlot[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            Tensor output = outputs[i] ?? throw new InvalidOperationException($"{GetType().Name}.Forward returned a null tensor at index {i}.");
            outputHandles[i] = output.Handle;
            nonDifferentiable[i] = context.IsNonDifferentiable(output);
            slots[i] = new OutputSlot(output.Shape.ToArray(), output.DType, output.Device);
        }

        context.CheckMarkedAreOutputs(outputs);
        Tensor[] toSave = context.ToSave;
        var savedHandles = new EmberTensor[toSave.Length];
        for (int i = 0; i < toSave.Length; i++)
        {
            savedHandles[i] = toSave[i].Handle;
        }

        byte[] name = nameUtf8 ??= Encoding.UTF8.GetBytes(Name + "\0");
        context.EndForward();
        var results = new EmberTensor[outputs.Length];

        // From here the runtime owns the user data: it calls destroy exactly once, on failure too.
        void* userData = AutogradInterop.NewUserData(new NodeState(this, context, slots, inputs.Length));
        EmberStatus status;
        fixed (byte* n = name)
        fixed (EmberTensor* i = inputHandles)
        fixed (EmberTensor* o = outputHandles)
        fixed (bool* nd = nonDifferentiable)
        fixed (EmberTensor* s = savedHandles)
        fixed (EmberTensor* r = results)
        {
            status = NativeMethods.ember_custom_function_apply(n, i, (nuint)inputHandles.Length, o, (nuint)outputHandles.Length,
                nd, s, (nuint)savedHandles.Length, AutogradInterop.CustomBackwardCallback, userData,
                AutogradInterop.DestroyCallback, r);
        }

        GC.KeepAlive(inputs);
        GC.KeepAlive(outputs);
        GC.KeepAlive(toSave);
        NativeStatus.Check(status);
        return results;
    }

    /// <summary>What a recorded output looks like, to make zeros for an output that received no gradient.</summary>
    internal readonly record struct OutputSlot(long[] Shape, DType DType, Device Device);

    /// <summary>The user data of one recorded application: the function, its context, its outputs.</summary>
    internal sealed class NodeState
    {
        private readonly Function function;
        private readonly FunctionContext context;
        private readonly OutputSlot[] slots;
        private readonly int inputCount;

        public NodeState(Function function, FunctionContext context, OutputSlot[] slots, int inputCount)
        {
            this.function = function;
            this.context = context;
            this.slots = slots;
            this.inputCount = inputCount;
        }

        /// <summary>
        /// Runs the user's backward on borrowed handles; returns new references (default for no
        /// gradient), one per input. Called by the runtime; may throw (the caller parks the exception).
        /// </summary>
        public EmberTensor[] RunBackward(ReadOnlySpan<EmberTensor> saved, ReadOnlySpan<EmberTensor> gradOutputs, int ninputs)
        {
            // One backward at a time per application: the context holds the saved tensors of the call.
            lock (this)
            {
                using DisposeScope scope = DisposeScope.Begin();
                var savedTensors = new Tensor[saved.Length];
                for (int i = 0; i < saved.Length; i++)
                {
                    savedTensors[i] = Tensor.FromBorrowed(saved[i]);
                }

                var grads = new Tensor?[gradOutputs.Length];
                for (int i = 0; i < grads.Length; i++)
                {
                    if (gradOutputs[i].Handle != 0)
                    {
                        grads[i] = Tensor.FromBorrowed(gradOutputs[i]);
                    }
                    else if (context.MaterializeGrads && i < slots.Length)
                    {
                        grads[i] = Tensor.Zeros(slots[i].Shape, slots[i].DType, slots[i].Device);
                    }
                }

                Tensor?[] result;
                context.BeginBackward(savedTensors);
                try
                {
                    result = function.Backward(context, grads);
                }
                finally
                {
                    context.EndBackward();
                }

                if (result is null || result.Length != ninputs || ninputs != inputCount)
                {
                    throw new InvalidOperationException(
                        $"function {function.Name} returned an incorrect number of gradients (expected {ninputs}, got {result?.Length ?? 0})");
                }

                var handles = new EmberTensor[ninputs];
                try
                {
                    for (int i = 0; i < ninputs; i++)
                    {
                        Tensor? g = result[i];
                        if (g is not null)
                        {
                            handles[i] = AutogradInterop.NewReference(g);
                        }
                    }
                }
                catch
                {
                    foreach (EmberTensor h in handles)
                    {
                        NativeMethods.ember_tensor_release(h);
                    }

                    throw;
                }

                return handles;
            }
        }
    }
}
