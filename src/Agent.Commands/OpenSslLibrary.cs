using System.Runtime.InteropServices;

namespace GuestAgent.Commands;

/// <summary>
/// Whether the OpenSSL library that .NET's cryptography loads on Linux is there. Without it, the
/// first hash, cipher, random number or TLS connection does not throw: .NET's native shim prints
/// <c>No usable version of libssl was found</c> and aborts the process. <c>keyinit</c>,
/// <c>password</c> and <c>agentupdate</c> ask this first and answer <c>"500"</c> instead, so an agent
/// on an image without libssl keeps serving the other commands (and a <c>keyinit</c> waiting in
/// XenStore, replayed at every start, no longer turns into a crash loop).
/// </summary>
/// <remarks>
/// <see cref="Probe()"/> tries the names .NET's shim tries, in its order (dotnet/runtime,
/// <c>System.Security.Cryptography.Native/opensslshim.c</c>): <c>libssl.so.</c> followed by the
/// value of <c>CLR_OPENSSL_VERSION_OVERRIDE</c> when set (at most 32 characters), then
/// <c>libssl.so.3</c>, <c>.1.1</c>, <c>.1.0.2</c>, <c>.1.0.0</c>, <c>.10</c>, <c>.11</c>, <c>.111</c>.
/// A name that loads is unloaded again: the probe must not keep OpenSSL resident in an agent that
/// never needs it. Elsewhere than Linux and FreeBSD, .NET does not use OpenSSL and the library counts
/// as available. <c>BuiltInCommands.AddBuiltInCommands</c> registers one probe (and logs at Error when
/// the library is missing); a command that finds none registered probes for itself.
/// </remarks>
public sealed class OpenSslLibrary
{
    /// <summary>The environment variable .NET reads for an extra version to try first.</summary>
    public const string VersionOverrideVariable = "CLR_OPENSSL_VERSION_OVERRIDE";

    private const string SonameBase = "libssl.so.";

    /// <summary>The longest override .NET accepts (its <c>MaxVersionStringLength</c>).</summary>
    private const int MaxVersionLength = 32;

    private static readonly string[] Versions = ["3", "1.1", "1.0.2", "1.0.0", "10", "11", "111"];

    private OpenSslLibrary(string? loadedName, IReadOnlyList<string> triedNames)
    {
        LoadedName = loadedName;
        TriedNames = triedNames;
    }

    /// <summary>Whether .NET can load OpenSSL, so cryptography works.</summary>
    public bool IsAvailable => LoadedName is not null || TriedNames.Count == 0;

    /// <summary>The name that loaded (<c>libssl.so.3</c>…), or <c>null</c> when none did or none was needed.</summary>
    public string? LoadedName { get; }

    /// <summary>The names tried, in order; empty where .NET does not use OpenSSL.</summary>
    public IReadOnlyList<string> TriedNames { get; }

    /// <summary>Tries the names .NET tries, with this process's environment.</summary>
    public static OpenSslLibrary Probe()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsFreeBSD())
        {
            return new OpenSslLibrary(null, []);
        }

        return Probe(Environment.GetEnvironmentVariable(VersionOverrideVariable), LoadsAndUnloads);
    }

    /// <summary>Tries the names in .NET's order with <paramref name="loads"/> (tests pass their own).</summary>
    internal static OpenSslLibrary Probe(string? versionOverride, Func<string, bool> loads)
    {
        var tried = new List<string>(Versions.Length + 1);
        if (versionOverride is not null && versionOverride.Length <= MaxVersionLength)
        {
            tried.Add(SonameBase + versionOverride);
        }

        tried.AddRange(Versions.Select(version => SonameBase + version));
        for (var i = 0; i < tried.Count; i++)
        {
            if (loads(tried[i]))
            {
                return new OpenSslLibrary(tried[i], tried[..(i + 1)]);
            }
        }

        return new OpenSslLibrary(null, tried);
    }

    /// <summary>
    /// The answer of a command that needs OpenSSL when it is missing: what is missing and what was
    /// tried, so an operator can install the right package.
    /// </summary>
    internal string MissingMessage(string command) =>
        $"libssl is not installed on this system: '{command}' needs OpenSSL, and none of {string.Join(", ", TriedNames)} could be loaded";

    /// <summary>A bare name is handed to <c>dlopen</c> as is, so the loader searches as .NET's shim does.</summary>
    private static bool LoadsAndUnloads(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
