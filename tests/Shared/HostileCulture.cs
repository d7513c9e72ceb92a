using System.Globalization;
using System.Runtime.CompilerServices;

namespace GuestAgent.Testing;

/// <summary>
/// Runs every test under a culture that differs from the invariant one wherever culture can leak into
/// text: the daemon is built with invariant globalization, but the SDK's packages, the code the
/// generator emits and the generator itself (inside the compiler) run in the culture of whoever hosts
/// them. A number, date or case mapping formatted with the current culture instead of the invariant
/// one shows here as a failed assertion instead of a Turkish, Swedish or Thai user's bug report.
/// The culture: tr-TR (dotted and dotless i, a decimal comma, ∞) with sv-SE's U+2212 minus, a no-break
/// space between thousands, and th-TH's Buddhist calendar with '.' between hours, minutes and seconds.
/// </summary>
internal static class HostileCulture
{
    /// <summary>The culture every test thread starts with.</summary>
    public static CultureInfo Culture { get; } = Create();

    // A module initializer runs before any test (and before xunit starts a thread), so threads that
    // never set a culture of their own, the thread pool's among them, all start in this one.
    [ModuleInitializer]
    internal static void Install()
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = Culture;
    }

    private static CultureInfo Create()
    {
        // Fails here, with the reason, when the test project is invariant or ICU is missing (libicu, which .ci/run installs).
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("tr-TR", predefinedOnly: true).Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberGroupSeparator = "\u00A0";
        var buddhistDates = (DateTimeFormatInfo)CultureInfo.GetCultureInfo("th-TH").DateTimeFormat.Clone();
        buddhistDates.TimeSeparator = ".";
        culture.DateTimeFormat = buddhistDates;
        return CultureInfo.ReadOnly(culture);
    }
}
