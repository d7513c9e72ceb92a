using System.Reflection;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Security;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// docs/commands.md's error tables give every answer text of <c>keyinit</c>, <c>password</c>,
/// <c>injectfile</c> and <c>file_inject</c> exactly, as its introduction promises: each message
/// constant those commands answer with is written out in full on the page (a host's operator
/// searches the page for the text they got), so a message added or reworded in the code without
/// the page fails here.
/// </summary>
public sealed partial class CommandMessagesDocumentationTests
{
    public static TheoryData<string, string> Messages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (constant, message) in Constants())
        {
            data.Add(constant, message);
        }

        return data;
    }

    [Fact]
    public void Both_message_classes_are_read()
    {
        var constants = Constants().Select(pair => pair.Constant).ToList();

        Assert.Contains("PasswordMessages.NoKeyExchange", constants);
        Assert.Contains("InjectFileMessages.NotAbsolute", constants);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_page_writes_the_message_out_as_inline_code(string constant, string message)
    {
        // The page wraps long texts over lines; a code span's line break is a space.
        var page = Blanks().Replace(File.ReadAllText(RepositoryFiles.Path("docs", "commands.md")), " ");

        Assert.True(page.Contains('`' + message, StringComparison.Ordinal), $"docs/commands.md does not write out {constant}: '{message}'");
    }

    private static IEnumerable<(string Constant, string Message)> Constants() =>
        new[] { typeof(PasswordMessages), typeof(InjectFileMessages) }.SelectMany(type => type
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => ($"{type.Name}.{field.Name}", (string)field.GetRawConstantValue()!)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();
}
