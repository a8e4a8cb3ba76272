using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Ember.NN;

/// <summary>The nonlinearity of a plain <see cref="RNN"/>.</summary>
public enum RnnNonlinearity
{
    /// <summary>tanh (PyTorch's default).</summary>
    Tanh,

    /// <summary>max(0, x).</summary>
    Relu,
}

/// <summary>
/// What <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> share (<c>nn.RNNBase</c>):
/// the parameters with PyTorch's names and gate layouts, initialised U(−1/√hidden, 1/√hidden),
/// and the recurrence written with tensor ops (one input projection per layer and direction for
/// the whole sequence, then one matrix product per time step), so gradients come from autograd.
/// </summary>
/// <typeparam name="THidden">The initial-state argument.</typeparam>
/// <typeparam name="TState">The final state in the result.</typeparam>
public abstract class RecurrentBase<THidden, TState> : Module<Tensor, THidden, (Tensor Output, TState State)>
{
    private protected enum Cell
    {
        RnnTanh,
        RnnRelu,
        Lstm,
        Gru,
    }

    private readonly Cell cell;
    private readonly int gates;

    private protected RecurrentBase(Cell cell, long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst,
                                    double dropout, bool bidirectional, DType? dtype, Device? device)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputSize);
        if (hiddenSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), "hidden_size must be greater than zero");
        }

        if (numLayers <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numLayers), "num_layers must be greater than zero");
        }

        if (!(dropout >= 0 && dropout <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), "dropout should be a number in range [0, 1] representing the probability of an element being zeroed");
        }

        this.cell = cell;
        gates = cell switch
        {
            Cell.Lstm => 4,
            Cell.Gru => 3,
            _ => 1,
        };
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        HasBias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        int directions = bidirectional ? 2 : 1;
        for (long layer = 0; layer < numLayers; layer++)
        {
            long layerInput = layer == 0 ? inputSize : hiddenSize * directions;
            for (int direction = 0; direction < directions; direction++)
            {
                string suffix = string.Create(CultureInfo.InvariantCulture, $"_l{layer}{(direction == 1 ? "_reverse" : "")}");
                RegisterParameter("weight_ih" + suffix, Tensor.Empty([gates * hiddenSize, layerInput], dtype, device));
                RegisterParameter("weight_hh" + suffix, Tensor.Empty([gates * hiddenSize, hiddenSize], dtype, device));
                if (bias)
                {
                    RegisterParameter("bias_ih" + suffix, Tensor.Empty([gates * hiddenSize], dtype, device));
                    RegisterParameter("bias_hh" + suffix, Tensor.Empty([gates * hiddenSize], dtype, device));
                }
            }
        }

        ResetParameters();
    }

    /// <summary>The number of features of each input step.</summary>
    public long InputSize { get; }

    /// <summary>The number of features of the hidden state.</summary>
    public long HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public long NumLayers { get; }

    /// <summary>Whether the layers have biases.</summary>
    public bool HasBias { get; }

    /// <summary>Whether inputs and outputs are (batch, seq, feature) instead of (seq, batch, feature).</summary>
    public bool BatchFirst { get; }

    /// <summary>The dropout probability applied to the outputs of every layer but the last, in training mode.</summary>
    public double Dropout { get; }

    /// <summary>Whether each layer also runs backwards over the sequence (outputs are concatenated).</summary>
    public bool Bidirectional { get; }

    /// <summary>Re-draws every parameter from U(−1/√hidden_size, 1/√hidden_size) (<c>reset_parameters</c>).</summary>
    public void ResetParameters()
    {
        double bound = 1 / Math.Sqrt(HiddenSize);
        foreach (Tensor p in Parameters())
        {
            Init.Uniform_(p, -bound, bound);
        }
    }

    /// <summary>Runs the recurrence; returns the output sequence, the final hidden states and (LSTM) the final cell states.</summary>
    private protected (Tensor Output, Tensor HN, Tensor? CN) Run(Tensor input, Tensor? h0, Tensor? c0)
    {
        ArgumentNullException.ThrowIfNull(input);
        string name = TypeName;
        if (input.Dim != 2 && input.Dim != 3)
        {
            throw new EmberShapeException($"{name}: Expected input to be 2D or 3D, got {input.Dim}D instead");
        }

        bool batched = input.Dim == 3;
        int directions = Bidirectional ? 2 : 1;
        using var scope = DisposeScope.Begin();
        Tensor x = batched ? (BatchFirst ? input.Transpose(0, 1) : input.Alias()) : input.Unsqueeze(1);
        if (x.Size(2) != InputSize)
        {
            throw new EmberShapeException($"input.size(-1) must be equal to input_size. Expected {InputSize}, got {x.Size(2)}");
        }

        long steps = x.Size(0);
        long batch = x.Size(1);
        long[] stateShape = [NumLayers * directions, batch, HiddenSize];
        Tensor hx = InitialState(h0, batched, stateShape, x, "hidden");
        Tensor? cx = cell == Cell.Lstm ? InitialState(c0, batched, stateShape, x, "cell") : null;

        var finalH = new List<Tensor>();
        var finalC = new List<Tensor>();
        Tensor layerInput = x;
        for (long layer = 0; layer < NumLayers; layer++)
        {
            var outputs = new Tensor[directions];
            for (int direction = 0; direction < directions; direction++)
            {
                string suffix = string.Create(CultureInfo.InvariantCulture, $"_l{layer}{(direction == 1 ? "_reverse" : "")}");
                Tensor wih = GetParameter("weight_ih" + suffix)!;
                Tensor whh = GetParameter("weight_hh" + suffix)!;
                Tensor? bih = HasBias ? GetParameter("bias_ih" + suffix) : null;
                Tensor? bhh = HasBias ? GetParameter("bias_hh" + suffix) : null;
                long index = layer * directions + direction;
                Tensor h = hx.Select(0, index);
                Tensor? c = cx?.Select(0, index);

                // The input projection of every step at once: (L, N, gates * H).
                Tensor projected = Functional.Linear(layerInput, wih, bih);
                Tensor whhT = whh.T;
                var sequence = new Tensor[steps];
                for (long s = 0; s < steps; s++)
                {
                    long t = direction == 0 ? s : steps - 1 - s;
                    Tensor xt = projected.Select(0, t);
                    Tensor hh = bhh is null ? h.MatMul(whhT) : bhh.AddMm(h, whhT);
                    (h, c) = Step(xt, hh, h, c);
                    sequence[t] = h;
                }

                outputs[direction] = Tensor.Stack(sequence, 0);
                finalH.Add(h);
                if (c is not null)
                {
                    finalC.Add(c);
                }
            }

            Tensor layerOutput = directions == 1 ? outputs[0] : Tensor.Cat(outputs, 2);
            if (Dropout > 0 && Training && layer < NumLayers - 1)
            {
                layerOutput = DropoutBetweenLayers(layerOutput);
            }

            layerInput = layerOutput;
        }

        Tensor output = layerInput;
        Tensor hn = Tensor.Stack(finalH, 0);
        Tensor? cn = cell == Cell.Lstm ? Tensor.Stack(finalC, 0) : null;
        if (!batched)
        {
            output = output.Squeeze(1);
            hn = hn.Squeeze(1);
            cn = cn?.Squeeze(1);
        }
        else if (BatchFirst)
        {
            output = output.Transpose(0, 1);
        }

        scope.Keep(output, hn);
        if (cn is not null)
        {
            scope.Keep(cn);
        }

        return (output, hn, cn);
    }

    /// <summary>One time step: xt and hh are the input and hidden projections (biases included).</summary>
    private (Tensor H, Tensor? C) Step(Tensor xt, Tensor hh, Tensor h, Tensor? c)
    {
        switch (cell)
        {
            case Cell.RnnTanh:
                return ((xt + hh).Tanh(), null);
            case Cell.RnnRelu:
                return ((xt + hh).Relu(), null);
            case Cell.Lstm:
            {
                // Gate order i, f, g, o (PyTorch's layout of weight_ih / weight_hh rows).
                Tensor[] g = (xt + hh).Chunk(4, 1);
                Tensor i = g[0].Sigmoid();
                Tensor f = g[1].Sigmoid();
                Tensor cand = g[2].Tanh();
                Tensor o = g[3].Sigmoid();
                Tensor next = f * c! + i * cand;
                return (o * next.Tanh(), next);
            }

            default:
            {
                // Gate order r, z, n; n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).
                Tensor[] xg = xt.Chunk(3, 1);
                Tensor[] hg = hh.Chunk(3, 1);
                Tensor r = (xg[0] + hg[0]).Sigmoid();
                Tensor z = (xg[1] + hg[1]).Sigmoid();
                Tensor n = (xg[2] + r * hg[2]).Tanh();
                return (n + z * (h - n), null);
            }
        }
    }

    private Tensor InitialState(Tensor? given, bool batched, long[] shape, Tensor x, string what)
    {
        if (given is null)
        {
            return Tensor.Zeros(shape, x.DType, x.Device);
        }

        Tensor state = batched ? given.Alias() : given.Unsqueeze(1);
        if (!state.Shape.Equals(shape))
        {
            long[] expected = batched ? shape : [shape[0], shape[2]];
            throw new EmberShapeException(
                $"Expected {what} size ({string.Join(", ", expected)}), got [{string.Join(", ", given.Shape.ToArray())}]");
        }

        return state;
    }

    private Tensor DropoutBetweenLayers(Tensor output)
    {
        if (Dropout >= 1)
        {
            return output * 0.0;
        }

        Tensor mask = Tensor.EmptyLike(output).Bernoulli_(1 - Dropout);
        return output * mask * (1 / (1 - Dropout));
    }

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{InputSize}, {HiddenSize}"));
        if (NumLayers != 1)
        {
            s.Append(CultureInfo.InvariantCulture, $", num_layers={NumLayers}");
        }

        if (!HasBias)
        {
            s.Append(", bias=False");
        }

        if (BatchFirst)
        {
            s.Append(", batch_first=True");
        }

        if (Dropout != 0)
        {
            s.Append(", dropout=").Append(LeakyReLU.PythonNumber(Dropout));
        }

        if (Bidirectional)
        {
            s.Append(", bidirectional=True");
        }

        return s.ToString();
    }
}

