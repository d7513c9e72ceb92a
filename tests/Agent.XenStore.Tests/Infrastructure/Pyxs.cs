using GuestAgent.Testing;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// Runs Python scripts that use pyxs (Debian python3-pyxs). The Debian module lives in the system
/// interpreter, which is not necessarily the first python3 on PATH.
/// </summary>
internal static class Pyxs
{
    private static readonly Lazy<Task<string?>> Interpreter = new(FindAsync);

    /// <summary>Runs <paramref name="script"/> with <c>sys.argv[1]</c> = the socket; returns stdout, failing on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string socket, string script)
    {
        var python = await Interpreter.Value;
        if (python is null)
        {
            Requirement.Unmet("No python3 here imports pyxs: apt-get install python3-pyxs");
            return string.Empty;
        }

        var result = await ExternalTool.RunAsync(python, ["-c", script, socket], timeout: TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, $"pyxs script failed ({result.ExitCode}): {result.StandardError}");
        return result.StandardOutput;
    }

    private static async Task<string?> FindAsync()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", ExternalTool.Find("python3") })
        {
            if (candidate is null || !File.Exists(candidate))
            {
                continue;
            }

            var probe = await ExternalTool.RunAsync(candidate, ["-c", "import pyxs"]);
            if (probe.ExitCode == 0)
            {
                return candidate;
            }
        }

        return null;
    }
}
