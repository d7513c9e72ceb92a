using System.Diagnostics;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>Which file a path names, beyond its contents: what a rename keeps and a rewrite replaces.</summary>
internal static class Inodes
{
    /// <summary>The inode number of the file at <paramref name="hostPath"/>, as <c>stat</c> reports it.</summary>
    public static string Of(string hostPath)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", hostPath]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return inode;
    }
}
