using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The arm64 daemon and what runs it here: scripts/test.sh cross-publishes it and sets
/// <c>GUEST_AGENT_ARM64_BINARY</c>; qemu-user executes it with Debian's arm64 libc and libssl, installed
/// beside the machine's own (multiarch). Anything missing skips locally with how to get it, and fails in CI.
/// </summary>
internal static class Arm64Guest
{
    public const string Variable = "GUEST_AGENT_ARM64_BINARY";

    /// <summary>The published arm64 binary.</summary>
    public static string Require()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            return path;
        }

        Requirement.Unmet(string.IsNullOrEmpty(path)
            ? $"{Variable} is not set: run scripts/test.sh (with clang and gcc-aarch64-linux-gnu installed), or publish with `dotnet publish src/Agent.Daemon -r linux-arm64 -c Release -p:PublishAot=true -o out-arm64` and set {Variable}=$PWD/out-arm64/guest-agent"
            : $"{Variable} names '{path}', which does not exist");
        return string.Empty;
    }

    /// <summary>qemu-user's arm64 emulator, once the arm64 loader and libssl it will need are installed.</summary>
    public static string Emulator()
    {
        var emulator = ExternalTool.Require("qemu-aarch64", "qemu-user");
        string[] needed = ["/lib/ld-linux-aarch64.so.1", "/usr/lib/aarch64-linux-gnu/libssl.so.3"];
        if (!needed.All(File.Exists))
        {
            Requirement.Unmet("Debian's arm64 libc6 and libssl3 are not installed: dpkg --add-architecture arm64 && apt-get update && apt-get install libc6:arm64 libssl3:arm64");
        }

        return emulator;
    }
}
