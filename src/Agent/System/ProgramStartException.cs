namespace GuestAgent.Platform;

/// <summary>
/// A program the system refused to run (<c>execve</c> failed: not for this machine, no permission, its
/// file busy). A program that is missing or not an executable file is refused before that, by
/// <see cref="ProgramLocator"/>, with a plain <see cref="IOException"/> that names it. The message is <c>Could not start '&lt;program&gt;': &lt;reason&gt;</c>; <see cref="Reason"/>
/// is the reason alone, for a caller whose program path means nothing to its reader (a staged file's
/// temporary name, say). It derives from <see cref="IOException"/>, which
/// <see cref="IProcessRunner.RunAsync"/> documents.
/// </summary>
public sealed class ProgramStartException : IOException
{
    /// <summary>Creates the exception for <paramref name="program"/>, refused for <paramref name="reason"/>.</summary>
    /// <param name="program">The program's absolute path.</param>
    /// <param name="reason">The system's reason, as <c>strerror</c> words it (<c>Exec format error</c>).</param>
    /// <param name="innerException">The failure the reason was read from, if any.</param>
    public ProgramStartException(string program, string reason, Exception? innerException = null)
        : base($"Could not start '{program}': {reason}", innerException)
    {
        Program = program;
        Reason = reason;
    }

    /// <summary>The program's absolute path.</summary>
    public string Program { get; }

    /// <summary>The system's reason alone, as <c>strerror</c> words it.</summary>
    public string Reason { get; }
}
