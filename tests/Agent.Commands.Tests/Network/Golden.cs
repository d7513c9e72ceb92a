using System.Runtime.CompilerServices;
using System.Text;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Golden files under <c>Network/Golden</c>. <c>ACCEPT_SNAPSHOTS=1</c> rewrites them (ignored when
/// <c>CI=true</c>); review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void Verify(string relativePath, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Golden", relativePath);
        var expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (expected == actual)
        {
            return;
        }

        var accept = Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1"
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.Fail(expected is null
            ? $"No golden file {path}; run with ACCEPT_SNAPSHOTS=1 to create it. Actual:\n{actual}"
            : $"{path} differs (ACCEPT_SNAPSHOTS=1 to accept).\n--- expected\n{expected}\n--- actual\n{actual}");
    }

    /// <summary>One text for a render result: every file with its path and mode, then the removals.</summary>
    public static string Describe(RenderResult result)
    {
        var text = new StringBuilder();
        foreach (var file in result.Files)
        {
            text.Append("=== ").Append(file.Path).Append(" (").Append(Mode(file.Mode)).Append(")\n").Append(file.Contents);
        }

        foreach (var removal in result.Removals)
        {
            text.Append("=== remove ").Append(removal).Append('\n');
        }

        foreach (var warning in result.Warnings)
        {
            text.Append("=== warning: ").Append(warning).Append('\n');
        }

        return text.ToString();
    }

    private static string Mode(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
