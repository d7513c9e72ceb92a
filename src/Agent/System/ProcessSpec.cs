namespace GuestAgent.Platform;

/// <summary>One program to run: never through a shell, always with an argument list.</summary>
public sealed record ProcessSpec
{
    /// <summary>Creates the specification.</summary>
    public ProcessSpec(string program, params IReadOnlyList<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        Program = program;
        Arguments = arguments;
    }

    /// <summary>
    /// The program: a full path, or a bare name looked up in the absolute directories of <c>PATH</c>
    /// (<see cref="ProgramLocator"/>; never the current directory). Recorded as given.
    /// </summary>
    public string Program { get; }

    /// <summary>The arguments, passed as they are.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>How long the program may run before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Text written to the program's standard input, then closed.</summary>
    public string? StandardInput { get; init; }

    /// <summary>
    /// The complete environment of the program when set (nothing is inherited), as the original
    /// agent's <c>env={}</c> calls did; <c>null</c> inherits the agent's environment.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Indexes of arguments that are secrets (for example an activation key): never recorded or logged.</summary>
    public IReadOnlySet<int> SecretArguments { get; init; } = new HashSet<int>();

    /// <summary>The command line for logs and <c>actions.log</c>: program and arguments, space-separated, secrets hidden.</summary>
    public string ToDisplayString() =>
        string.Join(' ', Arguments.Select((argument, index) => SecretArguments.Contains(index) ? "<secret>" : argument).Prepend(Program));
}
