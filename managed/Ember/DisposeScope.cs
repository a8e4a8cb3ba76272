using System;
using System.Collections.Generic;
using System.Threading;

namespace Ember;

/// <summary>
/// Disposes, in one go, every tensor created on this thread while the scope is active, so that
/// native memory is freed deterministically without a <c>using</c> per intermediate result.
/// </summary>
/// <remarks>
/// <para>
/// <c>using var scope = DisposeScope.Begin();</c> makes a new scope the thread's current one.
/// Every <see cref="Tensor"/> created on the same thread from then on (by a factory, an operation,
/// a view, an indexer) is owned by the innermost active scope. When the scope is disposed, every
/// tensor it still owns is disposed and the enclosing scope (if any) becomes current again.
/// </para>
/// <para>
/// To let a tensor outlive the scope, <see cref="Keep(Tensor)"/> it (or call
/// <see cref="Tensor.MoveToOuterScope"/>): it moves to the enclosing scope, which disposes it in
/// turn, or is owned by nobody when there is none (the caller then disposes it). The usual
/// pattern is <c>return scope.Keep(result);</c>. <see cref="Tensor.DetachFromDisposeScope"/>
/// releases a tensor from every scope at once.
/// </para>
/// <para>
/// Scopes nest and are per thread (tensors created on other threads are not tracked). Dispose a
/// scope on the thread that began it; disposing an outer scope also disposes the inner ones still
/// open. A scope does not flow across <c>await</c>: do not await inside one. Tensors disposed by hand
/// inside a scope are fine (disposal is idempotent).
/// </para>
/// </remarks>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly List<Tensor?> tensors = new();
    private readonly Thread owner;
    private int live;
    private bool disposed;

    private DisposeScope(DisposeScope? parent)
    {
        Parent = parent;
        owner = Thread.CurrentThread;
    }

    /// <summary>The innermost active scope of the calling thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope that was current when this one began (it receives kept tensors), or null.</summary>
    public DisposeScope? Parent { get; }

    /// <summary>How many tensors this scope will dispose when it ends.</summary>
    public int Count => live;

    /// <summary>Whether the scope has ended.</summary>
    public bool IsDisposed => disposed;

    /// <summary>Begins a scope nested in the current one and makes it current.</summary>
    /// <returns>The scope; dispose it (<c>using</c>) to dispose its tensors.</returns>
    public static DisposeScope Begin()
    {
        var scope = new DisposeScope(current);
        current = scope;
        return scope;
    }

    /// <summary>
    /// Lets <paramref name="tensor"/> outlive this scope: it moves to the enclosing scope, or to no
    /// scope when there is none. Does nothing for a tensor owned by an outer scope or by none.
    /// </summary>
    /// <param name="tensor">A tensor owned by this scope or by a scope nested in it.</param>
    /// <returns><paramref name="tensor"/>, for <c>return scope.Keep(result);</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The scope has ended.</exception>
    /// <exception cref="InvalidOperationException">Called on a thread other than the scope's.</exception>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckThread();
        if (IsSelfOrInner(tensor.OwnerScope))
        {
            Move(tensor, Parent);
        }

        return tensor;
    }

    /// <summary>Keeps several tensors (see <see cref="Keep(Tensor)"/>).</summary>
    /// <param name="tensors">Tensors owned by this scope or by scopes nested in it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of its elements is null.</exception>
    /// <exception cref="ObjectDisposedException">The scope has ended.</exception>
    public void Keep(params Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (Tensor tensor in tensors)
        {
            Keep(tensor);
        }
    }

    /// <summary>Keeps both tensors of a pair such as the (values, indices) result of <see cref="Tensor.Max(int, bool)"/>.</summary>
    /// <param name="pair">The two tensors.</param>
    /// <returns><paramref name="pair"/>.</returns>
    /// <exception cref="ArgumentNullException">One of the tensors is null.</exception>
    /// <exception cref="ObjectDisposedException">The scope has ended.</exception>
    public (Tensor Values, Tensor Indices) Keep((Tensor Values, Tensor Indices) pair)
    {
        Keep(pair.Values);
        Keep(pair.Indices);
        return pair;
    }

    /// <summary>
    /// Makes this scope the owner of <paramref name="tensor"/> (created outside it, or owned by
    /// another scope), so it is disposed when this scope ends.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The scope has ended.</exception>
    /// <exception cref="InvalidOperationException">Called on a thread other than the scope's.</exception>
    public Tensor Attach(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckThread();
        Move(tensor, this);
        return tensor;
    }

    /// <summary>
    /// Ends the scope: disposes every tensor it still owns (and ends inner scopes still open), and
    /// makes the enclosing scope current again. Calling it again does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called on a thread other than the one that began the scope.</exception>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        CheckThread();

        // Inner scopes still open end first (an outer using ended before an inner one).
        while (current is not null && current != this && IsSelfOrInner(current))
        {
            current.Dispose();
        }

        disposed = true;
        for (int i = 0; i < tensors.Count; i++)
        {
            Tensor? tensor = tensors[i];
            if (tensor is not null)
            {
                tensor.OwnerScope = null;
                tensor.Dispose();
            }
        }

        tensors.Clear();
        live = 0;
        if (current == this)
        {
            current = Parent;
        }
    }

    /// <summary>Called for every new tensor: the current scope of this thread takes it.</summary>
    internal static void Track(Tensor tensor)
    {
        DisposeScope? scope = current;
        if (scope is not null)
        {
            scope.Add(tensor);
        }
    }

    /// <summary>Called when a tensor is disposed by hand: its slot is freed so the list does not hold it.</summary>
    internal static void Forget(Tensor tensor)
    {
        DisposeScope? scope = tensor.OwnerScope;
        if (scope is not null && scope.owner == Thread.CurrentThread && !scope.disposed)
        {
            scope.Remove(tensor);
        }
    }

    /// <summary>Moves a tensor to another scope (or to none).</summary>
    internal void CheckOwnerThread() => CheckThread();

    internal static void Move(Tensor tensor, DisposeScope? target)
    {
        DisposeScope? from = tensor.OwnerScope;
        if (from == target)
        {
            return;
        }

        from?.Remove(tensor);
        if (target is not null && !target.disposed)
        {
            target.Add(tensor);
        }
    }

    private void Add(Tensor tensor)
    {
        tensor.OwnerScope = this;
        tensor.OwnerSlot = tensors.Count;
        tensors.Add(tensor);
        live++;
    }

    private void Remove(Tensor tensor)
    {
        int slot = tensor.OwnerSlot;
        if (slot < tensors.Count && ReferenceEquals(tensors[slot], tensor))
        {
            tensors[slot] = null;
            live--;

            // Trailing holes are dropped, so a loop that creates and disposes a tensor per step does not grow the list.
            while (tensors.Count > 0 && tensors[^1] is null)
            {
                tensors.RemoveAt(tensors.Count - 1);
            }
        }

        tensor.OwnerScope = null;
    }

    private bool IsSelfOrInner(DisposeScope? scope)
    {
        for (DisposeScope? s = scope; s is not null; s = s.Parent)
        {
            if (s == this)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckThread()
    {
        if (owner != Thread.CurrentThread)
        {
            throw new InvalidOperationException("A DisposeScope must be used on the thread that began it.");
        }
    }
}
