using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// Root's shadow entry as musl's <c>getspnam</c> reads it (Alpine's login, <c>su</c> and <c>passwd</c>): a
/// small C program built with <c>musl-gcc -static</c> once per test class, run in a mount namespace of its
/// own (<c>unshare -rm</c>) with the test's file bound over <c>/etc/shadow</c>. musl reads stricter than
/// glibc: the name from the line's first byte, nine fields, numbers of digits only, a newline ending the
/// line and at most 255 bytes with it; it passes over any other line of the name.
/// </summary>
public sealed class MuslShadowReader : IDisposable
{
    private const string Source = """
        #include <errno.h>
        #include <shadow.h>
        #include <stdio.h>

        int main(void)
        {
            errno = 0;
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
    public async Task<string?> RootHashAsync(byte[] contents)
    {
        var probe = await BuildAsync();
        var unshare = ExternalTool.Require("unshare", "util-linux");
        var file = Path.Combine(directory.Path, "shadow-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, contents);
        var read = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", "mount --bind \"$1\" /etc/shadow && exec \"$2\"", "sh", file, probe]);
        if (read.ExitCode != 0 && read.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({read.StandardError.Trim()})");
        }

        Assert.True(read.ExitCode == 0, $"musl getspnam: exit {read.ExitCode} {read.StandardOutput} {read.StandardError}");
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
                var source = Path.Combine(directory.Path, "getspnam.c");
                var output = Path.Combine(directory.Path, "getspnam");
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
