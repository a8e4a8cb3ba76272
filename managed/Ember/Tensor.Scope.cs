using System;

namespace Ember;

public sealed partial class Tensor
{
    /// <summary>
    /// Moves this tensor from the <see cref="DisposeScope"/> that owns it to the enclosing scope
    /// (or to none), so it survives the end of its scope. Same as <c>scope.Keep(this)</c>.
    /// </summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="InvalidOperationException">Called on a thread other than the owning scope's.</exception>
    public Tensor MoveToOuterScope()
    {
        DisposeScope? scope = OwnerScope;
        if (scope is not null)
        {
            scope.CheckOwnerThread();
            DisposeScope.Move(this, scope.Parent);
        }

        return this;
    }

    /// <summary>Releases this tensor from every <see cref="DisposeScope"/>: the caller disposes it.</summary>
    /// <returns>This tensor.</returns>
    /// <exception cref="InvalidOperationException">Called on a thread other than the owning scope's.</exception>
    public Tensor DetachFromDisposeScope()
    {
        DisposeScope? scope = OwnerScope;
        if (scope is not null)
        {
            scope.CheckOwnerThread();
            DisposeScope.Move(this, null);
        }

        return this;
    }

    /// <summary>The <see cref="DisposeScope"/> that will dispose this tensor, or null.</summary>
    public DisposeScope? DisposeScope => OwnerScope;
}
