using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Ember.Tests.Fixtures;

/// <summary>
/// Runs one reference case: builds its inputs (and destination) inside a dispose scope, calls the
/// managed op through the family's <see cref="OpTable"/>, and compares the results with the
/// expected tensors, or checks that the expected error class surfaces as its
/// <see cref="EmberException"/> subclass.
/// </summary>
internal static class FixtureRunner
{
    /// <summary>The managed exception of each fixture error class.</summary>
    internal static readonly Dictionary<string, Type> ErrorTypes = new(StringComparer.Ordinal)
    {
        ["shape"] = typeof(EmberShapeException),
        ["dtype"] = typeof(EmberDTypeException),
        ["index"] = typeof(EmberIndexException),
        ["invalid_argument"] = typeof(EmberArgumentException),
        ["autograd"] = typeof(EmberAutogradException),
    };

    public static void Run(FixtureCase fixtureCase, OpTable ops)
    {
        if (!ops.TryGet(fixtureCase.Op, out Func<OpCall, Tensor[]> op))
        {
            Assert.Fail($"test issue: the {fixtureCase.Family} dispatcher has no mapping for op '{fixtureCase.Op}'");
            return;
        }

        using DisposeScope scope = DisposeScope.Begin();
        Tensor?[] inputs = FixtureTensors.BuildInputs(fixtureCase.Inputs);
        Tensor? destination = fixtureCase.Variant switch
        {
            null => null,
            "out" => FixtureTensors.Build(fixtureCase.Out!.Value),
            "inplace" => inputs[0],
            string other => throw new FormatException($"unknown variant '{other}'"),
        };
        var call = new OpCall(fixtureCase, inputs, destination);

        Tensor[] results;
        try
        {
            results = op(call);
        }
        catch (ApiGapException gap)
        {
            Assert.Ignore("managed API gap: " + gap.Message);
            return;
        }
        catch (Exception error) when (fixtureCase.ErrorClass is not null)
        {
            CheckError(fixtureCase, error);
            return;
        }

        if (fixtureCase.ErrorClass is string errorClass)
        {
            Assert.Fail($"expected a {errorClass} error ({ErrorTypes[errorClass].Name}; PyTorch: {fixtureCase.TorchError ?? "none, reference: manual"}), " +
                        $"but the op succeeded: {Describe(results)}");
            return;
        }

        if (destination is not null)
        {
            Assert.That(results, Has.Length.EqualTo(1), "an out/in-place op returns the destination");
            Assert.That(results[0], Is.SameAs(destination), "an out/in-place op returns the tensor it wrote");
        }

        JsonElement[] expected = fixtureCase.ExpectedTensors.ToArray();
        Assert.That(results, Has.Length.EqualTo(expected.Length), "number of outputs");
        var report = new StringBuilder();
        for (int i = 0; i < expected.Length; i++)
        {
            List<string> problems = FixtureComparer.Compare(results[i], expected[i], fixtureCase, inputs);
            foreach (string problem in problems)
            {
                report.Append(expected.Length > 1 ? $"output {i}: " : "").AppendLine(problem);
            }
        }

        if (report.Length > 0)
        {
            if (fixtureCase.Reference is string reference)
            {
                report.AppendLine($"(reference: {reference}{(fixtureCase.Note is null ? "" : "; " + fixtureCase.Note)})");
            }

            Assert.Fail(report.ToString());
        }
    }

    private static void CheckError(FixtureCase fixtureCase, Exception error)
    {
        Type expected = ErrorTypes[fixtureCase.ErrorClass!];
        if (!expected.IsInstanceOfType(error))
        {
            Assert.Fail($"expected {expected.Name} ({fixtureCase.ErrorClass}; PyTorch: {fixtureCase.TorchError ?? "none, reference: manual"}), " +
                        $"got {error.GetType().Name}: {error.Message}");
        }

        Assert.That(error.Message, Is.Not.Empty, "an Ember error carries the runtime's message");
    }

    private static string Describe(Tensor[] results) =>
        string.Join("; ", results.Select(r => $"{FixtureValues.Name(r.DType)} {r.Shape}"));
}