/// <summary>
/// An Elman RNN (<c>nn.RNN</c>): h_t = act(W_ih x_t + b_ih + W_hh h_(t−1) + b_hh). Input
/// (L, N, H_in), (N, L, H_in) with batchFirst, or unbatched (L, H_in); the result is the output
/// sequence (…, D × H) and h_n (D × num_layers, N, H).
/// </summary>
public sealed class RNN : RecurrentBase<Tensor?, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="nonlinearity">tanh or relu.</param>
    /// <param name="bias">Whether to learn biases.</param>
    /// <param name="batchFirst">Inputs and outputs are (N, L, features).</param>
    /// <param name="dropout">Dropout between layers in training mode.</param>
    /// <param name="bidirectional">Whether each layer runs both ways.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device.</param>
    public RNN(long inputSize, long hiddenSize, long numLayers = 1, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh,
               bool bias = true, bool batchFirst = false, double dropout = 0, bool bidirectional = false,
               DType? dtype = null, Device? device = null)
        : base(nonlinearity == RnnNonlinearity.Relu ? Cell.RnnRelu : Cell.RnnTanh, inputSize, hiddenSize, numLayers, bias,
               batchFirst, dropout, bidirectional, dtype, device)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The nonlinearity.</summary>
    public RnnNonlinearity Nonlinearity { get; }

    /// <summary>Runs the layer from zero initial states.</summary>
    /// <param name="input">The input sequence.</param>
    /// <returns>(output, h_n).</returns>
    public (Tensor Output, Tensor State) Call(Tensor input) => Call(input, null);

    /// <summary>Runs the layer (call <see cref="Module{T1, T2, TOut}.Call"/>).</summary>
    /// <param name="input">The input sequence.</param>
    /// <param name="h0">Initial hidden states (D × num_layers, N, H), or null for zeros.</param>
    /// <returns>(output, h_n).</returns>
    public override (Tensor Output, Tensor State) Forward(Tensor input, Tensor? h0)
    {
        var (output, hn, _) = Run(input, h0, null);
        return (output, hn);
    }
}

