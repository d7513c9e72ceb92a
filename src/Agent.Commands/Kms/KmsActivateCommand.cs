using System.Text;
using System.Text.Json;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Kms;

/// <summary>The <c>kmsactivate</c> command of the original agent: Red Hat Network registration (Red Hat family only).</summary>
public static partial class KmsActivateCommand
{
    /// <summary>The registration tool.</summary>
    public const string RhnRegKs = "/usr/sbin/rhnreg_ks";

    /// <summary>How long <c>rhnreg_ks</c> may run before it is killed and the registration put back.</summary>
    internal static readonly TimeSpan RhnRegKsTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Registers the system with RHN: writes the up2date configuration for the given domains,
    /// moves the old system id aside and runs <c>rhnreg_ks --activationkey=KEY --profile=NAME --force</c>;
    /// if that fails, the previous up2date and system id are put back exactly. One activation at a
    /// time: another in progress is waited for (<see cref="KmsActivateOptions.LockTimeout"/>). rhnreg_ks takes the
    /// key on its command line only, where local users can read it while it runs (unless
    /// <c>/proc</c> is mounted with <c>hidepid=2</c>).
    /// Value: <c>{"activation_key": str, "profile": str, "domains": [str]}</c>.
    /// </summary>
    [Command("kmsactivate", RequestSchema = """
        {
          "type": "object",
          "properties": {
            "activation_key": {
              "description": "The RHN activation key: not empty, no control characters.",
              "type": "string",
              "minLength": 1,
              "not": { "$ref": "#/$defs/hasControl" }
            },
            "profile": {
              "description": "The profile name to register: no control characters.",
              "type": "string",
              "not": { "$ref": "#/$defs/hasControl" }
            },
            "domains": {
              "description": "The RHN servers: host names, each with an optional port of at most 65535; a single one may be given as a string.",
              "anyOf": [
                { "$ref": "#/$defs/host" },
                { "type": "array", "items": { "$ref": "#/$defs/host" }, "minItems": 1 }
              ]
            }
          },
          "required": [ "activation_key", "profile", "domains" ],
          "$defs": {
            "hasControl": { "pattern": "[\\u0000-\\u001f\\u007f-\\u009f]" },
            "host": {
              "description": "A host name (labels of letters, digits and inner hyphens, 253 characters at most) with an optional ':port'; no line break, not even a final one (which some regex engines let '$' pass).",
              "type": "string",
              "not": { "$ref": "#/$defs/hasControl" },
              "pattern": "^(?=[^:]{1,253}(:|$))[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:([0-9]{1,4}|[0-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$"
            }
          }
        }
        """)]
    public static async Task<CommandResult> KmsActivate(JsonElement value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var system = context.RequireSystem(typeof(KmsActivateCommand));
        if (!RedHatFamily.Detect(system.FileSystem))
        {
            throw new CommandException(KmsActivateMessages.NotSupported);
        }

        var activation = KmsActivation.Parse(value);
        var options = context.Services.Get<KmsActivateOptions>() ?? KmsActivateOptions.Default;
        // Held until the registration is committed or put back: what Prepare saves is then really the
        // registration before this activation, not another one's half-done files.
        using var activationLock = await KmsActivationLock.TakeAsync(system, options, context.CancellationToken).ConfigureAwait(false);
        using var saved = Prepare(system, activation);

        // Each option and its value are one argument: a value starting with "-" can never be read
        // as an option of its own, whatever parser rhnreg_ks uses. The key has to be an argument:
        // rhnreg_ks reads it from --activationkey only (no file, standard input, environment
        // variable or up2date setting), so while it runs any local user can read it in
        // /proc/PID/cmdline unless /proc is mounted hidepid=2 (docs/commands.md, kmsactivate).
        var spec = new ProcessSpec(RhnRegKs, "--activationkey=" + activation.ActivationKey, "--profile=" + activation.Profile, "--force")
        {
            Environment = new Dictionary<string, string>(),
            SecretArguments = new HashSet<int> { 0 },
            Timeout = RhnRegKsTimeout,
        };
        string failure;
        try
        {
            var result = await system.Processes.RunAsync(spec, context.CancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                saved.Commit();
                return CommandResult.Ok();
            }

            failure = result.TimedOut ? KmsActivateMessages.TimedOut : result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            failure = KmsActivateMessages.NotStarted;
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping: the guest keeps the registration it had. No answer is sent, so
            // a restore that fails can only be told in the log.
            RestoreOnStop(saved, context.Logger("GuestAgent.Commands.KmsActivate"));
            throw;
        }

        throw RestoreAfter(KmsActivateMessages.ActivationFailed(failure), saved);
    }

