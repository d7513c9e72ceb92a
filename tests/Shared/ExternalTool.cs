using System.Diagnostics;

namespace GuestAgent.Testing;

/// <summary>
/// Real tools the tests drive (xenstore-*, openssl, mkpasswd, netplan…). A missing tool skips the
/// test locally with the command that installs it, and fails it in CI, where <c>.ci/run</c> must
/// have installed it.
/// </summary>
internal static class ExternalTool
{
    /// <summary>Returns the tool's full path, or skips (locally) / fails (CI) the test.</summary>
    public static string Require(string tool, string debianPackage)
    {
        var path = Find(tool);
        if (path is not null)
        {
            return path;
        }

        Requirement.Unmet($"'{tool}' is not installed: apt-get install {debianPackage}");
        return string.Empty;
    }

    /// <summary>The full path of an executable on PATH (or an absolute path that exists), else <c>null</c>.</summary>
    public static string? Find(string tool)
    {
        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool) ? tool : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]);
        return directories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs a program to completion and returns its exit code and output.</summary>
    public static async Task<ToolResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? standardInput = null,
        IDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>The outcome of running an external tool.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
