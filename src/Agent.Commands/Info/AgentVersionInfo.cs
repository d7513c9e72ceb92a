namespace GuestAgent.Commands.Info;

/// <summary>
/// The version <c>version</c> reports. Register one in the agent's services to report your own
/// agent's version; otherwise the GuestAgent build version is used.
/// </summary>
/// <param name="Version">
/// Numbers separated by dots (<c>2.1.25</c>). Nova compares it with <c>LooseVersion</c> against its
/// agent builds to decide on an <c>agentupdate</c>; on Python 3 a letter or <c>-</c> in it makes that
/// comparison raise <c>TypeError</c> against a build with a number in the same place, and the
/// instance's first-boot configuration fails. Anything else is refused with
/// <see cref="ArgumentException"/>.
/// </param>
public sealed record AgentVersionInfo(string Version)
{
    private readonly string _version = Checked(Version);

    /// <summary>The version, numbers separated by dots.</summary>
    public string Version
    {
        get => _version;
        init => _version = Checked(value);
    }

    /// <summary>The version GuestAgent was built as, as Nova can compare it: its release numbers only.</summary>
    public static AgentVersionInfo Build { get; } = new(ReleaseNumbers(AgentBuildVersion.Value));

    /// <summary>
    /// The release numbers of a SemVer <paramref name="version"/>, without its pre-release part and
    /// build metadata (<c>1.2.0-rc.1+3f1c2ab</c> gives <c>1.2.0</c>). Nova's <c>LooseVersion</c> reads
    /// <c>1.2.0-rc.1</c> as <c>[1, 2, 0, '-', 'rc', 1]</c>, which Python 3 cannot compare with a build
    /// such as <c>1.2.0.1</c>. A pre-release then reads as its release, which Nova would not offer as an
    /// update to it either (a list that ends first compares lower). A method of its own so tests can
    /// give it such a version, which no test build has.
    /// </summary>
    internal static string ReleaseNumbers(string version) => version.Split('+')[0].Split('-')[0];

    private static string Checked(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.');
        if (parts.Any(part => part.Length == 0 || !part.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException(
                $"The agent's version must be numbers separated by dots, which Nova's LooseVersion can compare with its agent builds; '{version}' is not",
                nameof(Version));
        }

        return version;
    }
}