    /// <summary>
    /// Moves the old system id aside and writes the new up2date, as the original did before running
    /// rhnreg_ks, keeping both old ones so that a failure can put them back. First a copy of the old
    /// up2date goes beside it on disk, so that the next start can put it back after a kill; the system
    /// id is moved before up2date is written, so that a <c>systemid</c> at its path at the next start
    /// means either a new registration or an up2date not yet changed (docs/commands.md).
    /// </summary>
    private static SavedRegistration Prepare(AgentSystem system, KmsActivation activation)
    {
        SavedRegistration saved;
        try
        {
            saved = SavedRegistration.Take(system);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing was written yet: a read failure (an LSM, a failing disk, a directory at the path), worded as such.
            throw new CommandException(KmsActivateMessages.ReadFailed(Up2DateConfig.Path, IoFailureReason.Of(exception)), exception);
        }

        try
        {
            saved.KeepUp2DateCopy();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            saved.Dispose();
            // The system's reason (a full or read-only /etc, a link at the path); the key is not in it.
            throw new CommandException(KmsActivateMessages.WriteFailed(IoFailureReason.Of(exception)), exception);
        }

        try
        {
            saved.MoveSystemIdAside();
            saved.WriteUp2Date(Encoding.UTF8.GetBytes(Up2DateConfig.Render(activation.Domains)), new AtomicWriteOptions
            {
                NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                CreateDirectoriesWithMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A new up2date that is in place but unconfirmed (a power cut could still undo it) is put
            // back too, rather than a registration resting on a file that may not last.
            var error = RestoreAfter(KmsActivateMessages.WriteFailed(IoFailureReason.Of(exception)), saved);
            saved.Dispose();
            throw error;
        }

        return saved;
    }

    /// <summary>
    /// Puts the previous registration back while the agent stops; a failure is logged (never the
    /// key, which no file system reason holds). The next start's <see cref="KmsActivationRecovery"/>
    /// moves an old system id still aside back.
    /// </summary>
    private static void RestoreOnStop(SavedRegistration saved, ILogger logger)
    {
        try
        {
            saved.Restore();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // UnconfirmedWriteException included: both are back, only their directory's sync failed.
            LogRestoreFailedOnStop(logger, IoFailureReason.Of(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "kmsactivate: the agent stopped while rhnreg_ks ran, and putting the previous RHN configuration back failed ({Reason}); the next start moves the old system id back if it is still aside as .systemid.<hex>.kmsactivate")]
    private static partial void LogRestoreFailedOnStop(ILogger logger, string reason);

    /// <summary>Puts the previous registration back; returns the error to answer with, saying whether that failed too.</summary>
    private static CommandException RestoreAfter(string failure, SavedRegistration saved)
    {
        try
        {
            saved.Restore();
            return new CommandException(failure);
        }
        catch (UnconfirmedWriteException exception)
        {
            // Everything is back and readers see it; only up2date's directory could not be synced.
            return new CommandException(KmsActivateMessages.RestoreUnconfirmed(failure, IoFailureReason.Of(exception)), exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new CommandException(KmsActivateMessages.RestoreFailed(failure, IoFailureReason.Of(exception)), exception);
        }
    }
}
