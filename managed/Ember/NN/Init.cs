using System;

namespace Ember.NN;

/// <summary>Which fan the Kaiming initialisations preserve (<c>mode</c> of <c>torch.nn.init.kaiming_*</c>).</summary>
public enum FanMode
{
    /// <summary>Preserves the variance of the activations in the forward pass (<c>"fan_in"</c>).</summary>
    FanIn,

    /// <summary>Preserves the variance of the gradients in the backward pass (<c>"fan_out"</c>).</summary>
    FanOut,
}

/// <summary>The nonlinearities known to <see cref="Init.CalculateGain"/> (PyTorch's names in lower snake case).</summary>
public enum Nonlinearity
{
    /// <summary><c>"linear"</c>: gain 1.</summary>
    Linear,

    /// <summary><c>"conv1d"</c>: gain 1.</summary>
    Conv1d,

    /// <summary><c>"conv2d"</c>: gain 1.</summary>
    Conv2d,

    /// <summary><c>"conv3d"</c>: gain 1.</summary>
    Conv3d,

    /// <summary><c>"conv_transpose1d"</c>: gain 1.</summary>
    ConvTranspose1d,

    /// <summary><c>"conv_transpose2d"</c>: gain 1.</summary>
    ConvTranspose2d,

    /// <summary><c>"conv_transpose3d"</c>: gain 1.</summary>
    ConvTranspose3d,

    /// <summary><c>"sigmoid"</c>: gain 1.</summary>
    Sigmoid,

    /// <summary><c>"tanh"</c>: gain 5/3.</summary>
    Tanh,

    /// <summary><c>"relu"</c>: gain √2.</summary>
    Relu,

    /// <summary><c>"leaky_relu"</c>: gain √(2 / (1 + slope²)), slope 0.01 by default.</summary>
    LeakyRelu,

    /// <summary><c>"selu"</c>: gain 3/4.</summary>
    Selu,
}

