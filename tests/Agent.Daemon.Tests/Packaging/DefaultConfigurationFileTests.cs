using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The commented agent.json the packages install as a conffile (packaging/config/agent.json): the
/// strict parser takes it as it is, and with every setting uncommented it still parses and gives the
/// defaults, so the values it shows are the real ones and every key exists; and docs/daemon.md's
/// key table has a row for every key the configuration reader takes.
/// </summary>
public sealed class DefaultConfigurationFileTests
{
    private static readonly RunInvocation NoOptions = new(null, null, null, null, null);

    private static string ShippedFile() => RepositoryFiles.Path("packaging", "config", "agent.json");

    [Fact]
    public void As_shipped_it_changes_nothing()
    {
        var file = ConfigurationReader.Read(ShippedFile(), explicitlyGiven: true);

        Assert.Equal(new AgentSettings { ConfigurationFile = "agent.json", ConfigurationFileRead = true }, SettingsResolver.Resolve(NoOptions, file, "agent.json"));
    }

    [Fact]
    public async Task With_every_setting_uncommented_it_is_valid_and_shows_the_defaults()
    {
        var lines = await File.ReadAllLinesAsync(ShippedFile(), TestContext.Current.CancellationToken);
        var open = Array.IndexOf(lines, "{");
        var close = Array.LastIndexOf(lines, "}");
        Assert.True(open >= 0 && close > open, "the file is not one object between a '{' line and a '}' line");
        var uncommented = lines.Select((line, index) => index > open && index < close && line.StartsWith("  // ", StringComparison.Ordinal) ? "  " + line[5..] : line).ToArray();
        var json = string.Join('\n', uncommented);

        var file = ConfigurationReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "agent.json");

        Assert.Equal(new AgentSettings { ConfigurationFile = "agent.json", ConfigurationFileRead = true }, SettingsResolver.Resolve(NoOptions, file, "agent.json"));
        // The same keys and values as the full example in docs/daemon.md ("Configuration").
        Assert.Equal(Flatten(DocumentedExample()), Flatten(json));
    }

    [Fact]
    public void The_key_table_of_the_page_lists_every_key_in_check_config_order_with_its_default()
    {
        var rows = KeyTableRows();
        var defaults = EffectiveSettings.Of(new AgentSettings());

        Assert.Equal(defaults.Select(setting => $"| `{setting.Key}`"), rows.Select(cells => cells[0]));
        // A default check-config prints as a value (not a "(…)" description) is the table's, as written.
        Assert.All(defaults.Zip(rows).Where(pair => !pair.First.Value.StartsWith('(')), pair =>
            Assert.StartsWith($"`{pair.First.Value}`", pair.Second[2], StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_table_of_the_page_has_a_row_for_every_key_the_reader_takes_and_no_other()
    {
        // The reader's own contract (what an agent.json may hold), not check-config's hand-written list:
        // a key added to ConfigurationFile without a row here is an undocumented setting.
        var taken = new List<string>();
        Leaves(ConfigurationJsonContext.Default.GetTypeInfo(typeof(ConfigurationFile))!, "", taken);
        var documented = KeyTableRows().Select(cells => cells[0].Trim('|', ' ', '`')).ToList();

        Assert.Contains("network.rollbackShare", taken);
        Assert.Equal(taken.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static void Leaves(JsonTypeInfo type, string prefix, List<string> keys)
    {
        foreach (var property in type.Properties)
        {
            var propertyType = ConfigurationJsonContext.Default.GetTypeInfo(property.PropertyType)!;
            if (propertyType.Kind == JsonTypeInfoKind.Object)
            {
                Leaves(propertyType, $"{prefix}{property.Name}.", keys);
            }
            else
            {
                keys.Add(prefix + property.Name);
            }
        }
    }

    /// <summary>The cells of each row of the key table in docs/daemon.md's "Configuration".</summary>
    private static List<string[]> KeyTableRows()
    {
        var documentation = File.ReadAllText(RepositoryFiles.Path("docs", "daemon.md"));
        var section = documentation[documentation.IndexOf("## Configuration", StringComparison.Ordinal)..];
        return section.Split('\n')
            .SkipWhile(line => !line.StartsWith("| key |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split(" | "))
            .ToList();
    }

    private static string DocumentedExample()
    {
        var documentation = File.ReadAllText(RepositoryFiles.Path("docs", "daemon.md"));
        var section = documentation[documentation.IndexOf("## Configuration", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>Every leaf as "path = raw JSON value", sorted.</summary>
    private static string[] Flatten(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var leaves = new List<string>();
        Walk(document.RootElement, "", leaves);
        return [.. leaves.Order(StringComparer.Ordinal)];
    }

    private static void Walk(JsonElement element, string path, List<string> leaves)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            leaves.Add($"{path} = {element.GetRawText()}");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
        }
    }
}
