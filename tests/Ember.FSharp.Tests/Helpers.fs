/// Assertions shared by the F# tests.
module Ember.FSharp.Tests.Helpers

open NUnit.Framework
open Ember

/// Is.EqualTo for arrays and lists (NUnit's generic overloads are ambiguous from F#).
let equal (expected: obj) = Is.EqualTo(expected)

/// Checks dtype, shape and float32 values.
let assertFloats (expectedShape: int64 list) (expected: float32 list) (t: Tensor) =
    Assert.That(t.DType, Is.EqualTo DType.Float32, "dtype")
    Assert.That(t.Shape.ToArray(), equal (Array.ofList expectedShape), "shape")
    Assert.That(t.ToArray<float32>(), (equal (Array.ofList expected)).Within(1e-6f), "values")

/// Checks dtype, shape and int64 values.
let assertLongs (expectedShape: int64 list) (expected: int64 list) (t: Tensor) =
    Assert.That(t.DType, Is.EqualTo DType.Int64, "dtype")
    Assert.That(t.Shape.ToArray(), equal (Array.ofList expectedShape), "shape")
    Assert.That(t.ToArray<int64>(), equal (Array.ofList expected), "values")