/// <summary>
/// Weight initialisation in place (<c>torch.nn.init</c>): every function fills the tensor without
/// recording gradients, draws from the <c>generator</c> argument (or the default generator), and
/// returns the tensor. Fans are computed exactly as PyTorch does.
/// </summary>
/// <remarks>
/// <see cref="Orthogonal_"/> orthonormalises a Gaussian matrix by classical Gram-Schmidt with
/// re-orthogonalisation (CGS2) in float64 over tensor ops, since the runtime has no QR: its Q is
/// the one of the QR factorisation whose R has a positive diagonal, which is exactly what PyTorch
/// obtains by multiplying Q by sign(diag R); the distribution (Haar) is the same.
/// </remarks>
public static class Init
{
    /// <summary>The recommended gain for a nonlinearity (<c>calculate_gain</c>).</summary>
    /// <param name="nonlinearity">The nonlinearity.</param>
    /// <param name="param">For <see cref="Nonlinearity.LeakyRelu"/>: the negative slope (default 0.01).</param>
    /// <returns>The gain.</returns>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Tanh => 5.0 / 3.0,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.Selu => 3.0 / 4.0,
        >= Nonlinearity.Linear and <= Nonlinearity.Sigmoid => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "Unsupported nonlinearity."),
    };

    /// <summary>
    /// The fans of a weight (<c>_calculate_fan_in_and_fan_out</c>): fan_in = size(1) × receptive
    /// field, fan_out = size(0) × receptive field, the receptive field being the product of the
    /// sizes after the first two.
    /// </summary>
    /// <param name="tensor">A tensor of at least 2 dimensions.</param>
    /// <returns>(fan_in, fan_out).</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Dim < 2)
        {
            throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", nameof(tensor));
        }

        long receptive = 1;
        for (int d = 2; d < tensor.Dim; d++)
        {
            receptive *= tensor.Size(d);
        }

        return (tensor.Size(1) * receptive, tensor.Size(0) * receptive);
    }

    /// <summary>Fills with U(a, b) (<c>uniform_</c>).</summary>
    /// <param name="tensor">The tensor to fill.</param>
    /// <param name="a">The lower bound.</param>
    /// <param name="b">The upper bound.</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Uniform_(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var noGrad = Autograd.NoGrad();
        return tensor.Uniform_(a, b, generator);
    }

    /// <summary>Fills with N(mean, std²) (<c>normal_</c>).</summary>
    /// <param name="tensor">The tensor to fill.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="std">The standard deviation.</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var noGrad = Autograd.NoGrad();
        return tensor.Normal_(mean, std, generator);
    }

    /// <summary>Fills with a constant (<c>constant_</c>).</summary>
    /// <param name="tensor">The tensor to fill.</param>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Constant_(Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var noGrad = Autograd.NoGrad();
        return tensor.Fill_(value);
    }

    /// <summary>Fills with zeros (<c>zeros_</c>).</summary>
    /// <param name="tensor">The tensor to fill.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Zeros_(Tensor tensor) => Constant_(tensor, 0);

    /// <summary>Fills with ones (<c>ones_</c>).</summary>
    /// <param name="tensor">The tensor to fill.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Ones_(Tensor tensor) => Constant_(tensor, 1);

    /// <summary>Fills a 2-D tensor with the identity matrix (<c>eye_</c>).</summary>
    /// <param name="tensor">A 2-D tensor.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor is not 2-D.</exception>
    public static Tensor Eye_(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Dim != 2)
        {
            throw new ArgumentException("Only tensors with 2 dimensions are supported", nameof(tensor));
        }

        using var noGrad = Autograd.NoGrad();
        using Tensor eye = Tensor.Eye(tensor.Size(0), tensor.Size(1), tensor.DType, tensor.Device);
        return tensor.Copy_(eye);
    }

    /// <summary>
    /// Glorot uniform (<c>xavier_uniform_</c>): U(−a, a) with a = gain × √(6 / (fan_in + fan_out)).
    /// </summary>
    /// <param name="tensor">A tensor of at least 2 dimensions.</param>
    /// <param name="gain">The scaling factor.</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierUniform_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        double a = Math.Sqrt(3.0) * std;
        return Uniform_(tensor, -a, a, generator);
    }

    /// <summary>Glorot normal (<c>xavier_normal_</c>): N(0, std²) with std = gain × √(2 / (fan_in + fan_out)).</summary>
    /// <param name="tensor">A tensor of at least 2 dimensions.</param>
    /// <param name="gain">The scaling factor.</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierNormal_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        return Normal_(tensor, 0, std, generator);
    }

    /// <summary>
    /// He uniform (<c>kaiming_uniform_</c>): U(−bound, bound) with bound = gain × √(3 / fan),
    /// gain = <see cref="CalculateGain"/>(<paramref name="nonlinearity"/>, <paramref name="a"/>).
    /// </summary>
    /// <param name="tensor">A tensor of at least 2 dimensions.</param>
    /// <param name="a">The negative slope of the rectifier after this layer (leaky ReLU only).</param>
    /// <param name="mode">Which fan to use.</param>
    /// <param name="nonlinearity">The nonlinearity after this layer (leaky ReLU by default, as PyTorch).</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingUniform_(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
                                         Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumberOfElements == 0)
        {
            return tensor; // PyTorch warns that this is a no-op and returns the tensor.
        }

        double std = KaimingStd(tensor, a, mode, nonlinearity);
        double bound = Math.Sqrt(3.0) * std;
        return Uniform_(tensor, -bound, bound, generator);
    }

    /// <summary>He normal (<c>kaiming_normal_</c>): N(0, std²) with std = gain / √fan.</summary>
    /// <param name="tensor">A tensor of at least 2 dimensions.</param>
    /// <param name="a">The negative slope of the rectifier after this layer (leaky ReLU only).</param>
    /// <param name="mode">Which fan to use.</param>
    /// <param name="nonlinearity">The nonlinearity after this layer.</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingNormal_(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
                                        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.NumberOfElements == 0)
        {
            return tensor;
        }

        double std = KaimingStd(tensor, a, mode, nonlinearity);
        return Normal_(tensor, 0, std, generator);
    }

    /// <summary>
    /// A (semi-)orthogonal matrix (<c>orthogonal_</c>): the tensor, viewed as size(0) × (the rest),
    /// gets orthonormal rows or columns (whichever are fewer), scaled by <paramref name="gain"/>.
    /// </summary>
    /// <param name="tensor">A tensor of at least 2 dimensions.</param>
    /// <param name="gain">The scaling factor.</param>
    /// <param name="generator">The random generator, or null for the default one.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor Orthogonal_(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Dim < 2)
        {
            throw new ArgumentException("Only tensors with 2 or more dimensions are supported", nameof(tensor));
        }

        if (tensor.NumberOfElements == 0)
        {
            return tensor;
        }

        using var noGrad = Autograd.NoGrad();
        using var scope = DisposeScope.Begin();
        long rows = tensor.Size(0);
        long cols = tensor.NumberOfElements / rows;
        Tensor flat = Tensor.Randn([rows, cols], DType.Float64, null, generator);
        if (rows < cols)
        {
            flat = flat.T;
        }

        // Columns of q are the Gram-Schmidt orthonormalisation of flat's columns (each projected
        // out twice: one pass loses orthogonality for ill-conditioned inputs, two do not).
        long m = flat.Size(0);
        long n = flat.Size(1);
        Tensor q = Tensor.Zeros([m, n], DType.Float64);
        for (long j = 0; j < n; j++)
        {
            Tensor v = flat.Select(1, j);
            if (j > 0)
            {
                Tensor basis = q.Narrow(1, 0, j);
                for (int pass = 0; pass < 2; pass++)
                {
                    v = v - basis.MatMul(basis.T.MatMul(v));
                }
            }

            q.Select(1, j).Copy_(v / v.Norm());
        }

        if (rows < cols)
        {
            q = q.T;
        }

        tensor.Copy_((q * gain).Reshape(tensor.Shape.ToArray()));
        return tensor;
    }

    private static double KaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        long fan = mode == FanMode.FanIn ? fanIn : fanOut;
        return CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }
}
