using System.Globalization;
using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// The on-disk form of a <see cref="TransactionRecord"/>: one JSON object, written and read by hand
/// (no reflection; the daemon is NativeAOT). File contents are base64, modes octal text, so an
/// operator can read the record with <c>jq</c>. Reading checks every field: a record cut short or
/// edited into something else is refused as a whole, never half-used.
/// </summary>
internal static class TransactionRecordFormat
{
    /// <summary>The format written; a record of any other version is refused.</summary>
    public const int Version = 1;

    /// <summary>The kernel's bound on one extended attribute's value, and on a file's list of names (64 KiB).</summary>
    private const int MaxAttributeBytes = 65536;

    /// <summary>The record as UTF-8 JSON.</summary>
    public static byte[] Write(TransactionRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("phase", PhaseName(record.Phase));
            json.WriteString("started", record.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartArray("files");
            foreach (var file in record.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                if (file.Written is { } written)
                {
                    json.WriteString("written", written);
                }

                WriteSaved(json, "current", file.Current);
                json.WriteBoolean("other", file.IsOther);
                json.WriteString("linkTarget", file.LinkTarget);
                WriteSaved(json, "backup", file.Backup);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "removals", record.Removals);
            WriteStrings(json, "createdDirectories", record.CreatedDirectories);
            WriteSteps(json, "takeDown", record.TakeDown);
            WriteSteps(json, "reapply", record.Reapply);
            if (record.BootId is { } bootId)
            {
                json.WriteString("bootId", bootId);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a record.</summary>
    /// <exception cref="InvalidDataException">It is not a complete record of this version; the message says what is wrong.</exception>
    public static TransactionRecord Read(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = Object(document.RootElement, "the record");
            var version = Property(root, "version", JsonValueKind.Number).GetInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"version {version} is not {Version}");
            }

            return new TransactionRecord(
                ParsePhase(Property(root, "phase", JsonValueKind.String).GetString()!),
                DateTimeOffset.Parse(Property(root, "started", JsonValueKind.String).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                [.. Property(root, "files", JsonValueKind.Array).EnumerateArray().Select(ReadFile)],
                ReadStrings(root, "removals"),
                ReadStrings(root, "createdDirectories"),
                ReadSteps(root, "takeDown"),
                ReadSteps(root, "reapply"),
                ReadBootId(root));
        }
        catch (Exception error) when (error is JsonException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException(error is JsonException ? "it is not complete JSON" : $"a value is malformed ({error.GetType().Name})", error);
        }
    }

    /// <summary>
    /// The boot id, which came after version 1 was first written: it is optional, so a record an
    /// older agent left is still recovered (as before, without telling boots apart), and an older
    /// agent reading a newer record ignores the member, as it ignores any it does not know.
    /// </summary>
    private static string? ReadBootId(JsonElement root)
    {
        if (!root.TryGetProperty("bootId", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var bootId = String(element, "bootId");
        return bootId.Length == 0 || bootId.Any(char.IsWhiteSpace) ? throw new InvalidDataException("'bootId' is not a boot id") : bootId;
    }

    private static FileSnapshot ReadFile(JsonElement element)
    {
        var file = Object(element, "a file");
        var path = AgentPath(Property(file, "path", JsonValueKind.String).GetString()!);
        return new FileSnapshot(
            path,
            ReadSaved(file, "current"),
            Property(file, "other", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
            ReadSaved(file, "backup"),
            Property(file, "linkTarget", JsonValueKind.String, JsonValueKind.Null).GetString())
        {
            Written = ReadWritten(file),
        };
    }

    /// <summary>
    /// The hash of what the change writes to the file, which came after version 1 was first written:
    /// optional, as <c>bootId</c> is. Without it a retry of the record cannot tell the change's file
    /// from an edit, and leaves a file that is neither the previous one nor gone alone (docs/networking.md).
    /// </summary>
    private static string? ReadWritten(JsonElement file)
    {
        if (!file.TryGetProperty("written", out var element))
        {
            return null;
        }

        var written = String(element, "written");
        return written.Length == 64 && written.All(char.IsAsciiHexDigitLower) ? written : throw new InvalidDataException("'written' is not a SHA-256 in lowercase hex");
    }

    private static void WriteSaved(Utf8JsonWriter json, string name, SavedFile? saved)
    {
        if (saved is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("mode", Convert.ToString((int)saved.Mode, 8));
        json.WriteNumber("uid", saved.Owner.UserId);
        json.WriteNumber("gid", saved.Owner.GroupId);
        if (saved.Acl is { } acl)
        {
            json.WriteBase64String("acl", acl);
        }

        if (saved.Attributes is { } attributes)
        {
            json.WriteStartObject("attributes");
            foreach (var (attribute, value) in attributes)
            {
                json.WriteBase64String(attribute, value.Span);
            }

            json.WriteEndObject();
        }

        json.WriteBase64String("contents", saved.Contents);
        json.WriteEndObject();
    }

    private static SavedFile? ReadSaved(JsonElement parent, string name)
    {
        var element = Property(parent, name, JsonValueKind.Object, JsonValueKind.Null);
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var mode = Convert.ToInt32(Property(element, "mode", JsonValueKind.String).GetString(), 8);
        if (mode is < 0 or > 0xFFF)
        {
            throw new InvalidDataException($"mode {Convert.ToString(mode, 8)} is not a permission mode");
        }

        return new SavedFile(
            Property(element, "contents", JsonValueKind.String).GetBytesFromBase64(),
            (UnixFileMode)mode,
            new FileOwner(Property(element, "uid", JsonValueKind.Number).GetUInt32(), Property(element, "gid", JsonValueKind.Number).GetUInt32()),
            ReadAcl(element),
            ReadAttributes(element));
    }

    /// <summary>
    /// The saved file's other extended attributes (an object of names and base64 values), which came
    /// after the ACL: optional as it is, so an older record restores the file with the attributes of
    /// the file there. A name the writer would refuse (empty, with a NUL, the access ACL's) refuses
    /// the record here, by the writer's own rule.
    /// </summary>
    private static Dictionary<string, ReadOnlyMemory<byte>>? ReadAttributes(JsonElement saved)
    {
        if (!saved.TryGetProperty("attributes", out _))
        {
            return null;
        }

        var attributes = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var listed = 0;
        foreach (var attribute in Property(saved, "attributes", JsonValueKind.Object).EnumerateObject())
        {
            if (attribute.Value.ValueKind != JsonValueKind.String || !attributes.TryAdd(attribute.Name, attribute.Value.GetBytesFromBase64()))
            {
                throw new InvalidDataException("'attributes' holds a value that is not base64 text, or a name twice");
            }

            // The kernel's own bounds (XATTR_SIZE_MAX on a value, XATTR_LIST_MAX on the names with their
            // NULs, as listxattr gives them): what a real file had always fits, an edited record cannot grow past them.
            listed += Encoding.UTF8.GetByteCount(attribute.Name) + 1;
            if (attributes[attribute.Name].Length > MaxAttributeBytes || listed > MaxAttributeBytes)
            {
                throw new InvalidDataException("'attributes' holds more than a file can (a value over 65536 bytes, or names over 65536 bytes in all)");
            }
        }

        try
        {
            _ = new AtomicWriteOptions { ExactExtendedAttributes = attributes };
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException("'attributes' names an attribute the writer cannot set");
        }

        return attributes;
    }

    /// <summary>
    /// The saved file's POSIX access ACL (base64 of the kernel's form; empty for none), which came
    /// after version 1 was first written: optional, as <c>bootId</c> is, so a record an older agent
    /// left restores the file with the ACL of the file there, as that agent would have. Anything but
    /// the kernel's form refuses the record here, as any other edited field does, rather than failing
    /// that one file's restore halfway through a recovery.
    /// </summary>
    private static byte[]? ReadAcl(JsonElement saved)
    {
        if (!saved.TryGetProperty("acl", out _))
        {
            return null;
        }

        var acl = Property(saved, "acl", JsonValueKind.String).GetBytesFromBase64();
        return PosixAccessControl.IsWellFormed(acl) ? acl : throw new InvalidDataException("'acl' is not a POSIX access ACL");
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string[] ReadStrings(JsonElement parent, string name) =>
        [.. Property(parent, name, JsonValueKind.Array).EnumerateArray().Select(e => AgentPath(String(e, name)))];

    private static void WriteSteps(Utf8JsonWriter json, string name, IEnumerable<ApplyStep> steps)
    {
        json.WriteStartArray(name);
        foreach (var step in steps)
        {
            json.WriteStartObject();
            json.WriteString("program", step.Process.Program);
            WriteStrings(json, "arguments", step.Process.Arguments);
            json.WriteBoolean("required", step.MustSucceed);
            if (step.ThisBootOnly)
            {
                // Only when set: a record without it (an older agent's) runs the step in any boot, as that agent did.
                json.WriteBoolean("thisBootOnly", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static ApplyStep[] ReadSteps(JsonElement parent, string name) =>
        [.. Property(parent, name, JsonValueKind.Array).EnumerateArray().Select(element =>
        {
            var step = Object(element, "a step");
            var program = Property(step, "program", JsonValueKind.String).GetString()!;
            if (program.Length == 0)
            {
                throw new InvalidDataException($"a step of '{name}' names no program");
            }

            var arguments = Property(step, "arguments", JsonValueKind.Array).EnumerateArray().Select(e => String(e, "arguments")).ToArray();
            return new ApplyStep(
                new ProcessSpec(program, arguments) { Timeout = ApplyStep.Timeout },
                Property(step, "required", JsonValueKind.True, JsonValueKind.False).GetBoolean())
            {
                ThisBootOnly = step.TryGetProperty("thisBootOnly", out _) && Property(step, "thisBootOnly", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
            };
        })];

    private static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new InvalidDataException($"{what} is not a JSON object");

    private static string String(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new InvalidDataException($"'{what}' holds a value that is not a string");

    private static JsonElement Property(JsonElement parent, string name, params JsonValueKind[] kinds)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw new InvalidDataException($"'{name}' is missing");
        }

        return kinds.Contains(value.ValueKind) ? value : throw new InvalidDataException($"'{name}' is {value.ValueKind}, not {string.Join(" or ", kinds)}");
    }

    /// <summary>
    /// Only plain absolute agent paths: a record edited to name a relative path, or to climb with
    /// <c>..</c>, must not make a restore write anywhere the change itself could not have.
    /// </summary>
    private static string AgentPath(string path) =>
        !path.StartsWith('/') ? throw new InvalidDataException("a path is not absolute") :
        path.Contains('\0', StringComparison.Ordinal) || path.Split('/').Contains("..") ? throw new InvalidDataException("a path is not plain") :
        path;

    private static string PhaseName(TransactionPhase phase) => phase switch
    {
        TransactionPhase.Preparing => "preparing",
        TransactionPhase.Writing => "writing",
        TransactionPhase.Applying => "applying",
        TransactionPhase.RollingBack => "rolling-back",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown phase"),
    };

    private static TransactionPhase ParsePhase(string name) => name switch
    {
        "preparing" => TransactionPhase.Preparing,
        "writing" => TransactionPhase.Writing,
        "applying" => TransactionPhase.Applying,
        "rolling-back" => TransactionPhase.RollingBack,
        _ => throw new InvalidDataException($"phase '{name}' is unknown"),
    };
}
