using System.Globalization;
using System.Text;

namespace GuestAgent.Daemon.Demo;

/// <summary>
/// How <c>demo</c> prints: step headers, each request and response with its XenStore path, and the
/// files the agent wrote. Colours only on a terminal, and never with <c>NO_COLOR</c> set.
/// </summary>
internal sealed class DemoTranscript
{
    private const int MaxFileLines = 24;
    private readonly TextWriter _out;
    private readonly bool _color;
    private readonly string _domainHome;

    public DemoTranscript(TextWriter output, bool color, string domainHome)
    {
        _out = output;
        _color = color;
        _domainHome = domainHome + "/";
    }

    public void Title(string text)
    {
        _out.WriteLine(Bold(text));
        _out.WriteLine();
    }

    public void Fact(string label, string value) => _out.WriteLine($"  {Dim(label.PadRight(10))} {value}");

    public void Step(int number, string title, string why)
    {
        _out.WriteLine();
        _out.WriteLine(Bold($"{number.ToString(CultureInfo.InvariantCulture)}. {title}") + "  " + Dim(why));
    }

    public void Request(string path, string json) =>
        _out.WriteLine($"   {Color("36", "host  →")} {Dim(Relative(path))}  {json}");

    public void Response(string path, string json) =>
        _out.WriteLine($"   {Color("32", "agent ←")} {Dim(Relative(path))}  {json}");

    public void Note(string text) => _out.WriteLine($"   {Dim(text)}");

    public void Problem(string text) => _out.WriteLine($"   {Color("31", "✗")} {text}");

    public void Section(string title)
    {
        _out.WriteLine();
        _out.WriteLine(Bold(title));
    }

    /// <summary>A file the agent wrote: its path (as the guest sees it), mode and contents.</summary>
    public void File(string guestPath, string diskPath)
    {
        var mode = Convert.ToString((int)System.IO.File.GetUnixFileMode(diskPath), 8).PadLeft(4, '0');
        _out.WriteLine($"   {Color("33", guestPath)} {Dim($"(mode {mode})")}");
        var lines = System.IO.File.ReadAllText(diskPath).TrimEnd('\n').Split('\n');
        foreach (var line in lines.Take(MaxFileLines))
        {
            _out.WriteLine($"     {Dim("│")} {line}");
        }

        if (lines.Length > MaxFileLines)
        {
            _out.WriteLine($"     {Dim($"│ … {(lines.Length - MaxFileLines).ToString(CultureInfo.InvariantCulture)} more lines")}");
        }
    }

    public void Blank() => _out.WriteLine();

    public void Line(string text) => _out.WriteLine(text);

    private string Relative(string path) => path.StartsWith(_domainHome, StringComparison.Ordinal) ? path[_domainHome.Length..] : path;

    private string Bold(string text) => Color("1", text);

    private string Dim(string text) => Color("2", text);

    private string Color(string code, string text) =>
        _color ? new StringBuilder().Append("\u001b[").Append(code).Append('m').Append(text).Append("\u001b[0m").ToString() : text;
}
