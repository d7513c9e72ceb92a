using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Generated;
using Json.Schema;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// The request schemas the built-ins that take their value whole state
/// (<c>[Command(RequestSchema = …)]</c>), checked against what their parsers really accept: each
/// sample request is judged by a JSON Schema validator and by the command's own parsing, and the
/// two must agree. Where a schema cannot say everything (a base64 alphabet, a key's range, how a
/// number was written, a URL's structure), each known difference is listed explicitly as a sample
/// the schema lets through and the parser refuses; docs/commands.md lists the same.
/// </summary>
public sealed class BuiltInRequestSchemaTests : IDisposable
{
    private const string Md5 = "0123456789abcdef0123456789ABCDEF";
    private const string Sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF";

    private readonly CommandRoot _root = new();

    public void Dispose() => _root.Dispose();

    private static CommandDescriptor Descriptor(string name) =>
        new GuestAgentCommandsCommandRegistry().Commands.Single(c => c.Name == name);

    private static JsonSchema Schema(string name) => JsonSchema.FromText(Descriptor(name).RequestSchema);

    private static bool SchemaAccepts(string name, string value)
    {
        using var document = JsonDocument.Parse(value);
        return Schema(name).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
    }

    [Theory]
    [InlineData("keyinit", "anyOf")]
    [InlineData("password", "contentEncoding")]
    [InlineData("injectfile", "contentEncoding")]
    [InlineData("file_inject", "b64_path", "b64_file")]
    [InlineData("agentupdate", "url", "md5sum", "sha256", "sha256sum")]
    [InlineData("kmsactivate", "activation_key", "profile", "domains")]
    public void Each_stated_schema_is_draft_2020_12_and_names_what_the_parser_reads(string name, params string[] names)
    {
        var text = Descriptor(name).RequestSchema;

        Assert.StartsWith("""{"$schema":"https://json-schema.org/draft/2020-12/schema",""", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        using var stated = JsonDocument.Parse(text);
        Assert.True(
            MetaSchemas.Draft202012.Evaluate(stated.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid,
            "not a valid draft 2020-12 schema");
        Assert.All(names, n => Assert.Contains($"\"{n}\":", text, StringComparison.Ordinal));
    }

    [Fact]
    public void Commands_bound_by_name_or_without_a_value_keep_their_derived_schemas()
    {
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema"}""", Descriptor("version").RequestSchema);
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema"}""", Descriptor("resetnetwork").RequestSchema);
    }

    [Theory]
    [InlineData("\"72934389420761065950890858028106\"", true)]
    [InlineData("72934389420761065950890858028106", true)]
    [InlineData("\" 72934389420761065950890858028106\\n\"", true)]
    [InlineData("\"\\t72934389420761065950890858028106\\r\\n\"", true)]
    [InlineData("\"\\u008512\"", false)] // NEL: white space to .NET's Trim(), not JSON's
    [InlineData("\"\\u00a012\"", false)] // no-break space: \s in some engines, not in others
    [InlineData("\"\\ufeff12\"", false)] // BOM: \s to ECMA-262, not to .NET
    [InlineData("\"12\\u2028\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"12a\"", false)]
    [InlineData("\"-5\"", false)]
    [InlineData("-7", false)]
    [InlineData("true", false)]
    [InlineData("{\"key\":\"5\"}", false)]
    [InlineData("[\"5\"]", false)]
    public void Keyinit_schema_agrees_with_the_command(string value, bool valid)
    {
        Assert.Equal(valid, SchemaAccepts("keyinit", value));
        Assert.Equal(valid, KeyInitAccepts(value));
    }

    [Theory]
    [InlineData("\"1\"")] // outside [2, p - 2]: a range no validator holds as a string
    [InlineData("2.0")] // an integer to JSON Schema, but written with a fraction
    [InlineData("1e2")] // an integer to JSON Schema, but written with an exponent
    [InlineData("162259276829213363391578010288127")] // p itself, as a number: the range is in the description only
    public void Keyinit_values_the_schema_cannot_rule_out_are_refused_by_the_command(string value)
    {
        Assert.True(SchemaAccepts("keyinit", value));
        Assert.False(KeyInitAccepts(value));
    }

