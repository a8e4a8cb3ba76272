using System;
using Ember.Native;

namespace Ember;

/// <summary>
/// Restores the calling thread's grad mode when disposed; returned by <see cref="Autograd.NoGrad"/>,
/// <see cref="Autograd.EnableGrad"/> and <see cref="Autograd.SetGradEnabled"/>.
/// </summary>
/// <remarks>
/// Grad mode is per thread: dispose the scope on the thread that made it (<c>using</c> does),
/// and do not <c>await</c> inside it (the rest of the method may resume on another thread).
/// Disposing the default value does nothing.
/// </remarks>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool active;
    private readonly bool previous;

    internal GradModeScope(bool enabled)
    {
        previous = Autograd.RawGradMode;
        active = true;
        Autograd.SetRawGradMode(enabled);
    }

    /// <summary>Restores the grad mode that was in effect when the scope began.</summary>
    public void Dispose()
    {
        if (active)
        {
            Autograd.SetRawGradMode(previous);
        }
    }
}

/// <summary>
/// Restores the calling thread's inference mode when disposed; returned by
/// <see cref="Autograd.InferenceMode"/>. Same rules as <see cref="GradModeScope"/>.
/// </summary>
public readonly struct InferenceModeScope : IDisposable
{
    private readonly bool active;
    private readonly bool previous;

    internal InferenceModeScope(bool enabled)
    {
        previous = NativeMethods.ember_is_inference_mode_enabled();
        active = true;
        Autograd.SetInferenceMode(enabled);
    }

    /// <summary>Restores the inference mode that was in effect when the scope began.</summary>
    public void Dispose()
    {
        if (active)
        {
            Autograd.SetInferenceMode(previous);
        }
    }
}
