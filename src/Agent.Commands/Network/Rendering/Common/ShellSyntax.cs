namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>What <see cref="ShellSyntaxCheck"/> found.</summary>
internal enum ShellSyntaxOutcome
{
    /// <summary>bash parses the whole text, as far as the nesting of its constructs tells.</summary>
    Parses,

    /// <summary>bash stops at a syntax error: the complete command that holds it, and all after it, never run.</summary>
    Error,

    /// <summary>The text holds a form the check does not follow (<c>case</c>, a here-string, a here-document whose delimiter is not read, <c>[[</c>, <c>((</c>): neither is proven.</summary>
    NotFollowed,
}

/// <summary>The outcome of <see cref="ShellSyntaxCheck.Check"/>.</summary>
/// <param name="Outcome">Whether the text parses.</param>
/// <param name="ErrorAt">For <see cref="ShellSyntaxOutcome.Error"/>, where the complete command holding the error starts (a line's start); else -1.</param>
internal readonly record struct ShellSyntax(ShellSyntaxOutcome Outcome, int ErrorAt);