    private bool KeyInitAccepts(string value)
    {
        using var document = JsonDocument.Parse(value);
        try
        {
            return KeyInitCommand.KeyInitWith(document.RootElement, _root.Context("keyinit"), NovaDiffieHellmanTests.GuestPrivate).ReturnCode == ReturnCodes.KeyInitSuccess;
        }
        catch (CommandException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("\"https://builds.example.com/agent.tar.gz," + Md5 + "\"", true)]
    [InlineData("\" https://builds.example.com/a,b.tar.gz , " + Sha256 + " \"", true)]
    [InlineData("\"HTTPS://builds.example.com/agent.tar.gz," + Md5 + "\"", true)]
    [InlineData("{\"url\":\"https://builds.example.com/agent.tar.gz\",\"md5sum\":\"" + Md5 + "\"}", true)]
    [InlineData("{\"url\":\"https://builds.example.com/agent.tar.gz\",\"md5sum\":\"" + Sha256 + "\"}", true)]
    [InlineData("{\"url\":\"https://builds.example.com/agent.tar.gz\",\"sha256\":\"" + Sha256 + "\",\"extra\":1}", true)]
    [InlineData("{\"url\":\"https://builds.example.com/agent.tar.gz\",\"sha256sum\":\"" + Sha256 + "\"}", true)]
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"md5sum\":\"" + Md5 + "\",\"sha256\":\"none\"}", true)] // sha256 is not read
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"md5sum\":7,\"sha256\":\"" + Sha256 + "\"}", true)] // md5sum is no string: sha256 is read
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"md5sum\":null,\"sha256\":7,\"sha256sum\":\"" + Md5 + "\"}", true)]
    [InlineData("{\"url\":\" https://builds.example.com/a\",\"md5sum\":\"" + Md5 + "\"}", true)]
    [InlineData("{\"url\":\"\\thttps://builds.example.com/a\\r\\n\",\"md5sum\":\"" + Md5 + "\"}", true)] // JSON's white space around it: no control character inside
    [InlineData("\"\\thttps://builds.example.com/agent.tar.gz,\\r\\n" + Md5 + "\\n\"", true)]
    [InlineData("\"http://builds.example.com/agent.tar.gz," + Md5 + "\"", true)]
    [InlineData("\"https://builds.example.com/agent.tar.gz\"", false)]
    [InlineData("\"https://builds.example.com/agent.tar.gz,1234\"", false)]
    [InlineData("\"ftp://builds.example.com/agent.tar.gz," + Md5 + "\"", false)]
    [InlineData("\"https://builds.example.com/agent.tar.gz," + Md5 + "," + "\"", false)]
    [InlineData("{\"url\":\"https://builds.example.com/agent.tar.gz\"}", false)]
    [InlineData("{\"md5sum\":\"" + Md5 + "\"}", false)]
    [InlineData("{\"url\":\"https://builds.example.com/agent.tar.gz\",\"md5sum\":\"xyz\"}", false)]
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"md5sum\":\"" + Md5 + "\\n\"}", false)] // $ matches before a final \n in .NET
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"md5sum\":\"xyz\",\"sha256\":\"" + Sha256 + "\"}", false)] // md5sum is read first
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"md5sum\":7}", false)]
    [InlineData("{\"url\":\"https://builds.example.com/a\",\"sha256sum\":\"" + Sha256 + "x\"}", false)]
    [InlineData("\"https://builds.example.com/agent.tar.gz,\\u00a0" + Md5 + "\"", false)] // only JSON's white space is trimmed
    [InlineData("\"\\u0085https://builds.example.com/agent.tar.gz," + Md5 + "\"", false)]
    [InlineData("{\"url\":\"file:///tmp/agent.tar.gz\",\"md5sum\":\"" + Md5 + "\"}", false)]
    [InlineData("42", false)]
    [InlineData("[\"https://builds.example.com/agent.tar.gz\",\"" + Md5 + "\"]", false)]
    [InlineData("\"https://builds.example.com/p\\u00e4th/agent.tar.gz?v=\\u00fc," + Md5 + "\"", true)] // an IRI's path and query: fetched percent-encoded
    public void Agentupdate_schema_agrees_with_the_command(string value, bool valid)
    {
        Assert.Equal(valid, SchemaAccepts("agentupdate", value));
        Assert.Equal(valid, AgentUpdateAccepts(value));
    }

    [Theory]
    [InlineData("\"https://," + Md5 + "\"")] // no host
    [InlineData("{\"url\":\"https://b.example.com:99999/a\",\"md5sum\":\"" + Md5 + "\"}")] // no such port
    // A control character, which Uri would percent-escape into a URL the host never wrote.
    [InlineData("\"https://b.example.com/a\\u0000.tar.gz," + Md5 + "\"")]
    [InlineData("\"https://b.example.com/a\\n.tar.gz," + Md5 + "\"")]
    [InlineData("{\"url\":\"https://b.example.com/a\\u007f\",\"md5sum\":\"" + Md5 + "\"}")]
    [InlineData("{\"url\":\"https://b.example.com/a?x=\\u0085\",\"md5sum\":\"" + Md5 + "\"}")]
    [InlineData("{\"url\":\"https://b.exa\\tmple.com/a\",\"md5sum\":\"" + Md5 + "\"}")]
    // A format character, which Uri drops from a host, and a host name beyond ASCII (its IDNA form is taken).
    [InlineData("\"https://b.exa\\u202emple.com/a," + Md5 + "\"")]
    [InlineData("\"https://b.example.com/a\\u00ad.tar.gz," + Md5 + "\"")]
    [InlineData("{\"url\":\"https://x\\u200d.example.com/a\",\"md5sum\":\"" + Md5 + "\"}")]
    [InlineData("{\"url\":\"https://b\\u00fccher.example/a\",\"md5sum\":\"" + Md5 + "\"}")]
    [InlineData("\"https://\\u4f8b\\u3048.\\u30c6\\u30b9\\u30c8/a," + Md5 + "\"")]
    public void Agentupdate_urls_the_schema_cannot_rule_out_are_refused_by_the_command(string value)
    {
        // A URL's structure is the parser's (System.Uri), and its characters the command's; the schema checks the scheme only.
        Assert.True(SchemaAccepts("agentupdate", value));
        Assert.False(AgentUpdateAccepts(value));
    }

    private static bool AgentUpdateAccepts(string value)
    {
        using var document = JsonDocument.Parse(value);
        try
        {
            // http is refused unless the options allow it; the schema states the form, not the option.
            AgentUpdateRequest.Parse(document.RootElement, new AgentUpdateOptions { AllowHttp = true }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            return true;
        }
        catch (CommandException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["rhn.example.com","rhn2.example.com:8443"]}""", true)]
    [InlineData("""{"activation_key":"1-abc","profile":"","domains":"rhn.example.com","other":true}""", true)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["a:65535"]}""", true)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["a:00080"]}""", true)]
    [InlineData("""{"activation_key":"","profile":"web01","domains":["rhn.example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc\n","profile":"web01","domains":["rhn.example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web\u0085","domains":["rhn.example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","domains":["rhn.example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":[]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["a:65536"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["-a.example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["a..example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["rhn.example.com\n"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":["https://rhn.example.com"]}""", false)]
    [InlineData("""{"activation_key":"1-abc","profile":"web01","domains":[7]}""", false)]
    [InlineData("""{"activation_key":1,"profile":"web01","domains":["rhn.example.com"]}""", false)]
    [InlineData("\"1-abc\"", false)]
    public void Kmsactivate_schema_agrees_with_the_command(string value, bool valid)
    {
        Assert.Equal(valid, SchemaAccepts("kmsactivate", value));
        using var document = JsonDocument.Parse(value);
        var parsed = Record.Exception(() => KmsActivation.Parse(document.RootElement));
        Assert.Equal(valid, parsed is null);
        Assert.True(parsed is null or CommandException, parsed?.ToString());
    }

    [Fact]
    public void Kmsactivate_host_names_are_held_to_253_characters_by_both()
    {
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        foreach (var (host, valid) in new[] { (longest, true), (longest + "a", false), (longest + ":443", true) })
        {
            var value = $$"""{"activation_key":"k","profile":"p","domains":["{{host}}"]}""";
            Assert.Equal(valid, SchemaAccepts("kmsactivate", value));
            using var document = JsonDocument.Parse(value);
            Assert.Equal(valid, Record.Exception(() => KmsActivation.Parse(document.RootElement)) is null);
        }
    }

    [Theory]
    [InlineData("""{"b64_path":"L3Jvb3QvbW90ZA==","b64_file":"aGk="}""", true)]
    [InlineData("""{"b64_path":"L3Jvb3QvbW90ZA==","b64_file":"","other":1}""", true)]
    [InlineData("""{"b64_path":"L3Jvb3QvbW90ZA=="}""", false)]
    [InlineData("""{"b64_file":"aGk="}""", false)]
    [InlineData("""{"b64_path":"L3Jvb3QvbW90ZA==","b64_file":5}""", false)]
    [InlineData("\"L3Jvb3QvbW90ZCxoaQ==\"", false)]
    public void File_inject_schema_agrees_with_the_command(string value, bool valid)
    {
        Assert.Equal(valid, SchemaAccepts("file_inject", value));
        using var document = JsonDocument.Parse(value);
        var result = Record.Exception(() => InjectFileCommands.FileInject(document.RootElement, _root.Context("file_inject")));
        Assert.Equal(valid, result is null);
        Assert.True(result is null || result.Message == InjectFileMessages.BadArguments, result?.Message);
        if (valid)
        {
            Assert.True(File.Exists(_root.HostPath("/root/motd")));
        }
    }

    [Fact]
    public void Base64_is_stated_as_an_encoding_which_validators_do_not_check_but_the_commands_do()
    {
        Assert.True(SchemaAccepts("file_inject", """{"b64_path":"not base64!","b64_file":"aGk="}"""));
        var refused = Assert.Throws<CommandException>(() =>
        {
            using var document = JsonDocument.Parse("""{"b64_path":"not base64!","b64_file":"aGk="}""");
            InjectFileCommands.FileInject(document.RootElement, _root.Context("file_inject"));
        });
        Assert.Equal(InjectFileMessages.BadBase64, refused.Message);
    }

    [Fact]
    public void Injectfile_and_password_take_a_base64_string()
    {
        var injected = Convert.ToBase64String(Encoding.UTF8.GetBytes("/root/note,hello, world"));
        Assert.True(SchemaAccepts("injectfile", $"\"{injected}\""));
        Assert.Equal(CommandResult.Ok(), InjectFileCommands.InjectFile(injected, _root.Context("injectfile")));
        Assert.Equal("hello, world", File.ReadAllText(_root.HostPath("/root/note")));
        Assert.False(SchemaAccepts("injectfile", """{"path":"/root/note"}"""));

        var ciphertext = NovaPasswordCipher.Encrypt(Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret), "s3cr3t");
        Assert.True(SchemaAccepts("password", $"\"{ciphertext}\""));
        Assert.False(SchemaAccepts("password", "12"));
        using var schema = JsonDocument.Parse(Descriptor("password").RequestSchema);
        Assert.Equal("base64", schema.RootElement.GetProperty("contentEncoding").GetString());
    }
}
