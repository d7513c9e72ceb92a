using System.Runtime.InteropServices;
using GuestAgent.Daemon.Hosting;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>
/// <c>run</c>'s SIGHUP handler against a hangup the runtime hands it after it was disposed: the
/// runtime copies a signal's handlers before running them on a thread of its own, so one picked
/// just before the registration went still runs. It is called here directly, as that thread would,
/// since a real SIGHUP after the disposal would end the test process (the default is back).
/// </summary>
public sealed class HangupHandlerTests
{
    [Fact]
    public void A_hangup_handled_after_the_handler_was_disposed_does_not_throw_on_the_signal_thread()
    {
        var handler = HangupHandler.Register();
        handler.Dispose();
        var late = new PosixSignalContext(PosixSignal.SIGHUP);

        var thrown = Record.Exception(() => handler.Caught(late));

        Assert.Null(thrown);
        Assert.True(late.Cancel);
    }

    [Fact]
    public async Task A_hangup_caught_before_the_log_begins_is_logged_once_it_does()
    {
        using var handler = HangupHandler.Register();
        handler.Caught(new PosixSignalContext(PosixSignal.SIGHUP));
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (handler.LogEach(() => logged.TrySetResult()))
        {
            await logged.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        }

        Assert.True(logged.Task.IsCompletedSuccessfully);
    }
}
