using System.Text;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>The record on disk reads back exactly as written, and anything else is refused whole, saying why.</summary>
public sealed class TransactionRecordFormatTests
{
    // SHA-256 of "new interfaces\n": what the change writes there.
    private const string WrittenHash = "79ac9f7c7ad0b4d3650bbe2a8d866df63d9695334fec6bf0ab7cfdbcb8ba34a9";

    private static readonly TransactionRecord Record = new(
        TransactionPhase.Applying,
        new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
        [
            new FileSnapshot("/etc/network/interfaces", new SavedFile([0, 1, 0xFF, (byte)'\n'], (UnixFileMode)Convert.ToInt32("4640", 8), new FileOwner(4321, 4322), [2, 0, 0, 0],
                new Dictionary<string, ReadOnlyMemory<byte>> { ["user.a"] = new byte[] { 1 }, ["security.selinux"] = "system_u:object_r:net_conf_t:s0\0"u8.ToArray(), ["user.empty"] = Array.Empty<byte>() }), false,
                new SavedFile("backup\n"u8.ToArray(), UnixFileMode.UserRead, FileOwner.Root, []), null) { Written = WrittenHash },
            new FileSnapshot("/etc/resolv.conf", null, true, null, "../run/systemd/resolve/stub-resolv.conf"),
            new FileSnapshot("/etc/network/interfaces.d/eth1", null, false, null, null) { Written = FileSnapshot.Hash("new eth1\n"u8) },
        ],
        ["/etc/netplan/50-cloud-init.yaml"],
        ["/etc/network/interfaces.d"],
        [ApplyStep.Try("ifdown", "--force", "eth0")],
        [
            ApplyStep.Run("ifup", "eth0"),
            ApplyStep.Try("systemctl", "try-reload-or-restart", "systemd-resolved.service"),
            ApplyStep.Try("nmcli", "connection", "up", "uuid", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "ifname", "eth0") with { ThisBootOnly = true },
        ],
        "5f0c3a4e-0000-4000-8000-000000000001");

    [Fact]
    public void A_record_reads_back_as_written()
    {
        var read = TransactionRecordFormat.Read(TransactionRecordFormat.Write(Record));

        Assert.Equal(Record.Phase, read.Phase);
        Assert.Equal(Record.Started, read.Started);
        Assert.Equal(Describe(Record), Describe(read));
    }

