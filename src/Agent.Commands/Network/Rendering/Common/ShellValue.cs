namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>What a shell-style file leaves a variable with, as far as reading the file can tell.</summary>
internal enum ShellValueState
{
    /// <summary>The file does not set the variable (or unsets it).</summary>
    Unset,

    /// <summary>The file sets it to a text every shell would give it (<see cref="ShellValue.Text"/>).</summary>
    Known,

    /// <summary>
    /// The file sets it, but to something only running it could tell: an expansion (<c>$VAR</c>,
    /// <c>$(cmd)</c>, a backtick, <c>~</c>), a command that could change it, or a construct the
    /// reader does not follow (a condition, a function, a pipeline).
    /// </summary>
    Unknown,
}

/// <summary>A variable's value read from a shell-style file.</summary>
/// <param name="State">Whether it is set, and whether its text is known.</param>
/// <param name="Text">The value when <see cref="ShellValueState.Known"/>, otherwise empty.</param>
internal readonly record struct ShellValue(ShellValueState State, string Text)
{
    /// <summary>Not set by the file.</summary>
    public static ShellValue Unset => new(ShellValueState.Unset, "");

    /// <summary>Set, to a text that only running the file would give.</summary>
    public static ShellValue Unknown => new(ShellValueState.Unknown, "");

    /// <summary>Set to <paramref name="text"/>.</summary>
    public static ShellValue Known(string text) => new(ShellValueState.Known, text);

    /// <summary>The value when it is known, else <c>null</c>.</summary>
    public string? KnownText => State == ShellValueState.Known ? Text : null;
}
