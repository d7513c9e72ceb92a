namespace GuestAgent.Daemon.Cli;

/// <summary>
/// Walks the arguments after the verb: <c>--name value</c>, <c>--name=value</c>, and positional
/// arguments. <c>--</c> ends the options, so a positional argument may start with <c>-</c>.
/// Hand-written rather than a library so that nothing in parsing needs reflection (NativeAOT).
/// </summary>
internal sealed class OptionReader
{
    private readonly string _verb;
    private readonly IReadOnlyList<string> _arguments;
    private int _index;
    private bool _optionsEnded;

    public OptionReader(string verb, IReadOnlyList<string> arguments, int start)
    {
        _verb = verb;
        _arguments = arguments;
        _index = start;
    }

    /// <summary>Reads the next argument; <c>false</c> at the end.</summary>
    /// <param name="option">The option name with its dashes (<c>--root</c>), or <c>null</c> for a positional argument.</param>
    /// <param name="text">The positional argument, or the inline value of <c>--name=value</c>.</param>
    public bool Next(out string? option, out string? text)
    {
        while (_index < _arguments.Count)
        {
            var argument = _arguments[_index++];
            if (!_optionsEnded && argument == "--")
            {
                _optionsEnded = true;
                continue;
            }

            if (!_optionsEnded && argument.StartsWith('-') && argument.Length > 1)
            {
                var equals = argument.IndexOf('=', StringComparison.Ordinal);
                option = equals < 0 ? argument : argument[..equals];
                text = equals < 0 ? null : argument[(equals + 1)..];
                return true;
            }

            option = null;
            text = argument;
            return true;
        }

        option = null;
        text = null;
        return false;
    }

    /// <summary>The value of an option: its inline value, or the next argument.</summary>
    public string Value(string option, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue.Length > 0 ? inlineValue : throw Error($"option '{option}' needs a value");
        }

        if (_index >= _arguments.Count)
        {
            throw Error($"option '{option}' needs a value");
        }

        return _arguments[_index++];
    }

    /// <summary>The verb whose options these are.</summary>
    public string Verb => _verb;

    /// <summary>A usage error that names the verb.</summary>
    public UsageException Error(string message) => new($"{_verb}: {message}");

    /// <summary>The error for an option the verb does not know.</summary>
    public UsageException Unknown(string option) => Error($"unknown option '{option}'");
}
