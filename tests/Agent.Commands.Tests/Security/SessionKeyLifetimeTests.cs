using GuestAgent.Commands.Security;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>A key no <c>password</c> comes for is zeroed when its lifetime ends, not kept for the life of the agent.</summary>
public sealed class SessionKeyLifetimeTests : IDisposable
{
    private const string HostPublicKey = "\"72934389420761065950890858028106\"";
    private readonly TemporaryDirectory _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly ExchangeSession _session = new();

    [Fact]
    public async Task An_unused_key_is_removed_and_zeroed_when_its_lifetime_ends()
    {
        var services = Services();
        KeyInitCommand.KeyInit(KeyInitCommandTests.Json(HostPublicKey), Context(services, "keyinit"));
        var key = _session.Get<NovaSessionKey>()!;

        _time.Advance(PasswordOptions.Default.KeyLifetime - TimeSpan.FromTicks(1));
        Assert.Same(key, _session.Get<NovaSessionKey>());
        Assert.Contains(key.SharedSecret, b => b != 0);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(_session.Get<NovaSessionKey>());
        Assert.All(key.SharedSecret, b => Assert.Equal(0, b));

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            PasswordCommand.Password(NovaPasswordCipher.Encrypt("12345"u8, "Passw0rd!"), Context(services, "password")));
        Assert.Equal(("500", PasswordMessages.NoKeyExchange), (error.ReturnCode, error.Message));
    }

    [Fact]
    public void The_end_of_a_replaced_keys_lifetime_leaves_the_newer_key_alone()
    {
        var services = Services();
        var lifetime = PasswordOptions.Default.KeyLifetime;
        KeyInitCommand.KeyInit(KeyInitCommandTests.Json(HostPublicKey), Context(services, "keyinit"));
        _time.Advance(lifetime / 2);
        KeyInitCommand.KeyInit(KeyInitCommandTests.Json(HostPublicKey), Context(services, "keyinit"));
        var newer = _session.Get<NovaSessionKey>()!;

        _time.Advance(lifetime / 2 + TimeSpan.FromSeconds(1)); // past the first key's end
        Assert.Same(newer, _session.Get<NovaSessionKey>());
        Assert.Contains(newer.SharedSecret, b => b != 0);

        _time.Advance(lifetime / 2); // past the newer key's end
        Assert.Null(_session.Get<NovaSessionKey>());
        Assert.All(newer.SharedSecret, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_key_stored_over_one_another_keyinit_stored_meanwhile_zeroes_that_one()
    {
        // Two keyinits on one session at once: each removes the old key first, then both store.
        // The one stored first is displaced without anyone removing it, and must not live on unzeroed.
        var displaced = new NovaSessionKey([1, 2, 3]);
        displaced.StoreIn(_session, _time, PasswordOptions.Default.KeyLifetime);
        var stored = new NovaSessionKey([4, 5, 6]);

        stored.StoreIn(_session, _time, PasswordOptions.Default.KeyLifetime);

        Assert.Same(stored, _session.Get<NovaSessionKey>());
        Assert.All(displaced.SharedSecret, b => Assert.Equal(0, b));
        Assert.Equal([4, 5, 6], stored.SharedSecret);
        // The displaced key's timer is gone too: its end leaves the stored key alone.
        _time.Advance(PasswordOptions.Default.KeyLifetime - TimeSpan.FromTicks(1));
        Assert.Same(stored, _session.Get<NovaSessionKey>());
    }

    [Fact]
    public void A_key_taken_before_its_timer_is_made_disposes_that_timer()
    {
        // A password (or another keyinit) can take the key between its storing and its timer's making:
        // the timer made after that must not be left running to the end of the lifetime.
        var key = new NovaSessionKey([1, 2, 3]);
        var time = new TakingTimeProvider(_time, () =>
        {
            Assert.True(_session.Remove(key));
            key.Dispose();
        });

        key.StoreIn(_session, time, PasswordOptions.Default.KeyLifetime);

        Assert.Null(_session.Get<NovaSessionKey>());
        Assert.All(key.SharedSecret, b => Assert.Equal(0, b));
        var timer = Assert.Single(time.Timers);
        Assert.True(timer.Disposed);
    }

    [Fact]
    public void A_stored_keys_timer_is_disposed_with_the_key()
    {
        var key = new NovaSessionKey([1, 2, 3]);
        var time = new TakingTimeProvider(_time, () => { });
        key.StoreIn(_session, time, PasswordOptions.Default.KeyLifetime);
        var timer = Assert.Single(time.Timers);
        Assert.False(timer.Disposed);

        Assert.True(_session.Remove(key));
        key.Dispose();

        Assert.True(timer.Disposed);
    }

    [Fact]
    public void The_lifetime_comes_from_the_password_options()
    {
        var services = Services().Add(new PasswordOptions { KeyLifetime = TimeSpan.FromSeconds(30) });
        KeyInitCommand.KeyInit(KeyInitCommandTests.Json(HostPublicKey), Context(services, "keyinit"));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(_session.Get<NovaSessionKey>());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_session.Get<NovaSessionKey>());
    }

    public static TheoryData<TimeSpan> LifetimesNoTimerTakes() =>
        [TimeSpan.Zero, TimeSpan.FromSeconds(-5), TimeSpan.FromMilliseconds(uint.MaxValue), TimeSpan.MaxValue];

    [Theory]
    [MemberData(nameof(LifetimesNoTimerTakes))]
    public void A_key_lifetime_no_timer_can_take_is_refused_when_the_options_are_made(TimeSpan lifetime)
    {
        // Found by keyinit only after it had stored the key, it answered an internal error and left
        // a key that never expired for the next password.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordOptions { KeyLifetime = lifetime });

        Assert.Equal("KeyLifetime", error.ParamName);
    }

    [Fact]
    public void The_longest_lifetime_a_timer_takes_and_an_infinite_one_are_accepted()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, new PasswordOptions { KeyLifetime = Timeout.InfiniteTimeSpan }.KeyLifetime);
        var longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        var services = Services().Add(new PasswordOptions { KeyLifetime = longest });

        KeyInitCommand.KeyInit(KeyInitCommandTests.Json(HostPublicKey), Context(services, "keyinit"));

        Assert.NotNull(_session.Get<NovaSessionKey>());
    }

    public void Dispose() => _root.Dispose();

    private ServiceMap Services() => AgentSystem.ForRoot(_root.Path, _time).AddTo(new ServiceMap());

    private CommandContext Context(ServiceMap services, string command) =>
        new(Guid.NewGuid().ToString(), command, _session, services, TestContext.Current.CancellationToken);

    /// <summary>Runs <c>beforeTimer</c> when a timer is asked for, and records the timers made.</summary>
    private sealed class TakingTimeProvider(TimeProvider inner, Action beforeTimer) : TimeProvider
    {
        public List<RecordedTimer> Timers { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            beforeTimer();
            var timer = new RecordedTimer(inner.CreateTimer(callback, state, dueTime, period));
            Timers.Add(timer);
            return timer;
        }
    }

    private sealed class RecordedTimer(ITimer inner) : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            Disposed = true;
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
