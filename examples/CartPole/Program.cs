// Reinforcement learning with Ember: an actor-critic agent (policy gradient with a learned value
// baseline) learns to balance the pole of CartPoleEnv.cs. Each episode is played with the current
// policy, then one gradient step follows the advantage-weighted log-probabilities of its actions.
//
//   dotnet run --project examples/CartPole -c Release -- [--episodes 1000] [--target 475] [--seed 1]
using Ember;
using Ember.Distributions;
using Ember.Examples;
using Ember.Examples.CartPole;
using Ember.NN;
using Ember.Optim;
using Microsoft.Extensions.Logging;

int maxEpisodes = 1000, seed = 1;
double target = 475, gamma = 0.99;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--episodes": maxEpisodes = int.Parse(args[i + 1]); break;
        case "--target": target = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1]); break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

using var console = new ExampleConsole("CartPole");
var log = console.Log;
Tensor.ManualSeed((ulong)seed);
var env = new CartPoleEnv(seed);
using var agent = new ActorCritic(CartPoleEnv.ObservationSize, CartPoleEnv.ActionCount, hidden: 128);
using var optimizer = new Adam(agent.Parameters(), lr: 0.01);

double running = 0;
int episode;
for (episode = 1; episode <= maxEpisodes; episode++)
{
    using var scope = DisposeScope.Begin();
    var logProbs = new List<Tensor>();
    var values = new List<Tensor>();
    var rewards = new List<double>();
    float[] observation = env.Reset();
    for (bool done = false; !done;)
    {
        var (logits, value) = agent.Call(Tensor.From(observation));
        using var policy = Categorical.FromLogits(logits);
        var action = policy.Sample();
        logProbs.Add(policy.LogProb(action));
        values.Add(value);
        (observation, double reward, done) = env.Step((int)action.Item<long>());
        rewards.Add(reward);
    }

    // Discounted returns, normalised: the advantage is how much better the episode went than the critic expected.
    var returns = new float[rewards.Count];
    double g = 0;
    for (int t = rewards.Count - 1; t >= 0; t--) returns[t] = (float)(g = rewards[t] + gamma * g);
    var ret = Tensor.From(returns);
    ret = (ret - ret.Mean()) / (ret.Std() + 1e-8);
    var logProb = Tensor.Stack(logProbs);
    var v = Tensor.Stack(values).Squeeze(-1);
    var advantage = ret - v.Detach();
    var loss = -(logProb * advantage).Sum() + Functional.SmoothL1Loss(v, ret, Reduction.Sum);
    optimizer.ZeroGrad();
    loss.Backward();
    optimizer.Step();

    running = episode == 1 ? rewards.Count : 0.95 * running + 0.05 * rewards.Count;
    if (episode % 20 == 0) log.LogInformation("episode {Episode}: length {Length}, running reward {Running:F1}", episode, rewards.Count, running);
    if (running >= target) break;
}

bool solved = running >= target;
Console.WriteLine(solved
    ? $"solved: running reward {running:F1} after {episode} episodes"
    : $"not solved: running reward {running:F1} after {maxEpisodes} episodes");
return solved ? 0 : 1;

/// <summary>A shared hidden layer with two heads: action logits (the actor) and a state value (the critic).</summary>
sealed class ActorCritic : Module<Tensor, (Tensor Logits, Tensor Value)>
{
    private readonly Linear hidden, actor, critic;

    public ActorCritic(int observations, int actions, int hidden)
    {
        this.hidden = RegisterModule("hidden", new Linear(observations, hidden));
        actor = RegisterModule("actor", new Linear(hidden, actions));
        critic = RegisterModule("critic", new Linear(hidden, 1));
    }

    public override (Tensor Logits, Tensor Value) Forward(Tensor observation)
    {
        using var scope = DisposeScope.Begin();
        var h = hidden.Call(observation).Relu();
        return (scope.Keep(actor.Call(h)), scope.Keep(critic.Call(h)));
    }
}
