using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What <c>NetworkApplier</c> does with rendered files, as the shell a phase of
/// <see cref="NetworkManagerScenario"/> or <see cref="NetworkdScenario"/> runs in the daemon's namespace.
/// </summary>
internal static class ApplyScript
{
    /// <summary>
    /// Each of <paramref name="rendered"/>'s files (every one under <paramref name="directory"/>),
    /// staged in <paramref name="stage"/>, written with its mode (or <paramref name="mode"/>) and the one
    /// it replaces kept as its backup; each removal moved to its backup name (<see cref="NetworkBackups"/>);
    /// then <paramref name="plan"/>'s steps in order, each one's exit code printed as
    /// <c>@exit CODE NAME</c>; a failed step does not stop the later ones.
    /// </summary>
    public static string For(string stage, string directory, RenderResult rendered, ApplyPlan plan, UnixFileMode? mode = null)
    {
        var script = new StringBuilder();
        foreach (var file in rendered.Files)
        {
            Assert.StartsWith(directory + "/", file.Path, StringComparison.Ordinal);
            var staged = Path.Combine(stage, Path.GetFileName(file.Path));
            File.WriteAllText(staged, file.Contents);
            var (target, backup, temporary) = (ShellWords.Quote(file.Path), ShellWords.Quote(NetworkBackups.PathOf(file.Path)), ShellWords.Quote(file.Path + ".stage"));
            var octal = Convert.ToString((int)(mode ?? file.Mode), 8);

            // As the atomic writer: the old file kept as the backup by a hard link, the new one (its time of change now) renamed over it.
            script.Append(CultureInfo.InvariantCulture, $"if [ -e {target} ]; then ln -f {target} {backup} || exit 97; fi\n")
                .Append(CultureInfo.InvariantCulture, $"install -m {octal} {ShellWords.Quote(staged)} {temporary} && mv -f {temporary} {target} || exit 97\n");
        }

        foreach (var removal in rendered.Removals)
        {
            script.Append(CultureInfo.InvariantCulture, $"mv {ShellWords.Quote(removal)} {ShellWords.Quote(NetworkBackups.PathOf(removal))} || exit 98\n");
        }

        foreach (var step in plan.BeforeWrite.Concat(plan.AfterWrite))
        {
            var words = string.Join(' ', new[] { step.Process.Program }.Concat(step.Process.Arguments).Select(ShellWords.Quote));
            script.Append(CultureInfo.InvariantCulture, $"{words}; echo \"@exit $? \"{ShellWords.Quote(step.Name)}\n");
        }

        return script.ToString();
    }
}
