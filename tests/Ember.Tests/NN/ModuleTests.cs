using System;
using System.Collections.Generic;
using System.Linq;
using Ember.NN;
using NUnit.Framework;

namespace Ember.Tests.NN;

/// <summary>Module core: registration rules, traversal names and order, state dicts, modes, moves, hooks, printing, ownership.</summary>
[TestFixture]
public sealed class ModuleTests
{
    private DisposeScope? scope;

    [SetUp]
    public void BeginScope() => scope = DisposeScope.Begin();

    [TearDown]
    public void EndScope() => scope?.Dispose();

    private sealed class Net : Module<Tensor, Tensor>
    {
        public Net()
        {
            RegisterBuffer("steps", Tensor.Zeros([1], DType.Int64));
            RegisterBuffer("scratch", Tensor.Zeros([2]), persistent: false);
            Fc1 = RegisterModule("fc1", new Linear(4, 3));
            Fc2 = RegisterModule("fc2", new Linear(3, 2));
        }

        public Linear Fc1 { get; }

        public Linear Fc2 { get; }

        public override Tensor Forward(Tensor input) => Fc2.Call(Fc1.Call(input).Relu());
    }

    /// <summary>The README's example.</summary>
    private sealed class ReadmeNet : Module<Tensor, Tensor>
    {
        private readonly Sequential features;
        private readonly Linear head;

        public ReadmeNet()
        {
            features = RegisterModule("features", new Sequential(new Conv2d(1, 8, 3, padding: 1), new ReLU(), new MaxPool2d(2)));
            head = RegisterModule("head", new Linear(8 * 14 * 14, 10));
        }

        public override Tensor Forward(Tensor x) => head.Call(features.Call(x).Flatten(1));
    }

    /// <summary>Exposes the protected registration methods.</summary>
    private sealed class Holder : Module
    {
        public T Add<T>(string name, T module) where T : Module => RegisterModule(name, module);

        public Tensor? AddParameter(string name, Tensor? value) => RegisterParameter(name, value);

        public Tensor? AddBuffer(string name, Tensor? value) => RegisterBuffer(name, value);
    }

    /// <summary>Creates a Linear, then registers another: the first was forgotten.</summary>
    private sealed class ForgetsInTheMiddle : Module<Tensor, Tensor>
    {
        private readonly Linear forgotten;
        private readonly Linear registered;

        public ForgetsInTheMiddle()
        {
            forgotten = new Linear(2, 2);
            registered = RegisterModule("registered", new Linear(2, 2));
        }

        public override Tensor Forward(Tensor input) => registered.Call(forgotten.Call(input));
    }

    /// <summary>Registers first, then creates a Linear after the last registration and uses it in Forward.</summary>
    private sealed class ForgetsAtTheEnd : Module<Tensor, Tensor>
    {
        private readonly Linear registered;
        private readonly Linear forgotten;

        public ForgetsAtTheEnd()
        {
            registered = RegisterModule("registered", new Linear(2, 2));
            forgotten = new Linear(2, 2);
        }

        public override Tensor Forward(Tensor input) => forgotten.Call(registered.Call(input));
    }

    /// <summary>Creates a Linear in a field initializer (before the base constructor runs) and forgets it.</summary>
    private sealed class ForgetsInAFieldInitializer : Module<Tensor, Tensor>
    {
        private readonly Linear forgotten = new(2, 2);
        private readonly Linear registered;

        public ForgetsInAFieldInitializer() => registered = RegisterModule("registered", new Linear(2, 2));

        public override Tensor Forward(Tensor input) => registered.Call(forgotten.Call(input));
    }

    /// <summary>Stores a module it was given without registering it.</summary>
    private sealed class ForgetsWhatItIsGiven : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> inner;

        public ForgetsWhatItIsGiven(Module<Tensor, Tensor> inner) => this.inner = inner;

