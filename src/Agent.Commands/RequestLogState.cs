using System.Collections;

namespace GuestAgent.Commands;

/// <summary>
/// What a <see cref="RequestLogger"/> passes on as a message's state: the command's own key/value
/// pairs, with the request's id added as <c>RequestId</c>, the key the host's own lines about the
/// request use (<c>Request {RequestId}: …</c>), and the text, already prefixed. A structured logger
/// reads the pairs, not the text, so it learns the id from here.
/// </summary>
/// <remarks>
/// Not generic over the command's state, on purpose: a state type built from the logged one
/// (<c>RequestLogState&lt;TState&gt;</c>) is an unbounded generic recursion to NativeAOT, since the
/// inner logger could itself be a <see cref="RequestLogger"/> (ILC fails on it). The text is made
/// once, when the message is enabled, as the inner logger would make it anyway.
/// </remarks>
internal sealed class RequestLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The formatter that goes with this state: the text, already prefixed.</summary>
    public static readonly Func<RequestLogState, Exception?, string> Formatter = static (state, _) => state.Text;

    private readonly IReadOnlyList<KeyValuePair<string, object?>>? _pairs;
    private readonly bool _addsId;

    /// <param name="requestId">The request's id (its node name under <c>data/host</c>).</param>
    /// <param name="text">The message, <c>Request &lt;id&gt;: </c> first.</param>
    /// <param name="pairs">The command's own pairs, if its state has any.</param>
    public RequestLogState(string requestId, string text, IReadOnlyList<KeyValuePair<string, object?>>? pairs)
    {
        RequestId = requestId;
        Text = text;
        _pairs = pairs;
        // A command that logs a RequestId of its own keeps it: a key twice is ambiguous to every reader.
        _addsId = pairs is null || !HasRequestId(pairs);
    }

    /// <summary>The request's id.</summary>
    public string RequestId { get; }

    /// <summary>The message as written: <c>Request &lt;id&gt;: </c>, then the command's text.</summary>
    public string Text { get; }

    public int Count => (_pairs?.Count ?? 0) + (_addsId ? 1 : 0);

    /// <summary>The request id first, then the command's own pairs in their order (<c>{OriginalFormat}</c> last, as logged).</summary>
    public KeyValuePair<string, object?> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (_addsId)
            {
                return index == 0 ? new(RequestLogger.RequestIdKey, RequestId) : _pairs![index - 1];
            }

            return _pairs![index];
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text, for a logger that renders the state itself: the same line the formatter gives.</summary>
    public override string ToString() => Text;

    private static bool HasRequestId(IReadOnlyList<KeyValuePair<string, object?>> pairs)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Key == RequestLogger.RequestIdKey)
            {
                return true;
            }
        }

        return false;
    }
}
