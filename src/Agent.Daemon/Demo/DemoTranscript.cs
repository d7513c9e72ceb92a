using System.Globalization;
using System.Text;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Demo;

/// <summary>
/// How <c>demo</c> prints: step headers, each request and response with its XenStore path, and the
/// files the agent wrote. Colours only on a terminal, and never with <c>NO_COLOR</c> set.
/// </summary>
internal sealed class DemoTranscript
{
    private const int MaxFileLines = 24;
    private readonly StandardStreams _out;
    private readonly bool _color;
    private readonly string _domainHome;

    /// <param name="output">Where it goes: <see cref="StandardStreams.Out"/>, each line through <see cref="StandardStreams.WriteOutputLine"/>.</param>
    /// <param name="color">Whether to colour it.</param>
    /// <param name="domainHome">The guest's home, left out of the paths shown.</param>
    public DemoTranscript(StandardStreams output, bool color, string domainHome)
    {
        _out = output;
        _color = color;
        _domainHome = domainHome + "/";
    }

    public void Title(string text)
    {
        _out.WriteOutputLine(Bold(text));
        _out.WriteOutputLine("");
    }

    public void Fact(string label, string value) => _out.WriteOutputLine($"  {Dim(label.PadRight(10))} {value}");

    public void Step(int number, string title, string why)
    {
        _out.WriteOutputLine("");
        _out.WriteOutputLine(Bold($"{number.ToString(CultureInfo.InvariantCulture)}. {title}") + "  " + Dim(why));
    }

    public void Request(string path, string json) =>
        _out.WriteOutputLine($"   {Color("36", "host  →")} {Dim(Relative(path))}  {json}");

    public void Response(string path, string json) =>
        _out.WriteOutputLine($"   {Color("32", "agent ←")} {Dim(Relative(path))}  {json}");

    public void Note(string text) => _out.WriteOutputLine($"   {Dim(text)}");

    public void Problem(string text) => _out.WriteOutputLine($"   {Color("31", "✗")} {text}");

    public void Section(string title)
    {
        _out.WriteOutputLine("");
        _out.WriteOutputLine(Bold(title));
    }

    /// <summary>A file the agent wrote: its path (as the guest sees it), mode and contents.</summary>
    public void File(string guestPath, string diskPath)
    {
        var mode = Convert.ToString((int)System.IO.File.GetUnixFileMode(diskPath), 8).PadLeft(4, '0');
        _out.WriteOutputLine($"   {Color("33", guestPath)} {Dim($"(mode {mode})")}");
        var lines = System.IO.File.ReadAllText(diskPath).TrimEnd('\n').Split('\n');
        foreach (var line in lines.Take(MaxFileLines))
        {
            _out.WriteOutputLine($"     {Dim("│")} {line}");
        }

        if (lines.Length > MaxFileLines)
        {
            _out.WriteOutputLine($"     {Dim($"│ … {(lines.Length - MaxFileLines).ToString(CultureInfo.InvariantCulture)} more lines")}");
        }
    }

    public void Blank() => _out.WriteOutputLine("");

    public void Line(string text) => _out.WriteOutputLine(text);

    private string Relative(string path) => path.StartsWith(_domainHome, StringComparison.Ordinal) ? path[_domainHome.Length..] : path;

    private string Bold(string text) => Color("1", text);

    private string Dim(string text) => Color("2", text);

    private string Color(string code, string text) =>
        _color ? new StringBuilder().Append("\u001b[").Append(code).Append('m').Append(text).Append("\u001b[0m").ToString() : text;
}
