using System.Globalization;

namespace GuestAgent.Testing;

/// <summary>
/// Every test project runs in <see cref="HostileCulture"/>: a runner setting (xunit's <c>culture</c>) or a
/// project turning invariant globalization back on would otherwise quietly take the check away.
/// </summary>
public sealed class HostileCultureTests
{
    [Fact]
    public async Task Tests_and_the_thread_pool_run_in_the_hostile_culture()
    {
        Assert.Same(HostileCulture.Culture, CultureInfo.CurrentCulture);
        Assert.Equal("\u22121,5", (-1.5).ToString(CultureInfo.CurrentCulture));
        Assert.Equal("İ", "i".ToUpper(CultureInfo.CurrentCulture));

        var pooled = await Task.Run(() => CultureInfo.CurrentCulture);
        Assert.Same(HostileCulture.Culture, pooled);
        var started = CultureInfo.InvariantCulture;
        var thread = new Thread(() => started = CultureInfo.CurrentCulture);
        thread.Start();
        thread.Join();
        Assert.Same(HostileCulture.Culture, started);
    }
}