        public override Tensor Forward(Tensor input) => inner.Call(input);
    }

    /// <summary>Makes a temporary module inside Forward (allowed) and disposes a temporary made in the constructor.</summary>
    private sealed class UsesTemporaries : Module<Tensor, Tensor>
    {
        private readonly Linear fc;

        public UsesTemporaries()
        {
            using (var temporary = new Linear(2, 2))
            {
                _ = temporary.Weight.Sum();
            }

            fc = RegisterModule("fc", new Linear(2, 2));
        }

        public override Tensor Forward(Tensor input)
        {
            using var relu = new ReLU();
            return relu.Call(fc.Call(input));
        }
    }

    [Test]
    public void TheReadmeExampleRuns()
    {
        using var net = new ReadmeNet();
        Assert.That(net.Call(Tensor.Randn(2, 1, 28, 28)).Shape.ToArray(), Is.EqualTo(new long[] { 2, 10 }));
        Assert.That(net.StateDict().Keys, Is.EqualTo(new[] { "features.0.weight", "features.0.bias", "head.weight", "head.bias" }));
        Assert.That(net.ToString(), Does.StartWith("ReadmeNet(\n  (features): Sequential(\n    (0): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))"));
        Assert.That(net.LoadStateDict(net.StateDict()).MissingKeys, Is.Empty);
    }

    [Test]
    public void NamesFollowPyTorchForNestedSequential()
    {
        using var model = new Sequential(new Linear(4, 3), new ReLU(), new Sequential(new Linear(3, 2), new Tanh()));
        Assert.That(model.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.0.weight", "2.0.bias" }));
        Assert.That(model.NamedModules().Select(m => m.Name), Is.EqualTo(new[] { "", "0", "1", "2", "2.0", "2.1" }));
        Assert.That(model.NamedChildren().Select(m => m.Name), Is.EqualTo(new[] { "0", "1", "2" }));
        Assert.That(model.Parameters(recurse: false), Is.Empty);
        Assert.That(model.StateDict().Keys, Is.EqualTo(new[] { "0.weight", "0.bias", "2.0.weight", "2.0.bias" }));
        Assert.That(model.GetSubmodule("2.0"), Is.SameAs(((Sequential)model[2])[0]));
        Assert.That(model[-1], Is.SameAs(model[2]));
    }

    [Test]
    public void StateDictHasOwnTensorsFirstThenChildrenAndOnlyPersistentBuffers()
    {
        using var net = new Net();
        Dictionary<string, Tensor> state = net.StateDict();
        Assert.That(state.Keys, Is.EqualTo(new[] { "steps", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias" }));
        Assert.That(net.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "steps", "scratch" }));
        Assert.That(state["fc1.weight"].RequiresGrad, Is.False);
        Assert.That(state["fc1.weight"].SharesStorage(net.Fc1.Weight), Is.True);

        // The caller owns the entries: disposing them leaves the module intact.
        foreach (Tensor t in state.Values)
        {
            t.Dispose();
        }

        Assert.That(net.Fc1.Weight.IsDisposed, Is.False);
        Assert.That(net.Fc1.Weight.RequiresGrad, Is.True);
    }

    [Test]
    public void LoadStateDictCopiesInPlaceAndReportsKeys()
    {
        using var source = new Net();
        using var target = new Net();
        Tensor weightBefore = target.Fc1.Weight;
        LoadStateDictResult ok = target.LoadStateDict(source.StateDict());
        Assert.That(ok.ToString(), Is.EqualTo("<All keys matched successfully>"));
        Assert.That(target.Fc1.Weight, Is.SameAs(weightBefore), "copied in place");
        Assert.That(target.Fc1.Weight.ToArray<float>(), Is.EqualTo(source.Fc1.Weight.ToArray<float>()));
        Assert.That(target.Fc1.Weight.RequiresGrad, Is.True);
        Assert.That(target.Fc1.Weight.IsLeaf, Is.True);

        var partial = source.StateDict();
        partial.Remove("fc2.bias");
        partial["extra.weight"] = Tensor.Zeros([1]);
        var ex = Assert.Throws<ArgumentException>(() => target.LoadStateDict(partial));
        Assert.That(ex!.Message, Does.Contain("Missing key(s) in state_dict: \"fc2.bias\""));
        Assert.That(ex.Message, Does.Contain("Unexpected key(s) in state_dict: \"extra.weight\""));

        LoadStateDictResult loose = target.LoadStateDict(partial, strict: false);
        Assert.That(loose.MissingKeys, Is.EqualTo(new[] { "fc2.bias" }));
        Assert.That(loose.UnexpectedKeys, Is.EqualTo(new[] { "extra.weight" }));
    }

    [Test]
    public void ShapeMismatchIsAnErrorEvenWhenNotStrictAndNothingIsCopied()
    {
        using var target = new Net();
        float[] before = target.Fc1.Bias!.ToArray<float>();
        var state = target.StateDict();
        state["fc1.bias"] = Tensor.Ones([3]);
        state["fc2.weight"] = Tensor.Zeros([5, 5]);
        var ex = Assert.Throws<ArgumentException>(() => target.LoadStateDict(state, strict: false));
        Assert.That(ex!.Message, Does.Contain("size mismatch for fc2.weight: copying a param with shape torch.Size([5, 5]) from checkpoint, the shape in current model is torch.Size([2, 3])."));
        Assert.That(target.Fc1.Bias!.ToArray<float>(), Is.EqualTo(before));
    }

    [Test]
    public void NamesAreValidated()
    {
        using var holder = new Holder();
        holder.AddParameter("w", Tensor.Zeros([2]));
        Assert.Throws<ArgumentException>(() => holder.AddParameter("w", Tensor.Zeros([2])));
        Assert.Throws<ArgumentException>(() => holder.AddBuffer("w", Tensor.Zeros([2])));
        Assert.Throws<ArgumentException>(() => holder.Add("w", new ReLU()));
        Assert.Throws<ArgumentException>(() => holder.AddParameter("a.b", Tensor.Zeros([2])));
        Assert.Throws<ArgumentException>(() => holder.AddParameter("", Tensor.Zeros([2])));
        Assert.That(Assert.Throws<ArgumentException>(() => holder.Add("x.y", new ReLU()))!.Message, Does.Contain("can't contain \".\""));
    }

    [Test]
    public void AbsentParametersTakeTheNameButAreNotTraversed()
    {
        using var linear = new Linear(3, 2, bias: false);
        Assert.That(linear.Bias, Is.Null);
        Assert.That(linear.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "weight" }));
        Assert.That(linear.StateDict().Keys, Is.EqualTo(new[] { "weight" }));
    }

    [Test]
    public void ParametersMustBeLeaves()
    {
        using var holder = new Holder();
        Tensor leaf = Tensor.Ones([2]).RequiresGrad_();
        Tensor computed = leaf * 2.0;
        Assert.That(Assert.Throws<ArgumentException>(() => holder.AddParameter("p", computed))!.Message, Does.Contain("non-leaf"));
        Tensor plain = Tensor.Ones([2]);
        Assert.That(holder.AddParameter("q", plain), Is.SameAs(plain));
        Assert.That(plain.RequiresGrad, Is.True);
        Assert.Throws<EmberDTypeException>(() => holder.AddParameter("i", Tensor.Zeros([2], DType.Int64)));
    }

    [Test]
    public void AModuleHasOneParentAndNoCycles()
    {
        using var a = new Holder();
        using var b = new Holder();
        var child = a.Add("child", new ReLU());
        Assert.That(child.Parent, Is.SameAs(a));
        var twice = Assert.Throws<InvalidOperationException>(() => a.Add("again", child));
        Assert.That(twice!.Message, Does.Contain("already registered as 'child' in Holder"));
        Assert.Throws<InvalidOperationException>(() => b.Add("stolen", child));
        Assert.Throws<InvalidOperationException>(() => a.Add("self", a));

        var inner = b.Add("inner", new Holder());
        using var outer = new Holder();
        outer.Add("b", b);
        Assert.That(Assert.Throws<InvalidOperationException>(() => inner.Add("cycle", outer))!.Message, Does.Contain("cycle"));
        Assert.Throws<InvalidOperationException>(() => new Sequential(child));
    }

    [Test]
    public void ASubmoduleForgottenDuringConstructionIsReportedAtFirstUse()
    {
        using var model = new ForgetsInTheMiddle();
        var ex = Assert.Throws<InvalidOperationException>(() => model.Parameters().ToList());
        Assert.That(ex!.Message, Does.Contain("Linear was created while ForgetsInTheMiddle was being constructed but was never registered"));
        Assert.Throws<InvalidOperationException>(() => model.StateDict());
        Assert.Throws<InvalidOperationException>(() => model.Train());
        Assert.Throws<InvalidOperationException>(() => model.To(DType.Float64));
        Assert.Throws<InvalidOperationException>(() => model.Call(Tensor.Ones([1, 2])));
    }

    [Test]
    public void ASubmoduleForgottenAfterTheLastRegistrationIsReportedWhenCalled()
    {
        using var model = new ForgetsAtTheEnd();
        var ex = Assert.Throws<InvalidOperationException>(() => model.Call(Tensor.Ones([1, 2])));
        Assert.That(ex!.Message, Does.Contain("Linear is called inside the forward of ForgetsAtTheEnd but was never registered"));
    }

    [Test]
    public void SubmodulesFromFieldInitializersOrArgumentsAreReportedWhenCalled()
    {
        using var fields = new ForgetsInAFieldInitializer();
        Assert.That(fields.Parameters().Count(), Is.EqualTo(2), "rule 1 cannot see a field initializer");
        Assert.Throws<InvalidOperationException>(() => fields.Call(Tensor.Ones([1, 2])));

        using var given = new Linear(2, 2);
        using var holder = new ForgetsWhatItIsGiven(given);
        Assert.That(Assert.Throws<InvalidOperationException>(() => holder.Call(Tensor.Ones([1, 2])))!.Message,
            Does.Contain("called inside the forward of ForgetsWhatItIsGiven"));
    }

    [Test]
    public void ForgottenSubmodulesOfNestedModulesAreFoundFromTheRoot()
    {
        using var model = new Sequential(new Linear(2, 2), new ForgetsInTheMiddle());
        Assert.Throws<InvalidOperationException>(() => model.Parameters().ToList());
    }

    [Test]
    public void SiblingsAndTemporariesAreNotReported()
    {
        using var first = new Net();
        using var second = new Net();
        using var third = new Linear(2, 2);
        Assert.That(first.Parameters().Count(), Is.EqualTo(4));
        using var temporaries = new UsesTemporaries();
        Assert.That(temporaries.Call(Tensor.Ones([1, 2])).Shape.ToArray(), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(temporaries.Call(Tensor.Ones([1, 2])).Shape.ToArray(), Is.EqualTo(new long[] { 1, 2 }));

        // A container filled after other modules were created does not report them.
        var seq = new Sequential();
        using var unrelated = new Linear(2, 2);
        seq.Add(new Linear(2, 2));
        Assert.That(seq.Parameters().Count(), Is.EqualTo(2));
        seq.Dispose();
    }

    [Test]
    public void TrainAndEvalPropagate()
    {
        using var model = new Sequential(new Linear(2, 2), new Sequential(new ReLU()));
        Assert.That(model.Modules().All(m => m.Training), Is.True);
        Assert.That(model.Eval(), Is.SameAs(model));
        Assert.That(model.Modules().Any(m => m.Training), Is.False);
        model.Train();
        Assert.That(model.Modules().All(m => m.Training), Is.True);
        model[1].Train(false);
        Assert.That(model.Training, Is.True);
        Assert.That(((Sequential)model[1])[0].Training, Is.False);
    }

    [Test]
    public void ToDTypeCastsFloatingTensorsAndKeepsRequiresGrad()
    {
        using var net = new Net();
        float[] weights = net.Fc1.Weight.ToArray<float>();
        net.To(DType.Float64);
        Assert.That(net.Parameters().All(p => p.DType == DType.Float64 && p.RequiresGrad && p.IsLeaf), Is.True);
        Assert.That(net.NamedBuffers().First(b => b.Name == "steps").Buffer.DType, Is.EqualTo(DType.Int64));
        Assert.That(net.NamedBuffers().First(b => b.Name == "scratch").Buffer.DType, Is.EqualTo(DType.Float64));
        Assert.That(net.Fc1.Weight.ToArray<double>(), Is.EqualTo(weights.Select(w => (double)w).ToArray()));
        Tensor y = net.Call(Tensor.Ones([1, 4], DType.Float64));
        Assert.That(y.DType, Is.EqualTo(DType.Float64));
        Assert.Throws<ArgumentException>(() => net.To(DType.Int32));
        Tensor before = net.Fc1.Weight;
        net.To(Device.Cpu);
        Assert.That(net.Fc1.Weight, Is.SameAs(before), "already there: nothing replaced");
    }

    [Test]
    public void TiedWeightsStayTiedAcrossMoves()
    {
        using var holder = new Holder();
        var first = holder.Add("first", new Holder());
        var second = holder.Add("second", new Holder());
        Tensor shared = Tensor.Ones([2]);
        first.AddParameter("w", shared);
        second.AddParameter("w", shared);
        Assert.That(holder.Parameters().Count(), Is.EqualTo(1), "listed once");
        Assert.That(holder.StateDict().Keys, Is.EqualTo(new[] { "first.w", "second.w" }));
        holder.To(DType.Float64);
        Tensor[] after = holder.NamedParameters().Select(p => p.Parameter).ToArray();
        Assert.That(after, Has.Length.EqualTo(1));
        Assert.That(after[0].DType, Is.EqualTo(DType.Float64));
        Assert.That(shared.IsDisposed, Is.True);
    }

    [Test]
    public void HooksRunAroundForwardAndCanBeRemoved()
    {
        using var relu = new ReLU();
        var seen = new List<string>();
        using var pre = relu.RegisterForwardPreHook((m, x) =>
        {
            seen.Add("pre");
            return x - 1.0;
        });
        using var post = relu.RegisterForwardHook((m, x, y) =>
        {
            seen.Add("post");
            return y * 10.0;
        });
        var observe = relu.RegisterForwardHook((Module<Tensor, Tensor> m, Tensor x, Tensor y) => seen.Add("observe"));
        Tensor output = relu.Call(Tensor.From(new float[] { 0.5f, 3f }));
        Assert.That(output.ToArray<float>(), Is.EqualTo(new[] { 0f, 20f }));
        Assert.That(seen, Is.EqualTo(new[] { "pre", "post", "observe" }));
        pre.Remove();
        post.Dispose();
        observe.Remove();
        Assert.That(observe.IsRemoved, Is.True);
        seen.Clear();
        Assert.That(relu.Call(Tensor.From(new float[] { 0.5f, 3f })).ToArray<float>(), Is.EqualTo(new[] { 0.5f, 3f }));
        Assert.That(seen, Is.Empty);
        Assert.That(relu.Forward(Tensor.From(new float[] { -1f })).ToArray<float>(), Is.EqualTo(new[] { 0f }));
    }

    [Test]
    public void TwoInputModulesHaveHooksToo()
    {
        using var bilinear = new Bilinear(2, 3, 1);
        using var handle = bilinear.RegisterForwardPreHook((m, a, b) => (a * 0.0, b));
        Tensor y = bilinear.Call(Tensor.Ones([4, 2]), Tensor.Ones([4, 3]));
        Assert.That(y.Shape.ToArray(), Is.EqualTo(new long[] { 4, 1 }));
        float bias = bilinear.Bias!.Item<float>();
        Assert.That(y.ToArray<float>(), Is.All.EqualTo(bias));
        Assert.Throws<EmberShapeException>(() => Functional.Bilinear(Tensor.Ones([4, 3]), Tensor.Ones([4, 3]), bilinear.Weight));
        bilinear.Dispose();
        Assert.Throws<ObjectDisposedException>(() => bilinear.Call(Tensor.Ones([4, 2]), Tensor.Ones([4, 3])));
    }

    [Test]
    public void FunctionalLinearMatchesMatMul()
    {
        Tensor x = Tensor.Randn(2, 3, 4);
        Tensor w = Tensor.Randn(5, 4);
        Tensor b = Tensor.Randn(5);
        Tensor expected = x.MatMul(w.T) + b;
        Assert.That(Functional.Linear(x, w, b).ToArray<float>(), Is.EqualTo(expected.ToArray<float>()).Within(1e-5f));
        Tensor x2 = Tensor.Randn(3, 4);
        Assert.That(Functional.Linear(x2, w, b).ToArray<float>(), Is.EqualTo((x2.MatMul(w.T) + b).ToArray<float>()).Within(1e-5f));
        Assert.That(Functional.Linear(x2, w).ToArray<float>(), Is.EqualTo(x2.MatMul(w.T).ToArray<float>()).Within(1e-5f));
        Tensor v = Tensor.Randn(4);
        Assert.That(Functional.Linear(x2, v).Shape.ToArray(), Is.EqualTo(new long[] { 3 }));
        Assert.Throws<EmberShapeException>(() => Functional.Linear(x2, Tensor.Randn(5, 3)));
    }

    [Test]
    public void ZeroGradRemovesOrZeroesGradients()
    {
        using var linear = new Linear(3, 2);
        linear.Call(Tensor.Ones([1, 3])).Sum().Backward();
        Assert.That(linear.Weight.Grad, Is.Not.Null);
        linear.ZeroGrad(setToNone: false);
        Assert.That(linear.Weight.Grad!.ToArray<float>(), Is.All.EqualTo(0f));
        linear.ZeroGrad();
        Assert.That(linear.Weight.Grad, Is.Null);
        Assert.That(linear.Bias!.Grad, Is.Null);
    }

    [Test]
    public void ApplyVisitsChildrenFirst()
    {
        using var model = new Sequential(new Linear(2, 2), new Sequential(new ReLU()));
        var order = new List<string>();
        model.Apply(m => order.Add(m.GetType().Name));
        Assert.That(order, Is.EqualTo(new[] { "Linear", "ReLU", "Sequential", "Sequential" }));
        model.Apply(m =>
        {
            if (m is Linear l)
            {
                Init.Zeros_(l.Weight);
            }
        });
        Assert.That(((Linear)model[0]).Weight.ToArray<float>(), Is.All.EqualTo(0f));
    }

    [Test]
    public void ToStringPrintsTheTreeLikePyTorch()
    {
        using var net = new Net();
        Assert.That(net.ToString(), Is.EqualTo(
            "Net(\n  (fc1): Linear(in_features=4, out_features=3, bias=True)\n  (fc2): Linear(in_features=3, out_features=2, bias=True)\n)"));
        using var empty = new Sequential();
        Assert.That(empty.ToString(), Is.EqualTo("Sequential()"));
        using var lstm = new LSTM(10, 20, numLayers: 2, batchFirst: true, dropout: 0.5);
        Assert.That(lstm.ToString(), Is.EqualTo("LSTM(10, 20, num_layers=2, batch_first=True, dropout=0.5)"));
    }

    [Test]
    public void ModulesOwnTheirTensorsAcrossDisposeScopes()
    {
        Linear linear;
        using (DisposeScope.Begin())
        {
            linear = new Linear(3, 2);
        }

        Assert.That(linear.Weight.IsDisposed, Is.False);
        Tensor weight = linear.Weight;
        using var model = new Sequential(linear);
        model.Dispose();
        Assert.That(weight.IsDisposed, Is.True);
        Assert.That(linear.IsDisposed, Is.True);
        Assert.Throws<ObjectDisposedException>(() => model.Parameters().ToList());
    }

    [Test]
    public void ContainersNameTheirElementsByPosition()
    {
        using var list = new ModuleList(new Linear(2, 2));
        list.Add(new ReLU()).Add(new Linear(2, 1));
        Assert.That(list.Count, Is.EqualTo(3));
        Assert.That(list[1], Is.InstanceOf<ReLU>());
        Assert.That(list.StateDict().Keys, Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }));

        using var dict = new ModuleDict();
        dict.Add("encoder", new Linear(2, 3)).Add("decoder", new Linear(3, 2));
        Assert.That(dict.Keys, Is.EqualTo(new[] { "encoder", "decoder" }));
        Assert.That(dict["decoder"], Is.InstanceOf<Linear>());
        Assert.That(dict.StateDict().Keys.First(), Is.EqualTo("encoder.weight"));
        Assert.Throws<ArgumentException>(() => dict.Add("encoder", new ReLU()));

        using var parameters = new ParameterList(Tensor.Zeros([2]), Tensor.Ones([3]));
        parameters.Add(Tensor.Ones([1]));
        Assert.That(parameters.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0", "1", "2" }));
        Assert.That(parameters[1].RequiresGrad, Is.True);

        using var pdict = new ParameterDict();
        pdict.Add("scale", Tensor.Ones([1]));
        Assert.That(pdict["scale"].RequiresGrad, Is.True);
        Assert.That(pdict.StateDict().Keys, Is.EqualTo(new[] { "scale" }));
    }

    [Test]
    public void SequentialRunsInOrder()
    {
        using var model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        Tensor x = Tensor.Randn(5, 3);
        Tensor expected = ((Linear)model[2]).Forward(((Linear)model[0]).Forward(x).Relu());
        Assert.That(model.Call(x).ToArray<float>(), Is.EqualTo(expected.ToArray<float>()));
    }

    [Test]
    public void ConvolutionArgumentsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, [3], "same", stride: [2]));
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, [3], "full"));
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2));
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, [3, 3, 3]));
        using var conv = new Conv2d(2, 3, 3);
        Assert.Throws<EmberShapeException>(() => conv.Call(Tensor.Zeros([1, 5, 4, 4])));
    }

    [Test]
    public void RecurrentShapesDropoutAndErrors()
    {
        using var gru = new GRU(3, 4, numLayers: 2, batchFirst: true, dropout: 0.5, bidirectional: true);
        Tensor x = Tensor.Randn(2, 5, 3);
        var (output, hn) = gru.Call(x);
        Assert.That(output.Shape.ToArray(), Is.EqualTo(new long[] { 2, 5, 8 }));
        Assert.That(hn.Shape.ToArray(), Is.EqualTo(new long[] { 4, 2, 4 }));
        Assert.That(gru.NamedParameters().Count(), Is.EqualTo(16));
        Assert.That(gru.NamedParameters().Select(p => p.Name).Take(4),
            Is.EqualTo(new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0" }));
        Assert.That(gru.NamedParameters().ElementAt(4).Name, Is.EqualTo("weight_ih_l0_reverse"));
        gru.Eval();
        float[] a = gru.Call(x).Output.ToArray<float>();
        Assert.That(gru.Call(x).Output.ToArray<float>(), Is.EqualTo(a), "no dropout in eval mode");
        gru.Train();
        Assert.That(gru.Call(x).Output.ToArray<float>(), Is.Not.EqualTo(a), "dropout between layers in training");
        Assert.Throws<EmberShapeException>(() => gru.Call(Tensor.Randn(2, 5, 4)));
        Assert.Throws<EmberShapeException>(() => gru.Call(x, Tensor.Zeros([2, 2, 4])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(3, 4, dropout: 1.5));
        double bound = 1 / Math.Sqrt(4);
        Assert.That(gru.Parameters().All(p => p.Abs().Max().Item<float>() <= bound), Is.True);
    }
}