    [Fact]
    public void A_record_without_a_boot_id_as_an_older_agent_wrote_it_reads_with_none()
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record with { BootId = null }));
        Assert.DoesNotContain("bootId", text, StringComparison.Ordinal);

        var read = TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text));

        Assert.Null(read.BootId);
        Assert.Equal(Describe(Record with { BootId = null }), Describe(read));
        Assert.Null(TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text.Replace("\"version\": 1", "\"version\": 1, \"bootId\": null", StringComparison.Ordinal))).BootId);
    }

    [Fact]
    public void Only_a_step_of_its_own_boot_is_marked_so_and_a_step_an_older_agent_recorded_is_not()
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record));
        Assert.Equal(1, text.Split("thisBootOnly").Length - 1);

        var read = TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text.Replace(",\n      \"thisBootOnly\": true", "", StringComparison.Ordinal)));

        Assert.Equal([false, false, false], read.Reapply.Select(step => step.ThisBootOnly));
        Assert.Equal([false, false, true], TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text)).Reapply.Select(step => step.ThisBootOnly));
    }

    [Fact]
    public void A_saved_file_without_an_ACL_as_an_older_agent_wrote_it_reads_with_none_known()
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record));
        Assert.Contains("\"acl\": \"AgAAAA==\",", text, StringComparison.Ordinal);

        var read = TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text.Replace("\"acl\": \"AgAAAA==\",", "", StringComparison.Ordinal)));

        Assert.Null(read.Files[0].Current!.Acl);
        Assert.Null(read.Files[0].Current!.ExactAcl);
        // Known to be none: the restore removes any ACL the file has by then.
        Assert.Empty(read.Files[0].Backup!.ExactAcl!.Value.ToArray());
    }

    [Fact]
    public void A_saved_ACL_is_read_up_to_the_kernel_s_64_KiB_cap_on_an_attribute_and_refused_past_it()
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record));
        // A version 2 header, then 8-byte entries: 8191 of them fit in 65536 bytes, 8192 do not.
        string WithEntries(int count) => text.Replace("\"acl\": \"AgAAAA==\"", $"\"acl\": \"{Convert.ToBase64String([2, 0, 0, 0, .. new byte[8 * count]])}\"", StringComparison.Ordinal);

        Assert.Equal(4 + (8 * 8191), TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(WithEntries(8191))).Files[0].Current!.Acl!.Length);
        var error = Assert.Throws<InvalidDataException>(() => TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(WithEntries(8192))));
        Assert.Equal("'acl' is not a POSIX access ACL", error.Message);
    }

    [Fact]
    public void Saved_attributes_are_read_up_to_the_kernel_s_64_KiB_bounds_and_refused_past_them()
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record));
        string With(string attributes) => text.Replace("\"user.a\": \"AQ==\"", attributes, StringComparison.Ordinal);
        string Value(int bytes) => Convert.ToBase64String(new byte[bytes]);
        // With the record's security.selinux and user.empty (28 bytes with their NULs), 255 names of 255
        // bytes and one of 227 make 65536 bytes of list, as listxattr's cap allows; one byte more is past it.
        string Names(int extra) => string.Join(", ", Enumerable.Range(0, 255).Select(i => $"\"user.{i:D250}\": \"AQ==\"").Append($"\"user.{new string('f', 222 + extra)}\": \"AQ==\""));
        const string Refusal = "'attributes' holds more than a file can (a value over 65536 bytes, or names over 65536 bytes in all)";

        Assert.Equal(65536, TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(With($"\"user.a\": \"{Value(65536)}\""))).Files[0].Current!.Attributes!["user.a"].Length);
        Assert.Equal(258, TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(With(Names(0)))).Files[0].Current!.Attributes!.Count);
        Assert.Equal(Refusal, Assert.Throws<InvalidDataException>(() => TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(With($"\"user.a\": \"{Value(65537)}\"")))).Message);
        Assert.Equal(Refusal, Assert.Throws<InvalidDataException>(() => TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(With(Names(1))))).Message);
    }

    [Fact]
    public void A_file_without_what_the_change_wrote_as_an_older_agent_recorded_it_reads_with_none_known()
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record));
        Assert.Contains($"\"written\": \"{WrittenHash}\",", text, StringComparison.Ordinal);

        var read = TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text.Replace($"\"written\": \"{WrittenHash}\",", "", StringComparison.Ordinal)));

        Assert.Null(read.Files[0].Written);
        Assert.Equal(FileSnapshot.Hash("new eth1\n"u8), read.Files[2].Written);
    }

    [Theory]
    [InlineData("\"written\": \"" + WrittenHash + "\"", "\"written\": 7", "'written' holds a value that is not a string")]
    [InlineData("\"written\": \"" + WrittenHash + "\"", "\"written\": \"" + WrittenHash + "0\"", "'written' is not a SHA-256 in lowercase hex")]
    [InlineData("\"written\": \"" + WrittenHash + "\"", "\"written\": \"79AC9F7C7AD0B4D3650BBE2A8D866DF63D9695334FEC6BF0AB7CFDBCB8BA34A9\"", "'written' is not a SHA-256 in lowercase hex")]
    [InlineData("\"acl\": \"AgAAAA==\"", "\"acl\": 2", "'acl' is Number, not String")]
    [InlineData("\"acl\": \"AgAAAA==\"", "\"acl\": \"not base64\"", "a value is malformed (FormatException)")]
    [InlineData("\"acl\": \"AgAAAA==\"", "\"acl\": \"AQAAAA==\"", "'acl' is not a POSIX access ACL")]
    [InlineData("\"acl\": \"AgAAAA==\"", "\"acl\": \"AgA=\"", "'acl' is not a POSIX access ACL")]
    [InlineData("\"acl\": \"AgAAAA==\"", "\"acl\": \"AgAAAAEAAgD/////AQ==\"", "'acl' is not a POSIX access ACL")]
    [InlineData("\"user.a\": \"AQ==\"", "\"system.posix_acl_access\": \"AQ==\"", "'attributes' names an attribute the writer cannot set")]
    [InlineData("\"user.a\": \"AQ==\"", "\"\": \"AQ==\"", "'attributes' names an attribute the writer cannot set")]
    [InlineData("\"user.a\": \"AQ==\"", "\"user.a\": 1", "'attributes' holds a value that is not base64 text, or a name twice")]
    [InlineData("\"user.a\": \"AQ==\"", "\"user.a\": \"AQ==\", \"user.a\": \"Ag==\"", "'attributes' holds a value that is not base64 text, or a name twice")]
    [InlineData("\"version\": 1", "\"version\": 7", "version 7 is not 1")]
    [InlineData("\"bootId\": \"5f0c3a4e-0000-4000-8000-000000000001\"", "\"bootId\": 7", "'bootId' holds a value that is not a string")]
    [InlineData("\"bootId\": \"5f0c3a4e-0000-4000-8000-000000000001\"", "\"bootId\": \"a b\"", "'bootId' is not a boot id")]
    [InlineData("\"phase\": \"applying\"", "\"phase\": \"dancing\"", "phase 'dancing' is unknown")]
    [InlineData("\"path\": \"/etc/resolv.conf\"", "\"path\": \"etc/resolv.conf\"", "a path is not absolute")]
    [InlineData("\"path\": \"/etc/resolv.conf\"", "\"path\": \"/etc/../../resolv.conf\"", "a path is not plain")]
    [InlineData("\"mode\": \"4640\"", "\"mode\": \"rw-r-----\"", "a value is malformed (FormatException)")]
    [InlineData("\"mode\": \"4640\"", "\"mode\": \"17777\"", "mode 17777 is not a permission mode")]
    [InlineData("\"program\": \"ifup\"", "\"program\": \"\"", "a step of 'reapply' names no program")]
    [InlineData("\"thisBootOnly\": true", "\"thisBootOnly\": \"yes\"", "'thisBootOnly' is String, not True or False")]
    [InlineData("\"thisBootOnly\": true", "\"thisBootOnly\": null", "'thisBootOnly' is Null, not True or False")]
    [InlineData("\"removals\"", "\"removed\"", "'removals' is missing")]
    [InlineData("\"other\": true", "\"other\": \"yes\"", "'other' is String, not True or False")]
    public void A_record_edited_into_something_else_is_refused_saying_what_is_wrong(string from, string to, string reason)
    {
        var text = Encoding.UTF8.GetString(TransactionRecordFormat.Write(Record));
        Assert.Contains(from, text, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => TransactionRecordFormat.Read(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal))));

        Assert.Equal(reason, error.Message);
    }

    private static string Describe(TransactionRecord record) => string.Join('\n',
        record.Files.Select(f => $"{f.Path} {f.Written ?? "unknown"} {Saved(f.Current)} {f.IsOther} {Saved(f.Backup)} {f.LinkTarget}")
            .Concat(record.Removals).Concat(record.CreatedDirectories)
            .Concat(record.TakeDown.Concat(record.Reapply).Select(s => $"{s.Name} {s.MustSucceed} {s.Process.Timeout} {s.ThisBootOnly}"))
            .Append(record.BootId ?? "no boot id"));

    private static string Saved(SavedFile? saved) =>
        saved is null ? "none" : $"{Convert.ToHexString(saved.Contents)} {saved.Mode} {saved.Owner} {(saved.Acl is { } acl ? Convert.ToHexString(acl) : "unknown")} {(saved.Attributes is { } attributes ? string.Join(',', attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={Convert.ToHexString(pair.Value.Span)}")) : "unknown")}";
}
