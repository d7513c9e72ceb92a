namespace GuestAgent.Daemon.Cli;

/// <summary>The process's standard streams, passed to verbs so that tests can run them in-process.</summary>
/// <param name="In">Standard input (the password of <c>set-password</c>).</param>
/// <param name="Out">Standard output: results only (response JSON, schema, demo transcript).</param>
/// <param name="Error">Standard error: logs and the one-line error.</param>
internal sealed record StandardStreams(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>The console's streams.</summary>
    public static StandardStreams Console { get; } = new(System.Console.In, System.Console.Out, System.Console.Error);
}
