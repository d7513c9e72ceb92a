using System.Text;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>Builds configuration text with <c>\n</c> line ends, whatever the platform.</summary>
internal sealed class ConfigText
{
    /// <summary>The first line of every file the agent generates whole (the original agent's wording).</summary>
    public const string Header = "# Automatically generated, do not edit";

    private readonly StringBuilder _text = new();

    /// <summary>Appends one line.</summary>
    public ConfigText Line(string line = "")
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Appends several lines.</summary>
    public ConfigText Lines(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    /// <summary>
    /// Appends <c># Label &lt;label&gt;</c> when Nova gave the network a label (already cleaned by
    /// <c>LabelValidator</c>, so it cannot end the comment).
    /// </summary>
    public ConfigText LabelComment(string label, string indent = "")
    {
        if (label.Length > 0)
        {
            Line($"{indent}# Label {label}");
        }

        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
