using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Ember.Tests.Fixtures;

/// <summary>
/// Runs one case of the autograd family (tests/fixtures/README.md, "The autograd family"): the
/// program's steps go through the families' <see cref="OpTable"/>s as single-op cases do, then
/// <see cref="Autograd.Grad"/> or <see cref="Autograd.Backward"/> (and a second pass for
/// second-order cases), and the gradients are compared with PyTorch's. A case that expects an
/// error names the stage that must throw; every other stage must succeed.
/// </summary>
internal sealed class ProgramRunner
{
    private readonly FixtureCase fixtureCase;
    private readonly JsonElement element;
    private readonly string? errorStage;
    private readonly List<Tensor[]> steps = [];

    // Steps whose floating result has no history although an input requires grad: the op recorded
    // nothing (no derivative formula yet). Named in failure messages.
    private readonly List<string> noHistory = [];

    private Tensor?[] inputs = [];

    private ProgramRunner(FixtureCase fixtureCase)
    {
        this.fixtureCase = fixtureCase;
        element = fixtureCase.Element;
        if (element.TryGetProperty("error", out JsonElement error))
        {
            JsonElement at = error.GetProperty("at");
            errorStage = at.ValueKind == JsonValueKind.Number ? $"step {at.GetInt32()}" : at.GetString();
        }
    }

    public static void Run(FixtureCase fixtureCase, OpTable ops)
    {
        using DisposeScope scope = DisposeScope.Begin();
        using GradModeScope grad = Autograd.EnableGrad();
        new ProgramRunner(fixtureCase).Execute(ops);
    }

    private void Execute(OpTable ops)
    {
        inputs = FixtureTensors.BuildInputs(fixtureCase.Inputs);
        int[] leaves = element.GetProperty("requires_grad").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        if (Stage("requires_grad", () =>
            {
                foreach (int i in leaves)
                {
                    Input(i).RequiresGrad = true;
                }
            }))
        {
            return;
        }

        int k = 0;
        foreach (JsonElement step in element.GetProperty("steps").EnumerateArray())
        {
            if (Stage($"step {k}", () => steps.Add(RunStep(step, k, ops))))
            {
                return;
            }

            k++;
        }

        Tensor[] outputs = ResolveAll(element.GetProperty("outputs")).Select(t => t!).ToArray();
        Tensor?[]? gradOutputs = element.TryGetProperty("grad_outputs", out JsonElement gos)
            ? gos.EnumerateArray().Select(g => g.ValueKind == JsonValueKind.Null ? null : FixtureTensors.Build(g)).ToArray()
            : null;
        JsonElement attrs = element.GetProperty("attrs");
        bool retainGraph = attrs.GetProperty("retain_graph").GetBoolean();
        bool createGraph = attrs.GetProperty("create_graph").GetBoolean();
        int repeat = element.TryGetProperty("repeat", out JsonElement r) ? r.GetInt32() : 1;
        bool isGrad = fixtureCase.Op == "grad";
        Tensor[] wrt = isGrad ? ResolveAll(element.GetProperty("wrt")).Select(t => t!).ToArray() : [];
        Tensor?[] grads = [];
        for (int rep = 0; rep < repeat; rep++)
        {
            if (Stage(rep == 0 ? "grad" : "repeat", () =>
                {
                    if (isGrad)
                    {
                        grads = Autograd.Grad(outputs, wrt, gradOutputs, retainGraph, createGraph,
                            attrs.GetProperty("allow_unused").GetBoolean());
                    }
                    else
                    {
                        Autograd.Backward(outputs, gradOutputs, retainGraph, createGraph);
                    }
                }))
            {
                return;
            }
        }

        if (!isGrad)
        {
            grads = leaves.Select(i => Input(i).Grad).ToArray();
        }

        var report = new StringBuilder();
        if (element.TryGetProperty("expected", out JsonElement expected))
        {
            Compare(grads, expected, "gradient", report);
        }

        if (element.TryGetProperty("second_order", out JsonElement second) && report.Length == 0)
        {
            bool square = second.TryGetProperty("square", out JsonElement sq) && sq.GetBoolean();
            Tensor[] wrt2 = second.TryGetProperty("wrt", out JsonElement w2) ? ResolveAll(w2).Select(t => t!).ToArray() : wrt;
            var outs2 = new List<Tensor>();
            var vs = new List<Tensor?>();
            for (int i = 0; i < grads.Length; i++)
            {
                if (grads[i] is not Tensor g)
                {
                    continue;
                }

                outs2.Add(g);
                if (square)
                {
                    // d sum(g*g) = J^T (2 g): the vector is a constant
                    using (Autograd.NoGrad())
                    {
                        vs.Add(g * 2.0);
                    }
                }
                else
                {
                    vs.Add(FixtureTensors.Build(second.GetProperty("grad_outputs")[i]));
                }
            }

            Tensor?[] grads2 = [];
            if (Stage("second_order", () => grads2 = Autograd.Grad(outs2, wrt2, vs, false, false, true)))
            {
                return;
            }

            if (second.TryGetProperty("expected", out JsonElement expected2))
            {
                Compare(grads2, expected2, "second-order gradient", report);
            }
        }

        if (report.Length > 0)
        {
            Assert.Fail(report.ToString() + NoHistoryHint());
        }

        if (errorStage is not null)
        {
            Assert.Fail($"every stage succeeded, expected {ExpectedError()} at {errorStage}");
        }
    }

