using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// Reads the configuration file. Before binding, the document is checked against the generated
/// JSON metadata so that an unknown key or a value of the wrong type is reported with its full key
/// (<c>xenstore.pollIntervalSeconds</c>) and what was expected, instead of a serializer message.
/// </summary>
internal static class ConfigurationReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// <c>--config /dev/null</c>: no configuration file at all, the defaults (and the command line)
    /// only, whatever the default file holds. The common way to say "no file" on Unix; any other
    /// device, a FIFO or a socket is refused.
    /// </summary>
    public const string NoFile = "/dev/null";

    /// <summary>
    /// The most bytes a configuration file may hold (1 MiB, thousands of times what every setting
    /// takes): a larger file is a mistake (a log or an image written over it), and read whole it could
    /// have a small guest's agent killed for memory at every start instead of told what is wrong.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    private const int EAcces = 13;
    private const int MaxErrno = 4095;

    /// <summary>
    /// Reads <paramref name="path"/>: <c>null</c> when there is no file to read (the default one is
    /// missing, or <paramref name="path"/> is <see cref="NoFile"/>); a missing file is an error only
    /// when <paramref name="explicitlyGiven"/>.
    /// </summary>
    /// <exception cref="UsageException">The file is missing (when explicit), unreadable, empty, not JSON, or has an unknown key or a bad value.</exception>
    public static ConfigurationFile? Read(string path, bool explicitlyGiven)
    {
        if (path == NoFile)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            // Opening a FIFO for reading waits for a writer, forever; a device could stream without
            // end. Only a regular file (links followed) is a configuration.
            if (GuestAgent.Platform.Native.LibC.Stat(path) is { IsRegularFile: false, IsDirectory: false })
            {
                throw new UsageException($"configuration file '{path}' cannot be read: it is not a regular file (a FIFO, socket or device)");
            }

            bytes = ReadAtMostLimit(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // A link to nothing is a configuration that went missing (its target removed, a file
            // system not mounted yet), not "no file": read as the defaults, an allow-list would be
            // silently dropped and every command served.
            if (LinkTarget(path) is { } target)
            {
                // Removing the link gives the defaults only for the default file: a file named with
                // --config must exist, so there the way to the defaults is --config /dev/null.
                var defaults = explicitlyGiven ? $"give --config {NoFile}" : "remove it";
                throw new UsageException(
                    $"configuration file '{path}' is a symbolic link to '{target}', which does not exist (point the link at the file, or {defaults} for the defaults)",
                    exception);
            }

            return explicitlyGiven ? throw new UsageException($"configuration file '{path}' does not exist") : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // .NET reports a directory as "access denied", which sends an operator after permissions.
            var reason = Directory.Exists(path) ? "it is a directory" : SystemReason(exception);
            throw new UsageException($"configuration file '{path}' cannot be read: {reason}", exception);
        }

        return Parse(bytes, path);
    }

    /// <summary>The file's bytes, read no further than one past <see cref="MaxFileBytes"/> (its size may change while it is read).</summary>
    private static byte[] ReadAtMostLimit(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var buffer = new byte[(int)Math.Min(stream.Length, MaxFileBytes) + 1];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length > MaxFileBytes)
        {
            throw new UsageException($"configuration file '{path}' cannot be read: it holds more than {MaxFileBytes} bytes, the most a configuration may");
        }

        return buffer[..length];
    }

    /// <summary>
    /// Why reading failed in the system's words (<c>Too many levels of symbolic links</c>), not .NET's
    /// sentence around them (<c>stat failed for '…': …</c>, <c>Access to the path '…' is denied.</c>).
    /// </summary>
    private static string SystemReason(Exception exception) => exception switch
    {
        UnauthorizedAccessException => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(EAcces),
        IOException { HResult: > 0 and <= MaxErrno } io => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(io.HResult),
        _ => exception.Message,
    };

    /// <summary>Where <paramref name="path"/> links to, or <c>null</c> when it is no link (or nothing at all).</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses and checks configuration JSON; <paramref name="source"/> names it in errors.</summary>
    public static ConfigurationFile Parse(ReadOnlyMemory<byte> utf8Json, string source)
    {
        // Editors on some systems save UTF-8 with a byte order mark; it is not JSON, but every
        // common JSON reader skips it, and refusing it costs an operator a confusing "line 1, column 1".
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (utf8Json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            // Also what a configuration tool that failed half-way leaves: refused rather than read as
            // "defaults", which would silently undo every setting the operator made.
            throw new UsageException($"{source}: the file is empty (write {{}} for the defaults, or give --config {NoFile})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new UsageException(
                $"{source}: not valid JSON (line {(exception.LineNumber ?? 0) + 1}, column {(exception.BytePositionInLine ?? 0) + 1}: {JsonSyntaxReason.Describe(exception)})",
                exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"{source}: the configuration must be a JSON object");
            }

            var context = ConfigurationJsonContext.Default;
            try
            {
                Check(document.RootElement, context.ConfigurationFile, "", source, context);
            }
            catch (InvalidOperationException exception)
            {
                // A key that is not valid UTF-8 (values are checked one by one, with their key).
                throw new UsageException($"{source}: a key is not valid UTF-8 text (save the file as UTF-8)", exception);
            }

            try
            {
                return document.RootElement.Deserialize(context.ConfigurationFile) ?? new ConfigurationFile();
            }
            catch (JsonException exception)
            {
                // Check() has already looked at every key and type; this is the safety net.
                var why = exception.InnerException is InvalidOperationException ? "text that is not valid UTF-8" : "bad value";
                throw new UsageException($"{source}: {why} at '{exception.Path?.TrimStart('$', '.')}'", exception);
            }
        }
    }

    private static void Check(JsonElement element, JsonTypeInfo typeInfo, string prefix, string source, ConfigurationJsonContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            if (!seen.Add(property.Name))
            {
                // JSON allows it and the last would silently win: an operator editing by hand meant one of them.
                throw new UsageException($"{source}: key '{key}' is given twice");
            }

            var info = typeInfo.Properties.FirstOrDefault(p => p.Name == property.Name);
            if (info is null)
            {
                var known = string.Join(", ", typeInfo.Properties.Select(p => p.Name));
                var where = prefix.Length == 0 ? "" : $" in '{prefix.TrimEnd('.')}'";
                throw new UsageException($"{source}: unknown key '{key}' (known keys{where}: {known})");
            }

            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!IsValidText(value))
            {
                // JSON strings are read as they are; the bytes are decoded only when used, and a
                // Latin-1 "é" saved by an editor would otherwise surface as a vague "bad value".
                throw new UsageException($"{source}: '{key}' is not valid UTF-8 text (save the file as UTF-8)");
            }

            var type = info.PropertyType;
            if (type == typeof(long?) && value.ValueKind == JsonValueKind.Number && value.GetRawText().AsSpan().IndexOfAny('e', 'E') >= 0)
            {
                // 1e3 is a whole number, but .NET reads none with an exponent as an integer: say so
                // rather than "out of range" or "must be a whole number" about a number that is one.
                throw new UsageException($"{source}: '{key}' must be a whole number written without an exponent, not {Describe(value)}");
            }

            if (OutOfRange(type, value))
            {
                throw new UsageException($"{source}: '{key}' is out of range: {Describe(value)}");
            }

            if (Expected(type, value) is { } expected)
            {
                throw new UsageException($"{source}: '{key}' must be {expected}, not {Describe(value)}");
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                Check(value, context.GetTypeInfo(type)!, key + ".", source, context);
            }
        }
    }

    /// <summary>What a value of <paramref name="type"/> must look like, or <c>null</c> when <paramref name="value"/> fits.</summary>
    private static string? Expected(Type type, JsonElement value)
    {
        if (type == typeof(string))
        {
            return value.ValueKind == JsonValueKind.String ? null : "a string";
        }

        if (type == typeof(bool?))
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "true or false";
        }

        if (type == typeof(long?))
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _) ? null : "a whole number";
        }

        if (type == typeof(double?))
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? null : "a number";
        }

        if (type == typeof(string[]))
        {
            return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
                ? null
                : "an array of strings";
        }

        return value.ValueKind == JsonValueKind.Object ? null : "an object";
    }

    /// <summary>A number of the right kind that the setting's type cannot hold (<c>1e400</c> seconds, <c>1e30</c> bytes).</summary>
    private static bool OutOfRange(Type type, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && (
            (type == typeof(double?) && !(value.TryGetDouble(out var number) && double.IsFinite(number)))
            || (type == typeof(long?) && !value.TryGetInt64(out _) && IsWholeNumber(value.GetRawText())));

    /// <summary>Whether the number's text (exponents are refused before) has no fraction (<c>99999999999999999999</c>), whatever its size.</summary>
    private static bool IsWholeNumber(string text) => !text.Contains('.', StringComparison.Ordinal);

    /// <summary>Whether every string in <paramref name="value"/> (itself, or an array's items) is valid UTF-8.</summary>
    private static bool IsValidText(JsonElement value)
    {
        try
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                _ = value.GetString();
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    _ = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
