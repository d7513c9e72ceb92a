using System.Security.Cryptography;
using System.Text.Json;

namespace GuestAgent.Commands.Files;

/// <summary>The file injection commands Nova uses for <c>/root/.ssh/authorized_keys</c> and user files.</summary>
public static class InjectFileCommands
{
    /// <summary>
    /// Writes a file: the value is base64 of <c>&lt;path&gt;,&lt;contents&gt;</c>, split at the first comma
    /// (the contents are binary and may contain commas).
    /// </summary>
    [Command("injectfile", RequestSchema = """
        {
          "description": "Base64 of the bytes '<path>,<contents>': the file's absolute path, a comma, then its contents (any bytes; split at the first comma).",
          "type": "string",
          "contentEncoding": "base64"
        }
        """)]
    public static CommandResult InjectFile(string value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = DecodeBase64(value);
        try
        {
            var comma = Array.IndexOf(data, (byte)',');
            if (comma < 0)
            {
                throw new CommandException(InjectFileMessages.NoComma);
            }

            FileInjector.Inject(context.RequireSystem(typeof(InjectFileCommands)), Options(context), context.Logger(FileInjector.LogCategory), data.AsSpan(0, comma), data.AsSpan(comma + 1));
            return CommandResult.Ok();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    /// <summary>
    /// Writes a file given as <c>{"b64_path": base64 path, "b64_file": base64 contents}</c>; Nova's
    /// plugin sends it when <c>features</c> lists <c>file_inject</c>.
    /// </summary>
    [Command("file_inject", RequestSchema = """
        {
          "type": "object",
          "properties": {
            "b64_path": { "description": "Base64 of the file's absolute path (UTF-8).", "type": "string", "contentEncoding": "base64" },
            "b64_file": { "description": "Base64 of the file's contents (any bytes).", "type": "string", "contentEncoding": "base64" }
          },
          "required": [ "b64_path", "b64_file" ]
        }
        """)]
    public static CommandResult FileInject(JsonElement value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (value.ValueKind != JsonValueKind.Object ||
            !value.TryGetProperty("b64_path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String ||
            !value.TryGetProperty("b64_file", out var fileElement) || fileElement.ValueKind != JsonValueKind.String)
        {
            throw new CommandException(InjectFileMessages.BadArguments);
        }

        var path = DecodeBase64(pathElement.GetString());
        var contents = DecodeBase64(fileElement.GetString());
        try
        {
            FileInjector.Inject(context.RequireSystem(typeof(InjectFileCommands)), Options(context), context.Logger(FileInjector.LogCategory), path, contents);
            return CommandResult.Ok();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contents);
        }
    }

    private static InjectFileOptions Options(CommandContext context) =>
        context.Services.Get<InjectFileOptions>() ?? InjectFileOptions.Default;

    private static byte[] DecodeBase64(string? value)
    {
        try
        {
            return Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new CommandException(InjectFileMessages.BadBase64);
        }
    }
}