    /// <summary>Runs a stage; true when it decides the case (the expected error was thrown).</summary>
    private bool Stage(string stage, Action action)
    {
        try
        {
            action();
        }
        catch (ApiGapException gap)
        {
            Assert.Ignore("managed API gap: " + gap.Message);
        }
        catch (Exception error) when (stage == errorStage)
        {
            Type expected = FixtureRunner.ErrorTypes[fixtureCase.ErrorClass!];
            if (!expected.IsInstanceOfType(error))
            {
                Assert.Fail($"{stage}: expected {ExpectedError()}, got {error.GetType().Name}: {error.Message}");
            }

            return true;
        }
        catch (Exception error)
        {
            Assert.Fail($"{stage}: {error.GetType().Name}: {error.Message}{NoHistoryHint()}");
        }

        if (stage == errorStage)
        {
            Assert.Fail($"{stage} succeeded, expected {ExpectedError()}");
        }

        return false;
    }

    private Tensor[] RunStep(JsonElement step, int index, OpTable ops)
    {
        string op = step.GetProperty("op").GetString()!;
        if (!ops.TryGet(op, out Func<OpCall, Tensor[]> call))
        {
            throw new FormatException($"test issue: the autograd dispatcher has no mapping for op '{op}'");
        }

        string? variant = step.TryGetProperty("variant", out JsonElement v) ? v.GetString() : null;
        Tensor?[] args = ResolveAll(step.GetProperty("inputs"));
        Tensor? destination = variant switch
        {
            null => null,
            "inplace" => args[0],
            "out" => Resolve(step.GetProperty("out")),
            string other => throw new FormatException($"unknown variant '{other}'"),
        };
        Tensor[] results = call(new OpCall(step.GetProperty("attrs"), variant, args, destination));

        // In place (and copy_/fill_, which write input 0): the step's output is the written tensor.
        Tensor[] outputs = variant == "inplace" || op is "copy_" or "fill_" ? [args[0]!]
            : variant == "out" ? [destination!]
            : results;
        bool anyRequiresGrad = args.Any(a => a is not null && a.RequiresGrad);
        if (anyRequiresGrad && outputs.Any(o => o.DType.IsFloatingPoint() && !o.RequiresGrad))
        {
            noHistory.Add($"step {index} {op}");
        }

        return outputs;
    }

    private Tensor? Resolve(JsonElement reference)
    {
        if (reference.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (reference.TryGetProperty("input", out JsonElement input))
        {
            return Input(input.GetInt32());
        }

        if (reference.TryGetProperty("step", out JsonElement step))
        {
            int output = reference.TryGetProperty("output", out JsonElement o) ? o.GetInt32() : 0;
            return steps[step.GetInt32()][output];
        }

        if (reference.TryGetProperty("scalar", out JsonElement scalar))
        {
            return FixtureScalar.Parse(scalar).AsTensor();
        }

        throw new FormatException($"unknown reference {reference}");
    }

    private Tensor?[] ResolveAll(JsonElement references) => references.EnumerateArray().Select(Resolve).ToArray();

    private Tensor Input(int i) => inputs[i] ?? throw new FormatException($"input {i} is null");

    private void Compare(Tensor?[] actual, JsonElement expected, string what, StringBuilder report)
    {
        JsonElement[] want = expected.EnumerateArray().ToArray();
        if (actual.Length != want.Length)
        {
            report.AppendLine($"{what}s: got {actual.Length}, expected {want.Length}");
            return;
        }

        for (int i = 0; i < want.Length; i++)
        {
            if (want[i].ValueKind == JsonValueKind.Null)
            {
                if (actual[i] is not null)
                {
                    report.AppendLine($"{what} {i}: got a gradient, expected none (null)");
                }
            }
            else if (actual[i] is not Tensor g)
            {
                report.AppendLine($"{what} {i}: got none (null)");
            }
            else
            {
                foreach (string problem in FixtureComparer.Compare(g, want[i], fixtureCase, []))
                {
                    report.AppendLine($"{what} {i}: {problem}");
                }
            }
        }
    }

    private string ExpectedError() =>
        $"{FixtureRunner.ErrorTypes[fixtureCase.ErrorClass!].Name} ({fixtureCase.ErrorClass}; PyTorch: {fixtureCase.TorchError})";

    private string NoHistoryHint() =>
        noHistory.Count == 0 ? "" : $"\n[no history after: {string.Join("; ", noHistory)}: missing derivative formula?]";
}