/// <summary>
/// A long short-term memory layer (<c>nn.LSTM</c>), gates i, f, g, o in that order in the weight
/// rows. The result is the output sequence and (h_n, c_n).
/// </summary>
public sealed class LSTM : RecurrentBase<(Tensor H0, Tensor C0)?, (Tensor HN, Tensor CN)>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="bias">Whether to learn biases.</param>
    /// <param name="batchFirst">Inputs and outputs are (N, L, features).</param>
    /// <param name="dropout">Dropout between layers in training mode.</param>
    /// <param name="bidirectional">Whether each layer runs both ways.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device.</param>
    public LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
                double dropout = 0, bool bidirectional = false, DType? dtype = null, Device? device = null)
        : base(Cell.Lstm, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, device)
    {
    }

    /// <summary>Runs the layer from zero initial states.</summary>
    /// <param name="input">The input sequence.</param>
    /// <returns>(output, (h_n, c_n)).</returns>
    public (Tensor Output, (Tensor HN, Tensor CN) State) Call(Tensor input) => Call(input, null);

    /// <summary>Runs the layer.</summary>
    /// <param name="input">The input sequence.</param>
    /// <param name="state">(h0, c0), each (D × num_layers, N, H), or null for zeros.</param>
    /// <returns>(output, (h_n, c_n)).</returns>
    public override (Tensor Output, (Tensor HN, Tensor CN) State) Forward(Tensor input, (Tensor H0, Tensor C0)? state)
    {
        var (output, hn, cn) = Run(input, state?.H0, state?.C0);
        return (output, (hn, cn!));
    }
}

/// <summary>
/// A gated recurrent unit layer (<c>nn.GRU</c>), gates r, z, n in the weight rows, with
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) and h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
public sealed class GRU : RecurrentBase<Tensor?, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="bias">Whether to learn biases.</param>
    /// <param name="batchFirst">Inputs and outputs are (N, L, features).</param>
    /// <param name="dropout">Dropout between layers in training mode.</param>
    /// <param name="bidirectional">Whether each layer runs both ways.</param>
    /// <param name="dtype">The parameters' dtype (default float32).</param>
    /// <param name="device">The parameters' device.</param>
    public GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
               double dropout = 0, bool bidirectional = false, DType? dtype = null, Device? device = null)
        : base(Cell.Gru, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, device)
    {
    }

    /// <summary>Runs the layer from zero initial states.</summary>
    /// <param name="input">The input sequence.</param>
    /// <returns>(output, h_n).</returns>
    public (Tensor Output, Tensor State) Call(Tensor input) => Call(input, null);

    /// <summary>Runs the layer.</summary>
    /// <param name="input">The input sequence.</param>
    /// <param name="h0">Initial hidden states, or null for zeros.</param>
    /// <returns>(output, h_n).</returns>
    public override (Tensor Output, Tensor State) Forward(Tensor input, Tensor? h0)
    {
        var (output, hn, _) = Run(input, h0, null);
        return (output, hn);
    }
}
