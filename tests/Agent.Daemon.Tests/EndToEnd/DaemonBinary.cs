using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published NativeAOT <c>guest-agent</c> the end-to-end tests run. <c>scripts/test.sh</c>
/// publishes it and sets <c>GUEST_AGENT_BINARY</c>; without it the tests skip locally and fail in CI.
/// </summary>
internal static class DaemonBinary
{
    public const string Variable = "GUEST_AGENT_BINARY";

    public static string Require()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            return path;
        }

        var message = string.IsNullOrEmpty(path)
            ? $"{Variable} is not set: run scripts/test.sh, or publish with `dotnet publish src/Agent.Daemon -r linux-x64 -c Release -p:PublishAot=true -o out` and set {Variable}=$PWD/out/guest-agent"
            : $"{Variable} names '{path}', which does not exist";
        Requirement.Unmet(message);
        return string.Empty;
    }
}
