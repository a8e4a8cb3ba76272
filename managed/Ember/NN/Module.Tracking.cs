using System;
using System.Collections.Generic;
using System.Threading;

namespace Ember.NN;

// Detection of submodules that were created but never registered (docs/modules.md, "Unregistered
// submodules"). Every module gets a creation number from one process-wide counter and is listed
// in its creating thread's list of modules. Two rules use them:
//  1. Construction window. A module's window runs from its creation to its last Register* call
//     made by its own code (containers' public Add methods do not extend it). When a module is
//     first used, every module in its tree is checked: a module of the same thread created inside
//     the window that still has no parent (and is not disposed, nor the tree's root) was made
//     during construction and forgotten.
//  2. Forward. A module without a parent called from inside another module's Call and created
//     before that call began is a forgotten submodule too: this catches one made after the
//     constructor's last registration, in a field initializer (which runs before the base
//     constructor, so before the window opens) or passed to the constructor. Modules made during
//     the forward are temporaries and are allowed.
public abstract partial class Module
{
    private const int CompactThreshold = 64;

    private static long creationCounter;

    [ThreadStatic]
    private static CreationList? threadCreations;

    [ThreadStatic]
    private static List<(Module Module, long StartMark)>? callStack;

    private long creationNumber;
    private long registrationMark;
    private CreationList? creations;
    private bool verified;

    private sealed class CreationList
    {
        public readonly List<WeakReference<Module>> Items = new();
        public int CompactAt = CompactThreshold;
    }

    private void Track()
    {
        creationNumber = Interlocked.Increment(ref creationCounter);
        registrationMark = creationNumber;
        CreationList list = threadCreations ??= new CreationList();
        creations = list;
        lock (list)
        {
            if (list.Items.Count >= list.CompactAt)
            {
                // Registered, disposed and collected modules can never be reported: drop them.
                list.Items.RemoveAll(w => !w.TryGetTarget(out Module? m) || m.Parent is not null || m.disposed);
                list.CompactAt = Math.Max(CompactThreshold, list.Items.Count * 2);
            }

            list.Items.Add(new WeakReference<Module>(this));
        }
    }

    /// <summary>A registration made by the module's own code extends its construction window; any registration asks for a new check.</summary>
    private void MarkRegistration(bool fromConstruction)
    {
        if (fromConstruction)
        {
            registrationMark = Interlocked.Read(ref creationCounter);
        }

        verified = false;
        for (Module? m = Parent; m is not null && m.verified; m = m.Parent)
        {
            m.verified = false;
        }
    }

    /// <summary>Every public use of a module starts here: it must not be disposed, and its tree must be complete.</summary>
    private protected void EnsureUsable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (verified)
        {
            return;
        }

        Module root = this;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        VerifyTree(this, root);
    }

    private static void VerifyTree(Module module, Module root)
    {
        if (module.verified)
        {
            return;
        }

        module.CheckConstructionWindow(root);
        foreach (Module child in module.moduleValues)
        {
            VerifyTree(child, root);
        }

        module.verified = true;
    }

    private void CheckConstructionWindow(Module root)
    {
        CreationList? list = creations;
        if (list is null || registrationMark <= creationNumber)
        {
            return;
        }

        lock (list)
        {
            foreach (WeakReference<Module> weak in list.Items)
            {
                if (weak.TryGetTarget(out Module? other) && other.Parent is null && !other.disposed &&
                    !ReferenceEquals(other, root) && other.creationNumber > creationNumber &&
                    other.creationNumber <= registrationMark)
                {
                    throw new InvalidOperationException(
                        $"{other.TypeName} was created while {TypeName} was being constructed but was never registered: " +
                        $"call RegisterModule(name, module) in {TypeName} so that its parameters are trained, saved and moved " +
                        "(or dispose it if it was only a temporary). See docs/modules.md.");
                }
            }
        }
    }

    /// <summary>Called by <c>Call</c> before the hooks and the forward: checks and enters the call.</summary>
    private protected void EnterCall()
    {
        EnsureUsable();
        List<(Module Module, long StartMark)> stack = callStack ??= new();
        if (Parent is null && stack.Count > 0)
        {
            var (caller, startMark) = stack[^1];
            if (creationNumber <= startMark)
            {
                throw new InvalidOperationException(
                    $"{TypeName} is called inside the forward of {caller.TypeName} but was never registered in it: " +
                    $"call RegisterModule(name, module) in {caller.TypeName}'s constructor. See docs/modules.md.");
            }
        }

        stack.Add((this, Interlocked.Read(ref creationCounter)));
    }

    /// <summary>Leaves the call entered by <see cref="EnterCall"/>.</summary>
    private protected static void ExitCall()
    {
        List<(Module Module, long StartMark)>? stack = callStack;
        if (stack is { Count: > 0 })
        {
            stack.RemoveAt(stack.Count - 1);
        }
    }
}
