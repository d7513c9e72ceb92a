using System.Collections.Concurrent;

namespace GuestAgent.Commands;

/// <summary>
/// State that lives as long as one peer of an exchange: for example the Diffie-Hellman key that a
/// <c>keyinit</c> leaves for the following <c>password</c>. The exchange owns its sessions and chooses
/// their scope: one for all its requests when it has one peer (XenStore), or one per connection of a
/// multi-client transport (a socket), so that one client's <c>keyinit</c> never serves another's
/// <c>password</c>. Two exchanges never share a session. Values are keyed by their type; thread-safe.
/// </summary>
public sealed class ExchangeSession
{
    private readonly ConcurrentDictionary<Type, object> _items = new();
    private readonly ConcurrentDictionary<string, bool> _boundAnswers = new(StringComparer.Ordinal);

    /// <summary>Returns the session's value of type <typeparamref name="T"/>, creating it on first use.</summary>
    public T GetOrAdd<T>(Func<T> factory) where T : class =>
        (T)_items.GetOrAdd(typeof(T), static (_, f) => f(), factory);

    /// <summary>Returns the session's value of type <typeparamref name="T"/>, or <c>null</c>.</summary>
    public T? Get<T>() where T : class => _items.TryGetValue(typeof(T), out var value) ? (T)value : null;

    /// <summary>Stores (or replaces) the session's value of type <typeparamref name="T"/>.</summary>
    public void Set<T>(T value) where T : class => _items[typeof(T)] = value;

    /// <summary>Removes the session's value of type <typeparamref name="T"/>, returning it.</summary>
    public T? Remove<T>() where T : class => _items.TryRemove(typeof(T), out var value) ? (T)value : null;

    /// <summary>
    /// Removes the session's value of type <typeparamref name="T"/> only if it is still
    /// <paramref name="expected"/> (the same instance): how a timer retires a value without taking a
    /// newer one that replaced it meanwhile.
    /// </summary>
    /// <returns>Whether <paramref name="expected"/> was removed.</returns>
    public bool Remove<T>(T expected) where T : class =>
        _items.TryRemove(new KeyValuePair<Type, object>(typeof(T), expected));

    /// <summary>
    /// Marks the answer to request <paramref name="requestId"/> as referring to state kept in this
    /// session (<c>keyinit</c>'s public key stands for the private key kept here). Sessions live in
    /// memory, so an exchange that journals answers to survive a crash must not replay such an answer
    /// after the agent restarts: the new process lacks that state, and running the command again is
    /// the only honest answer. The host takes the mark into <c>AgentResponse.BoundToSession</c>.
    /// </summary>
    public void BindAnswer(string requestId) => _boundAnswers[requestId] = true;

    /// <summary>Whether <see cref="BindAnswer"/> marked the answer to <paramref name="requestId"/>; clears the mark.</summary>
    public bool TakeAnswerBinding(string requestId) => !_boundAnswers.IsEmpty && _boundAnswers.TryRemove(requestId, out _);
}
