using System.Text;
using System.Text.Json;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Kms;

/// <summary>The <c>kmsactivate</c> command of the original agent: Red Hat Network registration (Red Hat family only).</summary>
public static class KmsActivateCommand
{
    /// <summary>The registration tool.</summary>
    public const string RhnRegKs = "/usr/sbin/rhnreg_ks";

    /// <summary>
    /// Registers the system with RHN: writes the up2date configuration for the given domains,
    /// removes the old system id and runs <c>rhnreg_ks --activationkey=KEY --profile=NAME --force</c>.
    /// Value: <c>{"activation_key": str, "profile": str, "domains": [str]}</c>.
    /// </summary>
    [Command("kmsactivate")]
    public static async Task<CommandResult> KmsActivate(JsonElement value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var system = context.RequireSystem();
        if (!RedHatFamily.Detect(system.FileSystem))
        {
            throw new CommandException("KMS not supported on this OS");
        }

        var activation = KmsActivation.Parse(value);

        try
        {
            system.Writer.Write(Up2DateConfig.Path, Encoding.UTF8.GetBytes(Up2DateConfig.Render(activation.Domains)), new AtomicWriteOptions
            {
                NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                CreateDirectoriesWithMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            });
            system.FileSystem.DeleteFile("/etc/sysconfig/rhn/systemid");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The system's reason (a full or read-only /etc, a link at the path); the key is not in it.
            throw new CommandException($"Couldn't write the RHN configuration: {IoFailureReason.Of(exception)}", exception);
        }

        // Each option and its value are one argument: a value starting with "-" can never be read
        // as an option of its own, whatever parser rhnreg_ks uses.
        var spec = new ProcessSpec(RhnRegKs, "--activationkey=" + activation.ActivationKey, "--profile=" + activation.Profile, "--force")
        {
            Environment = new Dictionary<string, string>(),
            SecretArguments = new HashSet<int> { 0 },
            Timeout = TimeSpan.FromSeconds(120),
        };
        ProcessResult result;
        try
        {
            result = await system.Processes.RunAsync(spec, context.CancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            throw new CommandException("Couldn't activate with RHN: rhnreg_ks could not be started");
        }

        return result.Succeeded
            ? CommandResult.Ok()
            : throw new CommandException($"Couldn't activate with RHN: {(result.TimedOut ? "timed out" : result.ExitCode)}");
    }
}
