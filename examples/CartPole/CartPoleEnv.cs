namespace Ember.Examples.CartPole;

/// <summary>
/// The classic cart-pole balancing task (Barto, Sutton and Anderson, 1983), written out here so the
/// example needs no simulator package: a pole hinged on a cart that moves along a track; each step
/// pushes the cart left or right with a fixed force and the pole must stay within 12 degrees of
/// upright and the cart within 2.4 units of the centre. Reward is 1 per step survived, and an
/// episode is capped at <see cref="MaxSteps"/>. Integration is explicit Euler at 50 Hz, as in the
/// usual formulation, so results are comparable with published learning curves.
/// </summary>
public sealed class CartPoleEnv
{
    private const double Gravity = 9.8, CartMass = 1.0, PoleMass = 0.1, HalfPoleLength = 0.5;
    private const double ForceMagnitude = 10.0, Tau = 0.02;
    private const double ThetaLimit = 12 * 2 * Math.PI / 360, XLimit = 2.4;
    private const double TotalMass = CartMass + PoleMass, PoleMassLength = PoleMass * HalfPoleLength;

    private readonly Random random;
    private double x, xDot, theta, thetaDot;
    private int steps;

    public CartPoleEnv(int seed, int maxSteps = 500)
    {
        random = new Random(seed);
        MaxSteps = maxSteps;
    }

    /// <summary>Steps after which an episode ends even if the pole is still up.</summary>
    public int MaxSteps { get; }

    /// <summary>Size of the observation: cart position and velocity, pole angle and angular velocity.</summary>
    public const int ObservationSize = 4;

    /// <summary>Number of actions: push left (0) or right (1).</summary>
    public const int ActionCount = 2;

    /// <summary>Starts an episode from a small random perturbation of the upright state.</summary>
    public float[] Reset()
    {
        x = Uniform(); xDot = Uniform(); theta = Uniform(); thetaDot = Uniform();
        steps = 0;
        return Observation();
    }

    /// <summary>Applies an action; returns the new observation, the reward and whether the episode ended.</summary>
    public (float[] Observation, double Reward, bool Done) Step(int action)
    {
        if (action is < 0 or >= ActionCount) throw new ArgumentOutOfRangeException(nameof(action), action, "action must be 0 or 1");
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
        double thetaAcc = (Gravity * sin - cos * temp) /
                          (HalfPoleLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        x += Tau * xDot; xDot += Tau * xAcc;
        theta += Tau * thetaDot; thetaDot += Tau * thetaAcc;
        steps++;
        bool fell = Math.Abs(x) > XLimit || Math.Abs(theta) > ThetaLimit;
        return (Observation(), 1.0, fell || steps >= MaxSteps);
    }

    private double Uniform() => random.NextDouble() * 0.1 - 0.05;

    private float[] Observation() => new[] { (float)x, (float)xDot, (float)theta, (float)thetaDot };
}
