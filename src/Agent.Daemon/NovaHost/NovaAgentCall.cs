using System.Globalization;
using System.Text;
using System.Text.Json;
using GuestAgent.Daemon.Cli;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// The host side of one request, done exactly as Nova's dom0 plugin (<c>agent.py</c>) does it: write
/// <c>{"name": …, "value": …}</c> to <c>/local/domain/N/data/host/&lt;uuid&gt;</c> as its
/// <c>xenstore-write</c> stores it (<see cref="XenStoreWriteText"/>), read
/// <c>data/guest/&lt;uuid&gt;</c> every 0.5 s as its <c>xenstore-read</c> prints it (<see cref="XenStoreReadText"/>),
/// and on timeout (or when the domain's <c>name</c> node
/// disappears, i.e. the guest rebooted) delete the request and fail with the plugin's texts. Unlike
/// the plugin, a XenStore that stops answering cannot hold the call past its timeout.
/// </summary>
internal sealed class NovaAgentCall
{
    /// <summary>The dom0 plugin's polling interval.</summary>
    public static readonly TimeSpan NovaPollInterval = TimeSpan.FromSeconds(0.5);

    private readonly XenStoreOperations _xenstore;
    private readonly string _domainHome;
    private readonly int _domainId;

    public NovaAgentCall(XenStoreOperations xenstore, int domainId)
    {
        _xenstore = xenstore;
        _domainId = domainId;
        _domainHome = "/local/domain/" + domainId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>How often the response node is read: Nova's 0.5 s unless a caller (the demo) wants quicker turns.</summary>
    public TimeSpan PollInterval { get; init; } = NovaPollInterval;

    /// <summary>How long removing the request on the way out may take, after the timeout (or the cancellation). Default 5 s.</summary>
    public TimeSpan WithdrawalTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock of the polling, the timeout and the withdrawal; tests give a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called with the request path and JSON once a request is written (the demo prints it).</summary>
    public Action<string, string>? RequestWritten { get; init; }

    /// <summary>
    /// Called with the request JSON and the text <c>xenstore-read</c> shows for what is stored instead,
    /// before writing, when <c>xenstore-write</c>'s un-escaping changes the request (a JSON escape in
    /// a hand-made value): the agent gets what Nova's would, not what was typed.
    /// </summary>
    public Action<string, string>? RequestUnescaped { get; init; }

    /// <summary>Called with the response path and JSON once a response is read.</summary>
    public Action<string, string>? ResponseRead { get; init; }

    /// <summary>The node that exists as long as the domain does (the toolstack writes it at creation).</summary>
    private string NamePath => _domainHome + "/name";

    /// <summary>The request JSON as the plugin's <c>json.dumps({"name": name, "value": value})</c> writes it.</summary>
    /// <param name="command">The command name.</param>
    /// <param name="valueJson">The value as any valid JSON text; it is re-written in <c>json.dumps</c> form.</param>
    public static string RequestJson(string command, string valueJson)
    {
        using var value = JsonDocument.Parse(valueJson);
        return $"{{\"name\": {PythonJson.Quote(command)}, \"value\": {PythonJson.Dumps(value.RootElement)}}}";
    }

    /// <summary>
    /// Sends one request and returns the response as the plugin hands it to Nova: the text
    /// <c>xenstore-read</c> prints for it, stripped (an answer with a JSON escape or a byte outside
    /// printable ASCII is escaped again, as Nova gets it). <paramref name="timeout"/> covers every
    /// XenStore operation of the call, the first WRITE included (a XenStore that accepts the
    /// connection and never answers must not hold a host for ever); the removal of the request on
    /// the way out (timeout, reboot, cancellation) has <see cref="WithdrawalTimeout"/> more.
    /// </summary>
    /// <param name="command">The command name.</param>
    /// <param name="valueJson">The request value as JSON text.</param>
    /// <param name="timeout">How long to wait for the response (Nova: 30 s, 60 s for resetnetwork).</param>
    /// <param name="requestId">The request id; a fresh lowercase UUID (as Nova's) when null.</param>
    /// <param name="cancellationToken">Stops waiting; the request is then withdrawn.</param>
    /// <exception cref="DaemonException">No response in time, no such domain (nothing is written then), or the domain went away.</exception>
    /// <exception cref="NovaCallInterruptedException">Cancelled; says whether the request was withdrawn.</exception>
    public async Task<string> SendAsync(string command, string valueJson, TimeSpan timeout, string? requestId = null, CancellationToken cancellationToken = default)
    {
        var id = requestId ?? Guid.NewGuid().ToString("D");
        var requestPath = $"{_domainHome}/data/host/{id}";
        var responsePath = $"{_domainHome}/data/guest/{id}";
        var request = RequestJson(command, valueJson);
        var typed = Encoding.UTF8.GetBytes(request);
        // Nova's plugin writes with the plain xenstore-write, which un-escapes its argument: the agent
        // gets those bytes, so a test of the agent through call sees what it would see from Nova.
        var stored = XenStoreWriteText.Of(typed);
        if (!stored.AsSpan().SequenceEqual(typed))
        {
            RequestUnescaped?.Invoke(request, XenStoreReadText.Of(stored));
        }

        using var deadline = new CancellationTokenSource(timeout, Time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var sending = false;
        try
        {
            // The WRITE would create the missing parents as dom0: a mistyped --domid would leave a
            // stray /local/domain/N/data/host behind, and then be reported as a reboot.
            if (await _xenstore.TryReadAsync(NamePath, bounded.Token).ConfigureAwait(false) is null)
            {
                throw new DaemonException($"domain {_domainId} does not exist (no {NamePath})");
            }

            sending = true;
            try
            {
                await _xenstore.WriteAsync(requestPath, stored, bounded.Token).ConfigureAwait(false);
            }
            catch (XenStoreErrorException refused) when (refused.ErrorName == XenStoreErrors.TooBig)
            {
                // Said for what it is: "XenStore Write '…' failed: E2BIG" left the operator to guess
                // that the value was too long, and whether the agent might still see a part of it.
                var bytes = Encoding.UTF8.GetByteCount(requestPath) + 1 + stored.Length;
                throw new DaemonException(
                    $"the request is too large for XenStore ({bytes} bytes with its path {requestPath}; one XenStore message holds at most " +
                    $"{XenStoreLimits.PayloadMax.ToString(CultureInfo.InvariantCulture)}): XenStore refused it (E2BIG) and nothing was written");
            }

            RequestWritten?.Invoke(requestPath, Encoding.UTF8.GetString(stored));
            return await WaitForResponseAsync(requestPath, responsePath, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!sending)
        {
            // Cut off while checking the domain: no WRITE went out, so there is nothing to withdraw.
            throw cancellationToken.IsCancellationRequested
                ? NovaCallInterruptedException.NothingSent(cancellationToken)
                : new DaemonException($"TIMEOUT: No response from XenStore within {Seconds(timeout)} seconds; the request was not sent.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted (Ctrl-C): withdraw the request as a timeout would, so nothing runs later. A
            // WRITE cut short may still reach XenStore, so the removal is tried then too.
            throw new NovaCallInterruptedException(await WithdrawAsync(requestPath).ConfigureAwait(false), cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var failure = await WithdrawAsync(requestPath).ConfigureAwait(false);
            throw new DaemonException($"TIMEOUT: No response from agent within {Seconds(timeout)} seconds.{NotWithdrawn(failure)}");
        }
    }

    private async Task<string> WaitForResponseAsync(string requestPath, string responsePath, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await _xenstore.TryReadAsync(responsePath, cancellationToken).ConfigureAwait(false) is { } response)
            {
                // What the plugin's read_record hands Nova: xenstore-read's text of the value, stripped.
                // Read raw, an answer holding a JSON escape or a byte outside printable ASCII (which Nova
                // gets escaped again, so changed or not JSON at all) looked accepted here.
                var text = XenStoreReadText.Of(response).Trim();
                ResponseRead?.Invoke(responsePath, text);
                return text;
            }

            await Task.Delay(PollInterval, Time, cancellationToken).ConfigureAwait(false);
            if (await _xenstore.TryReadAsync(NamePath, cancellationToken).ConfigureAwait(false) is null)
            {
                var failure = await WithdrawAsync(requestPath).ConfigureAwait(false);
                throw new DaemonException($"REBOOT: dom_id {_domainId} no longer present{(failure is null ? "" : "." + NotWithdrawn(failure))}");
            }
        }
    }

    /// <summary>Removes the request within <see cref="WithdrawalTimeout"/>; null when XenStore confirmed it, else why not.</summary>
    private async Task<string?> WithdrawAsync(string requestPath)
    {
        using var budget = new CancellationTokenSource(WithdrawalTimeout, Time);
        try
        {
            await _xenstore.RemoveAsync(requestPath, budget.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return $"XenStore did not answer its removal within {Seconds(WithdrawalTimeout)} seconds";
        }
        catch (XenStoreErrorException gone) when (gone.ErrorName == XenStoreErrors.NotFound)
        {
            // XenStore refuses to remove a missing node only when its parent is gone too: the
            // domain was destroyed (REBOOT), and nothing is left that an agent could run.
            return null;
        }
        catch (XenStoreException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>Nova's texts say nothing of the removal, which its plugin assumes; one that failed is added.</summary>
    private static string NotWithdrawn(string? failure) =>
        failure is null ? "" : $" The request could not be withdrawn ({failure}); the agent may still run it.";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
