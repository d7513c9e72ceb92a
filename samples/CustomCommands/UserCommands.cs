using GuestAgent.Commands;

namespace CustomCommands;

/// <summary>A typed command: the value is a JSON object whose properties bind to the parameters.</summary>
public sealed class UserCommands(TimeProvider clock)
{
    /// <summary>Plans the creation of a user account and reports what would be done.</summary>
    /// <param name="user">The account to create; read through <see cref="SampleJsonContext"/>.</param>
    /// <param name="dryRun">When true (the default), nothing is changed.</param>
    [Command("sample.user.plan")]
    public UserPlan Plan(UserSpec user, bool dryRun = true)
    {
        if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw new CommandException($"Invalid user name '{user.Name}'");
        }

        var steps = new List<string> { $"useradd --create-home --shell {user.Shell} {user.Name}" };
        steps.AddRange(user.Groups.Select(group => $"usermod --append --groups {group} {user.Name}"));
        return new UserPlan(user.Name, dryRun, steps, clock.GetUtcNow());
    }
}

/// <summary>A user account to create.</summary>
/// <param name="Name">The login name.</param>
/// <param name="Shell">The login shell.</param>
/// <param name="Groups">Supplementary groups.</param>
public sealed record UserSpec(string Name, string Shell = "/bin/bash", IReadOnlyList<string>? Groups = null)
{
    /// <summary>Supplementary groups, never null.</summary>
    public IReadOnlyList<string> Groups { get; init; } = Groups ?? [];
}

/// <summary>What creating a user would do.</summary>
public sealed record UserPlan(string Name, bool DryRun, IReadOnlyList<string> Steps, DateTimeOffset PlannedAt);
