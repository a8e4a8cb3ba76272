using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace Ember.Tests.Api;

/// <summary>Native log lines reach an ILogger through EmberRuntime.UseLoggerFactory.</summary>
[TestFixture]
[NonParallelizable]
public sealed class LoggingTests
{
    [TearDown]
    public void StopLogging() => EmberRuntime.UseLoggerFactory(null);

    [Test]
    public void UseLoggerFactoryRoutesTheNativeLogLine()
    {
        var factory = new CapturingLoggerFactory(LogLevel.Information);
        EmberRuntime.UseLoggerFactory(factory);

        List<CapturedLine> native = factory.Lines.FindAll(l => l.Category == EmberRuntime.NativeLogCategory);
        Assert.That(native, Is.Not.Empty, "the runtime logs a line when a logger is attached");
        Assert.That(native[0].Level, Is.EqualTo(LogLevel.Information));
        Assert.That(native[0].Message, Does.Contain("Ember runtime").And.Contain(EmberRuntime.CpuIsa));

        List<CapturedLine> managed = factory.Lines.FindAll(l => l.Category == EmberRuntime.LogCategory);
        Assert.That(managed, Is.Not.Empty, "the managed layer logs the library it loaded");
        Assert.That(managed[0].Message, Does.Contain(EmberRuntime.NativeLibraryPath!));
    }

    [Test]
    public void NoLinesBelowTheEnabledLevel()
    {
        var factory = new CapturingLoggerFactory(LogLevel.Error);
        EmberRuntime.UseLoggerFactory(factory);
        Assert.That(factory.Lines.FindAll(l => l.Level < LogLevel.Error), Is.Empty);
    }

    [Test]
    public void NullStopsLogging()
    {
        var factory = new CapturingLoggerFactory(LogLevel.Trace);
        EmberRuntime.UseLoggerFactory(factory);
        EmberRuntime.UseLoggerFactory(null);
        int count = factory.Lines.Count;
        using (Tensor.Ones(2).MatMul(Tensor.Ones(2)))
        {
        }

        Assert.That(factory.Lines, Has.Count.EqualTo(count));
    }

    [Test]
    public void AThrowingLoggerDoesNotBreakTheRuntime()
    {
        var factory = new CapturingLoggerFactory(LogLevel.Trace) { Throw = true };
        Assert.DoesNotThrow(() => EmberRuntime.UseLoggerFactory(factory) );
        using Tensor t = Tensor.Ones(2) + 1;
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 2, 2 }));
    }

    private sealed record CapturedLine(string Category, LogLevel Level, string Message);

    /// <summary>A logger factory that records every line (for tests).</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        private readonly LogLevel minimum;

        public CapturingLoggerFactory(LogLevel minimum) => this.minimum = minimum;

        public List<CapturedLine> Lines { get; } = new();

        public bool Throw { get; init; }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        private sealed class Logger : ILogger
        {
            private readonly CapturingLoggerFactory owner;
            private readonly string category;

            public Logger(CapturingLoggerFactory owner, string category)
            {
                this.owner = owner;
                this.category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.minimum && logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (owner.Throw && category == EmberRuntime.NativeLogCategory)
                {
                    throw new InvalidOperationException("a broken logger");
                }

                lock (owner.Lines)
                {
                    owner.Lines.Add(new CapturedLine(category, logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
