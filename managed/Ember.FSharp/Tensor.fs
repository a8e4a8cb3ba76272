namespace Ember.FSharp

open System
open Ember

/// Piping-friendly functions over <see cref="T:Ember.Tensor"/>, named as in PyTorch:
/// <c>Tensor.zeros [2L; 3L] |> Tensor.exp |> Tensor.sum</c>. The tensor operated on is always the
/// last argument, so for binary functions <c>a |> Tensor.sub b</c> is <c>a - b</c> and
/// <c>a |> Tensor.matmul b</c> is <c>a @ b</c>. Every function returns a new tensor (dispose it, or
/// use a <see cref="T:Ember.DisposeScope"/>) and throws what the method it calls throws.
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Tensor =

    // ---- creation ----------------------------------------------------------------------------

    /// An uninitialised float32 tensor (<c>torch.empty</c>).
    let empty (shape: int64 list) : Ember.Tensor = Ember.Tensor.Empty(Array.ofList shape)

    /// A float32 tensor of zeros (<c>torch.zeros</c>).
    let zeros (shape: int64 list) : Ember.Tensor = Ember.Tensor.Zeros(Array.ofList shape)

    /// A float32 tensor of ones (<c>torch.ones</c>).
    let ones (shape: int64 list) : Ember.Tensor = Ember.Tensor.Ones(Array.ofList shape)

    /// A tensor of zeros of the given dtype.
    let zerosOf (dtype: DType) (shape: int64 list) : Ember.Tensor =
        Ember.Tensor.Zeros(ReadOnlySpan(Array.ofList shape), Nullable dtype, Nullable())

    /// A float32 tensor filled with a number (<c>torch.full</c>).
    let full (shape: int64 list) (value: float) : Ember.Tensor =
        Ember.Tensor.Full(ReadOnlySpan(Array.ofList shape), value, Nullable(), Nullable())

    /// An int64 tensor filled with an integer (<c>torch.full</c> with an int).
    let fullInt (shape: int64 list) (value: int64) : Ember.Tensor =
        Ember.Tensor.Full(ReadOnlySpan(Array.ofList shape), value, Nullable(), Nullable())

    /// The int64 values 0 .. n-1 (<c>torch.arange(n)</c>).
    let arange (n: int64) : Ember.Tensor = Ember.Tensor.Arange(n)

    /// Float32 values from start to stop (exclusive) by step (<c>torch.arange(start, end, step)</c>).
    let arangeFloat (start: float) (stop: float) (step: float) : Ember.Tensor =
        Ember.Tensor.Arange(start, stop, step, Nullable(), Nullable())

    /// <c>steps</c> evenly spaced float32 values from start to stop inclusive (<c>torch.linspace</c>).
    let linspace (start: float) (stop: float) (steps: int64) : Ember.Tensor =
        Ember.Tensor.Linspace(start, stop, steps, Nullable(), Nullable())

    /// The n x n float32 identity matrix (<c>torch.eye</c>).
    let eye (n: int64) : Ember.Tensor = Ember.Tensor.Eye(n, -1L, Nullable(), Nullable())

    /// Float32 values uniform on [0, 1) (<c>torch.rand</c>).
    let rand (shape: int64 list) : Ember.Tensor = Ember.Tensor.Rand(Array.ofList shape)

    /// Float32 standard normal values (<c>torch.randn</c>).
    let randn (shape: int64 list) : Ember.Tensor = Ember.Tensor.Randn(Array.ofList shape)

    /// Int64 values uniform on [low, high) (<c>torch.randint</c>).
    let randint (low: int64) (high: int64) (shape: int64 list) : Ember.Tensor =
        Ember.Tensor.RandInt(low, high, ReadOnlySpan(Array.ofList shape), Nullable(), Nullable(), null)

    /// A zero-dimensional float32 tensor (<c>torch.tensor(value)</c>).
    let scalar (value: float) : Ember.Tensor = Ember.Tensor.Scalar(value, Nullable(), Nullable())

    /// A 1-D tensor holding a copy of the array; the dtype follows the element type (float: float64, float32: float32, int64: int64...).
    let ofArray (data: 'T[]) : Ember.Tensor = Ember.Tensor.From<'T>(data)

    /// A 2-D tensor holding a copy of a rectangular array.
    let ofArray2D (data: 'T[,]) : Ember.Tensor = Ember.Tensor.From<'T>(data)

    /// A float32 tensor of the given shape holding a copy of the values (row-major).
    let ofList (shape: int64 list) (values: float32 list) : Ember.Tensor =
        Ember.Tensor.From<float32>(Array.ofList values, Array.ofList shape)

    // ---- data ----------------------------------------------------------------------------------

    /// The elements in row-major order (the element type must match the dtype).
    let toArray<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType> (t: Ember.Tensor) : 'T[] =
        t.ToArray<'T>()

    /// The value of a one-element tensor (<c>item()</c>), converted to 'T.
    let item<'T when 'T: unmanaged and 'T: struct and 'T: (new: unit -> 'T) and 'T :> ValueType> (t: Ember.Tensor) : 'T =
        t.Item<'T>()

    /// The sizes of the dims.
    let shape (t: Ember.Tensor) : int64 list = List.ofArray (t.Shape.ToArray())

    /// The element type.
    let dtype (t: Ember.Tensor) : DType = t.DType

    /// The values converted to a dtype (<c>x.to(dtype)</c>).
    let toType (dtype: DType) (t: Ember.Tensor) : Ember.Tensor = t.To(dtype, false)

    /// A contiguous copy (<c>x.clone()</c>).
    let clone (t: Ember.Tensor) : Ember.Tensor = t.Clone()

    /// Releases the tensor's native memory now.
    let dispose (t: Ember.Tensor) : unit = t.Dispose()

    // ---- elementwise -----------------------------------------------------------------------------

    /// -x.
    let neg (t: Ember.Tensor) : Ember.Tensor = t.Neg(null)
    /// |x|.
    let abs (t: Ember.Tensor) : Ember.Tensor = t.Abs(null)
    /// e^x.
    let exp (t: Ember.Tensor) : Ember.Tensor = t.Exp(null)
    /// The natural logarithm.
    let log (t: Ember.Tensor) : Ember.Tensor = t.Log(null)
    /// The square root.
    let sqrt (t: Ember.Tensor) : Ember.Tensor = t.Sqrt(null)
    /// The sine.
    let sin (t: Ember.Tensor) : Ember.Tensor = t.Sin(null)
    /// The cosine.
    let cos (t: Ember.Tensor) : Ember.Tensor = t.Cos(null)
    /// The hyperbolic tangent.
    let tanh (t: Ember.Tensor) : Ember.Tensor = t.Tanh(null)
    /// The logistic sigmoid.
    let sigmoid (t: Ember.Tensor) : Ember.Tensor = t.Sigmoid(null)
    /// max(x, 0).
    let relu (t: Ember.Tensor) : Ember.Tensor = t.Relu(null)
    /// The exact GELU.
    let gelu (t: Ember.Tensor) : Ember.Tensor = t.Gelu(GeluApproximation.None, null)
    /// x * sigmoid(x).
    let silu (t: Ember.Tensor) : Ember.Tensor = t.Silu(null)
    /// Rounds down.
    let floor (t: Ember.Tensor) : Ember.Tensor = t.Floor(null)
    /// Rounds up.
    let ceil (t: Ember.Tensor) : Ember.Tensor = t.Ceil(null)
    /// Rounds half to even.
    let round (t: Ember.Tensor) : Ember.Tensor = t.Round(null)
    /// Clamps into [low, high].
    let clamp (low: float) (high: float) (t: Ember.Tensor) : Ember.Tensor = t.Clamp(Nullable low, Nullable high, null)

    /// t + other.
    let add (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Add(other, null)
    /// t - other.
    let sub (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Sub(other, null)
    /// t * other.
    let mul (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Mul(other, null)
    /// t / other (true division).
    let div (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Div(other, RoundingMode.None, null)
    /// t raised to a floating power.
    let pow (exponent: float) (t: Ember.Tensor) : Ember.Tensor = t.Pow(exponent)
    /// The elementwise maximum.
    let maximum (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Maximum(other, null)
    /// The elementwise minimum.
    let minimum (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Minimum(other, null)
    /// The matrix product t @ other (<c>torch.matmul</c>).
    let matmul (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.MatMul(other)
    /// Elements of t where the condition holds, of other elsewhere (<c>torch.where(condition, t, other)</c>).
    let where (condition: Ember.Tensor) (other: Ember.Tensor) (t: Ember.Tensor) : Ember.Tensor = t.Where(condition, other)

    // ---- reductions ------------------------------------------------------------------------------

    /// The sum of all elements.
    let sum (t: Ember.Tensor) : Ember.Tensor = t.Sum(Nullable())
    /// The sum along a dim.
    let sumDim (dim: int) (t: Ember.Tensor) : Ember.Tensor = t.Sum(dim, false, Nullable())
    /// The mean of all elements.
    let mean (t: Ember.Tensor) : Ember.Tensor = t.Mean(Nullable())
    /// The mean along a dim.
    let meanDim (dim: int) (t: Ember.Tensor) : Ember.Tensor = t.Mean(dim, false, Nullable())
    /// The maximum of all elements.
    let max (t: Ember.Tensor) : Ember.Tensor = t.Max()
    /// The minimum of all elements.
    let min (t: Ember.Tensor) : Ember.Tensor = t.Min()
    /// The index of the maximum in the flattened tensor.
    let argmax (t: Ember.Tensor) : Ember.Tensor = t.ArgMax()
    /// The softmax along a dim.
    let softmax (dim: int) (t: Ember.Tensor) : Ember.Tensor = t.Softmax(dim, Nullable())
    /// The log-softmax along a dim.
    let logSoftmax (dim: int) (t: Ember.Tensor) : Ember.Tensor = t.LogSoftmax(dim, Nullable())

    // ---- shape -------------------------------------------------------------------------------------

    /// A view or copy with a new shape (one size may be -1).
    let reshape (shape: int64 list) (t: Ember.Tensor) : Ember.Tensor = t.Reshape(Array.ofList shape)
    /// A view with a new shape (one size may be -1).
    let view (shape: int64 list) (t: Ember.Tensor) : Ember.Tensor = t.View(Array.ofList shape)
    /// Swaps two dims.
    let transpose (dim0: int) (dim1: int) (t: Ember.Tensor) : Ember.Tensor = t.Transpose(dim0, dim1)
    /// Reorders the dims.
    let permute (dims: int list) (t: Ember.Tensor) : Ember.Tensor = t.Permute(Array.ofList dims)
    /// Merges all dims into one.
    let flatten (t: Ember.Tensor) : Ember.Tensor = t.Flatten(0, -1)
    /// Removes every size-1 dim.
    let squeeze (t: Ember.Tensor) : Ember.Tensor = t.Squeeze()
    /// Inserts a size-1 dim.
    let unsqueeze (dim: int) (t: Ember.Tensor) : Ember.Tensor = t.Unsqueeze(dim)
    /// Concatenates along a dim.
    let cat (dim: int) (tensors: Ember.Tensor list) : Ember.Tensor = Ember.Tensor.Cat(Array.ofList tensors, dim)
    /// Stacks along a new dim.
    let stack (dim: int) (tensors: Ember.Tensor list) : Ember.Tensor = Ember.Tensor.Stack(Array.ofList tensors, dim)

    // ---- autograd (more in the Autograd module) ------------------------------------------------------

    /// Marks a leaf as requiring gradients and returns it (<c>x.requires_grad_()</c>).
    let requiresGrad (t: Ember.Tensor) : Ember.Tensor = t.RequiresGrad_(true)
    /// A tensor sharing the storage, cut from the graph (<c>x.detach()</c>).
    let detach (t: Ember.Tensor) : Ember.Tensor = t.Detach()
    /// The gradient accumulated by backward passes, if any (<c>x.grad</c>).
    let grad (t: Ember.Tensor) : Ember.Tensor option = Option.ofObj t.Grad
