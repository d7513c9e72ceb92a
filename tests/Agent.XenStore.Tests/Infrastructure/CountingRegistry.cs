using System.Collections.Concurrent;
using System.Text;
using GuestAgent.Commands;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A hand-written registry that counts how often each request id ran. Its command <c>echo</c> answers
/// its value; <c>bound</c> does too, marked as bound to the session (as <c>keyinit</c>'s answer is).
/// </summary>
internal sealed class CountingRegistry : ICommandRegistry
{
    public ConcurrentDictionary<string, int> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>Request ids in the order the command ran.</summary>
    public ConcurrentQueue<string> Order { get; } = new();

    public IReadOnlyList<CommandDescriptor> Commands => [];

    public int TotalRuns => Runs.Values.Sum();

    /// <summary>Called with the request id while the command runs, before its result is returned.</summary>
    public Action<string>? WhileRunning { get; set; }

    public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
    {
        var bound = utf8Name.SequenceEqual("bound"u8);
        if (!bound && !utf8Name.SequenceEqual("echo"u8))
        {
            result = default;
            return false;
        }

        Order.Enqueue(invocation.RequestId);
        Runs.AddOrUpdate(invocation.RequestId, 1, (_, count) => count + 1);
        WhileRunning?.Invoke(invocation.RequestId);
        if (bound)
        {
            invocation.Session.BindAnswer(invocation.RequestId);
        }

        var ok = CommandResult.Ok(Encoding.UTF8.GetString(value.Span).Trim('"'));
        result = _held is { } held && held.Id == invocation.RequestId ? HoldAsync(held, ok) : new(ok);
        return true;
    }

    /// <summary>Makes the command for <paramref name="id"/> wait for <paramref name="release"/>; returns a task that completes when it starts.</summary>
    public Task Hold(string id, Task release)
    {
        _held = (id, release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _held.Value.Started.Task;
    }

    private (string Id, Task Release, TaskCompletionSource Started)? _held;

    private static async ValueTask<CommandResult> HoldAsync((string Id, Task Release, TaskCompletionSource Started) held, CommandResult result)
    {
        held.Started.TrySetResult();
        await held.Release;
        return result;
    }
}
