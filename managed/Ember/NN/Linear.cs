using System;
using System.Globalization;

namespace Ember.NN;

/// <summary>
/// y = x Wᵀ + b (<c>nn.Linear</c>). weight (out_features, in_features) and bias (out_features)
/// start as PyTorch's reset_parameters: U(−1/√in_features, 1/√in_features) for both
/// (kaiming_uniform with a = √5 for the weight).
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inFeatures">The size of each input sample.</param>
    /// <param name="outFeatures">The size of each output sample.</param>
    /// <param name="bias">Whether the layer learns an additive bias.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device (default CPU).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public Linear(long inFeatures, long outFeatures, bool bias = true, DType? dtype = null, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        RegisterParameter("weight", Tensor.Empty([outFeatures, inFeatures], dtype, device));
        RegisterParameter("bias", bias ? Tensor.Empty([outFeatures], dtype, device) : null);
        ResetParameters();
    }

    /// <summary>The size of each input sample.</summary>
    public long InFeatures { get; }

    /// <summary>The size of each output sample.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight (out_features, in_features).</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>The bias (out_features), or null.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <summary>Re-draws the parameters as the constructor does (<c>reset_parameters</c>).</summary>
    public void ResetParameters()
    {
        Init.KaimingUniform_(Weight, a: Math.Sqrt(5));
        if (Bias is Tensor b)
        {
            long fanIn = Weight.Size(1);
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Init.Uniform_(b, -bound, bound);
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"in_features={InFeatures}, out_features={OutFeatures}, bias={PyBool(Bias is not null)}");
}

/// <summary>
/// y = x1ᵀ A x2 + b (<c>nn.Bilinear</c>). weight (out, in1, in2) and bias (out) start as
/// U(−1/√in1, 1/√in1), as PyTorch.
/// </summary>
public sealed class Bilinear : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="in1Features">The size of each first input sample.</param>
    /// <param name="in2Features">The size of each second input sample.</param>
    /// <param name="outFeatures">The size of each output sample.</param>
    /// <param name="bias">Whether the layer learns an additive bias.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device (default CPU).</param>
    public Bilinear(long in1Features, long in2Features, long outFeatures, bool bias = true, DType? dtype = null, Device? device = null)
    {
        In1Features = in1Features;
        In2Features = in2Features;
        OutFeatures = outFeatures;
        RegisterParameter("weight", Tensor.Empty([outFeatures, in1Features, in2Features], dtype, device));
        RegisterParameter("bias", bias ? Tensor.Empty([outFeatures], dtype, device) : null);
        ResetParameters();
    }

    /// <summary>The size of each first input sample.</summary>
    public long In1Features { get; }

    /// <summary>The size of each second input sample.</summary>
    public long In2Features { get; }

    /// <summary>The size of each output sample.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight (out_features, in1_features, in2_features).</summary>
    public Tensor Weight => GetParameter("weight")!;

    /// <summary>The bias (out_features), or null.</summary>
    public Tensor? Bias => GetParameter("bias");

    /// <summary>Re-draws the parameters (<c>reset_parameters</c>): U(−1/√in1, 1/√in1).</summary>
    public void ResetParameters()
    {
        double bound = 1 / Math.Sqrt(Weight.Size(1));
        Init.Uniform_(Weight, -bound, bound);
        if (Bias is Tensor b)
        {
            Init.Uniform_(b, -bound, bound);
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input1, Tensor input2) => Functional.Bilinear(input1, input2, Weight, Bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        string.Create(CultureInfo.InvariantCulture, $"in1_features={In1Features}, in2_features={In2Features}, out_features={OutFeatures}, bias={PyBool(Bias is not null)}");
}

/// <summary>Returns its input (<c>nn.Identity</c>): a placeholder that keeps module names stable.</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    public Identity()
    {
    }

    /// <summary>Returns a new tensor for the same data (an alias), so that disposing the result does not dispose the input.</summary>
    /// <param name="input">The input.</param>
    /// <returns>An alias of the input.</returns>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Alias();
    }
}

/// <summary>Flattens dims <c>startDim</c>..<c>endDim</c> into one (<c>nn.Flatten</c>; by default all but the batch dim).</summary>
public sealed class Flatten : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    /// <param name="startDim">The first dim to flatten.</param>
    /// <param name="endDim">The last dim to flatten.</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>The first dim to flatten.</summary>
    public int StartDim { get; }

    /// <summary>The last dim to flatten.</summary>
    public int EndDim { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"start_dim={StartDim}, end_dim={EndDim}");
}

/// <summary>Splits one dim into several (<c>nn.Unflatten</c>).</summary>
public sealed class Unflatten : Module<Tensor, Tensor>
{
    private readonly long[] sizes;

    /// <summary>Creates the module.</summary>
    /// <param name="dim">The dim to split.</param>
    /// <param name="unflattenedSize">The new sizes (one may be -1).</param>
    public Unflatten(int dim, params long[] unflattenedSize)
    {
        ArgumentNullException.ThrowIfNull(unflattenedSize);
        Dim = dim;
        sizes = (long[])unflattenedSize.Clone();
    }

    /// <summary>The dim that is split.</summary>
    public int Dim { get; }

    /// <summary>The new sizes.</summary>
    public long[] UnflattenedSize => (long[])sizes.Clone();

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Unflatten(Dim, sizes);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"dim={Dim}, unflattened_size={PyTuple(sizes)}");
}
