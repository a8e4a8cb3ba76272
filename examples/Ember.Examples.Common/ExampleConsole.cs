using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Ember.Examples;

/// <summary>
/// Console plumbing shared by the examples: an <see cref="ILoggerFactory"/> that also receives the
/// runtime's log lines, and a progress display that draws a bar on an interactive terminal and
/// falls back to periodic log lines when the output is redirected (CI logs stay readable).
/// </summary>
public sealed class ExampleConsole : IDisposable
{
    private readonly ILoggerFactory factory;

    public ExampleConsole(string name)
    {
        factory = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(LogLevel.Information));
        EmberRuntime.UseLoggerFactory(factory);
        Log = factory.CreateLogger(name);
    }

    public ILogger Log { get; }

    /// <summary>True when a live progress bar can be drawn (a terminal, not a pipe or CI log).</summary>
    public static bool Interactive =>
        AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected &&
        Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>
    /// Runs <paramref name="body"/> with a progress task of <paramref name="total"/> steps. The body
    /// reports each step with the callback (steps done, a short status text).
    /// </summary>
    public void WithProgress(string title, long total, Action<Action<long, string>> body)
    {
        if (!Interactive)
        {
            long nextReport = Math.Max(1, total / 5);
            body((done, status) =>
            {
                if (done >= nextReport || done == total)
                {
                    Log.LogInformation("{Title}: {Done}/{Total} {Status}", title, done, total, status);
                    nextReport = done + Math.Max(1, total / 5);
                }
            });
            return;
        }

        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: total);
                body((done, status) =>
                {
                    task.Value = done;
                    task.Description = Markup.Escape($"{title} {status}");
                });
            });
    }

    public void Dispose()
    {
        EmberRuntime.UseLoggerFactory(null);
        factory.Dispose();
    }
}
