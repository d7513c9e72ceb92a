using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// Root's shadow entry as musl's <c>getspnam</c> reads it (Alpine's login, <c>su</c> and <c>passwd</c>), and
/// root's passwd entry as its <c>getpwnam</c> reads it: a
/// small C program built with <c>musl-gcc -static</c> once per test class, run in a mount namespace of its
/// own (<c>unshare -rm</c>) with the test's file bound over <c>/etc/shadow</c> or <c>/etc/passwd</c>. musl reads stricter than
/// glibc: the name from the line's first byte, nine fields, numbers of digits only, a newline ending the
/// line and at most 255 bytes with it; it passes over any other line of the name.
/// </summary>
public sealed class MuslShadowReader : IDisposable
{
    private const string Source = """
        #include <errno.h>
        #include <pwd.h>
        #include <shadow.h>
        #include <stdio.h>
        #include <string.h>

        int main(int argc, char **argv)
        {
            errno = 0;
            if (argc > 1 && strcmp(argv[1], "passwd") == 0) {
                struct passwd *user = getpwnam("root");
                if (!user) {
                    printf("none errno=%d\n", errno);
                    return 0;
                }
                printf("hash=%s\n", user->pw_passwd);
                return 0;
            }
            struct spwd *entry = getspnam("root");
            if (!entry) {
                printf("none errno=%d\n", errno);
                return 0;
            }
            printf("hash=%s\n", entry->sp_pwdp);
            return 0;
        }
        """;

    private readonly TemporaryDirectory directory = new();
    private readonly SemaphoreSlim building = new(1, 1);
    private string? program;

    /// <summary>
    /// The password field of root's entry as musl reads <paramref name="contents"/> as <c>/etc/shadow</c>,
    /// or <c>null</c> when <c>getspnam</c> finds none. Skips locally, fails in CI, where musl-gcc or the
    /// namespace is missing.
    /// </summary>
    public Task<string?> RootHashAsync(byte[] contents) => RootFieldAsync(contents, "/etc/shadow", "shadow");

    /// <summary>
    /// The password field of root's entry as musl's <c>getpwnam</c> (busybox's <c>login</c> and <c>su</c>)
    /// reads <paramref name="contents"/> as <c>/etc/passwd</c>, or <c>null</c> when it finds none.
    /// </summary>
    public Task<string?> RootPasswdFieldAsync(byte[] contents) => RootFieldAsync(contents, "/etc/passwd", "passwd");

    /// <summary>
    /// The password field of root's shadow entry as musl's <c>getspnam</c> reads it with
    /// <paramref name="etc"/> (a host directory) bound over all of <c>/etc</c>: where musl looks first,
    /// <c>/etc/tcb/root/shadow</c>, then <c>/etc/shadow</c>; <c>null</c> when it finds none.
    /// </summary>
    public Task<string?> RootHashInEtcAsync(string etc) => ReadBoundAsync(etc, "/etc", "shadow");

    private async Task<string?> RootFieldAsync(byte[] contents, string target, string lookup)
    {
        var file = Path.Combine(directory.Path, lookup + "-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, contents);
        return await ReadBoundAsync(file, target, lookup);
    }

    private async Task<string?> ReadBoundAsync(string file, string target, string lookup)
    {
        var probe = await BuildAsync();
        var unshare = ExternalTool.Require("unshare", "util-linux");
        var read = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", "mount --bind \"$1\" \"$3\" && exec \"$2\" \"$4\"", "sh", file, probe, target, lookup]);
        if (read.ExitCode != 0 && read.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({read.StandardError.Trim()})");
        }

        Assert.True(read.ExitCode == 0, $"musl {lookup} lookup: exit {read.ExitCode} {read.StandardOutput} {read.StandardError}");
        var output = read.StandardOutput.TrimEnd('\n');
        return output.StartsWith("hash=", StringComparison.Ordinal) ? output["hash=".Length..] : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        building.Dispose();
        directory.Dispose();
    }

    private async Task<string> BuildAsync()
    {
        var compiler = ExternalTool.Require("musl-gcc", "musl-tools");
        await building.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (program is null)
            {
                var source = Path.Combine(directory.Path, "musl-lookup.c");
                var output = Path.Combine(directory.Path, "musl-lookup");
                await File.WriteAllTextAsync(source, Source);
                var built = await ExternalTool.RunAsync(compiler, ["-static", "-O2", "-o", output, source]);
                Assert.True(built.ExitCode == 0, $"musl-gcc: exit {built.ExitCode} {built.StandardError}");
                program = output;
            }

            return program;
        }
        finally
        {
            building.Release();
        }
    }
}
