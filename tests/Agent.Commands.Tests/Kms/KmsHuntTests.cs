using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>Bug hunt: kmsactivate defects, each test fails on the current code.</summary>
public sealed class KmsHuntTests
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string OldUp2Date = "serverURL=https://satellite.internal/XMLRPC\n";
    private const string Request = """{"activation_key":"1-KEY","profile":"web01","domains":["proxy1.example.com","proxy2.example.com"]}""";

    /// <summary>
    /// The up2date write is renamed into place but its directory sync fails (UnconfirmedWriteException,
    /// an IOException). Prepare treats it as "not written": the answer says the configuration could not be
    /// written, yet the new servers are in /etc/sysconfig/rhn/up2date and the old ones are never put back.
    /// </summary>
    [Fact]
    public async Task An_up2date_written_but_unconfirmed_is_put_back_or_reported_as_written()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "644");
        root.WriteFile(SystemId, "old id", "600");
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1, onlyPath: Up2Date) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: Input/output error", error.Message);
        Assert.Equal("", root.ActionsLog());
        // "Couldn't write", and rhnreg_ks never ran: the previous registration must be what is on disk.
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
    }

    /// <summary>
    /// Same cause on the way back: rhnreg_ks fails, the old up2date is rewritten and renamed into place,
    /// only its directory sync fails. The answer says restoring failed, though both files are back.
    /// </summary>
    [Fact]
    public async Task An_up2date_put_back_but_unconfirmed_is_not_reported_as_not_put_back()
    {
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(1, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "644");
        root.WriteFile(SystemId, "old id", "600");
        // The first write of up2date (the new servers) is confirmed; the second (putting the old one back) is not.
        root.Services.Add(root.System with { Writer = new SecondWriteUnsynced(root.System.Writer, Up2Date) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal("old id", File.ReadAllText(root.HostPath(SystemId)));
        Assert.DoesNotContain("restoring the previous RHN configuration failed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The real writer; the second write of one path is renamed into place and then reported unconfirmed (EIO from the directory fsync).</summary>
    private sealed class SecondWriteUnsynced(IAtomicFileWriter inner, string onlyPath) : IAtomicFileWriter
    {
        private int _writes;

        public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
        {
            var written = inner.Write(path, contents, options);
            return path == onlyPath && ++_writes == 2
                ? throw new UnconfirmedWriteException(path, new IOException("fsync failed: Input/output error", 5))
                : written;
        }

        public bool Write(string path, Stream contents, AtomicWriteOptions? options = null) => inner.Write(path, contents, options);

        public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) => inner.Stage(path, contents, options);
    }

    /// <summary>
    /// The original agent's template (commands/redhat/kms.py: data = '''# Automatically ...) and its test
    /// (tests/test_kms.py: '\n'.join(['# Automatically ...', ..., 'noReboot=0']) + '\n') start with the
    /// comment line. Up2DateConfig.Render starts with an extra empty line (the Python agent's form), although
    /// its documentation promises the original's template "byte for byte".
    /// </summary>
    [Fact]
    public void Up2date_is_the_original_agents_template_byte_for_byte()
    {
        var text = Up2DateConfig.Render(["proxy1.example.com", "proxy2.example.com"]);

        Assert.StartsWith("# Automatically generated Red Hat Update Agent config file, do not edit.\n# Format: 1.0\n", text, StringComparison.Ordinal);
        Assert.EndsWith("noReboot[comment]=Disable the reboot action\nnoReboot=0\n", text, StringComparison.Ordinal);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
