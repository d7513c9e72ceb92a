using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Kms;

public sealed class KmsActivateCommandTests
{
    /// <summary>
    /// The file the original agent wrote for <see cref="Request"/>'s domains: its template, as the
    /// original's commands/redhat/kms.py and tests/test_kms.py have it (starting with the comment line;
    /// the later Python agent's adds an empty line before it).
    /// </summary>
    private const string OriginalUp2Date =
        "# Automatically generated Red Hat Update Agent config file, do not edit.\n" +
        "# Format: 1.0\n" +
        "versionOverride[comment]=Override the automatically determined system version\nversionOverride=\n\n" +
        "enableProxyAuth[comment]=To use an authenticated proxy or not\nenableProxyAuth=0\n\n" +
        "networkRetries[comment]=Number of attempts to make at network connections before giving up\nnetworkRetries=5\n\n" +
        "hostedWhitelist[comment]=None\nhostedWhitelist=\n\n" +
        "enableProxy[comment]=Use a HTTP Proxy\nenableProxy=0\n\n" +
        "serverURL[comment]=Remote server URL\nserverURL=https://rhn.example.com/XMLRPC;https://rhn2.example.com/XMLRPC;\n\n" +
        "proxyPassword[comment]=The password to use for an authenticated proxy\nproxyPassword=\n\n" +
        "noSSLServerURL[comment]=None\nnoSSLServerURL=http://rhn.example.com/XMLRPC;http://rhn2.example.com/XMLRPC;\n\n" +
        "proxyUser[comment]=The username for an authenticated proxy\nproxyUser=\n\n" +
        "disallowConfChanges[comment]=Config options that can not be overwritten by a config update action\n" +
        "disallowConfChanges=noReboot;sslCACert;useNoSSLForPackages;noSSLServerURL;serverURL;disallowConfChanges;\n\n" +
        "sslCACert[comment]=The CA cert used to verify the ssl server\nsslCACert=/usr/share/rhn/RHN-ORG-TRUSTED-SSL-CERT\n\n" +
        "debug[comment]=Whether or not debugging is enabled\ndebug=0\n\n" +
        "httpProxy[comment]=HTTP proxy in host:port format, e.g. squid.redhat.com:3128\nhttpProxy=\n\n" +
        "systemIdPath[comment]=Location of system id\nsystemIdPath=/etc/sysconfig/rhn/systemid\n\n" +
        "noReboot[comment]=Disable the reboot action\nnoReboot=0\n";

    private const string Request = """{"activation_key":"1-SECRET-KEY","profile":"web01","domains":["rhn.example.com","rhn2.example.com"]}""";

    [Theory]
    [InlineData("NAME=\"CentOS Linux\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\n")]
    [InlineData("ID=rocky\nID_LIKE=\"rhel centos fedora\"\n")]
    [InlineData("ID=rhel\n")]
    public async Task On_red_hat_it_writes_up2date_removes_the_system_id_and_runs_rhnreg_ks(string osRelease)
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", osRelease);
        root.WriteFile("/etc/sysconfig/rhn/systemid", "old id");

        var result = await KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate"));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(OriginalUp2Date, File.ReadAllText(root.HostPath("/etc/sysconfig/rhn/up2date")));
        // 0644, as the original left it: readable by the RHN tools, writable by root alone.
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            root.System.FileSystem.GetStatus("/etc/sysconfig/rhn/up2date")!.Value.Mode);
        Assert.False(File.Exists(root.HostPath("/etc/sysconfig/rhn/systemid")));
        Assert.Equal("/usr/sbin/rhnreg_ks <secret> --profile=web01 --force\n", root.ActionsLog());
    }

    [Fact]
    public async Task A_full_disk_is_answered_with_its_reason_and_rhnreg_ks_is_not_run()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile("/etc/sysconfig/rhn/systemid", "old id");
        root.Services.Add(root.System with { Writer = new FullDiskWriter() });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: No space left on device", error.Message);
        Assert.Equal("old id", File.ReadAllText(root.HostPath("/etc/sysconfig/rhn/systemid")));
        Assert.Equal("", root.ActionsLog());
    }

    [Fact]
    public async Task A_single_domain_may_be_a_string_as_the_original_accepted()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=rhel\n");

        var result = await KmsActivateCommand.KmsActivate(
            Json("""{"activation_key":"1-KEY","profile":"web01","domains":"rhn.example.com"}"""), root.Context("kmsactivate"));

        Assert.Equal(CommandResult.Ok(), result);
        var up2date = File.ReadAllText(root.HostPath("/etc/sysconfig/rhn/up2date"));
        Assert.Contains("\nserverURL=https://rhn.example.com/XMLRPC;\n", up2date, StringComparison.Ordinal);
        Assert.Contains("\nnoSSLServerURL=http://rhn.example.com/XMLRPC;\n", up2date, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_rhnreg_ks_is_reported_with_its_status()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=fedora\n");
        root.WriteFile(RecordingProcessRunner.FailActionsPath, "rhnreg_ks\n");

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't activate with RHN: 1", error.Message);
    }

    [Theory]
    [InlineData("ID=debian\n")]
    [InlineData("ID=ubuntu\nID_LIKE=debian\n")]
    [InlineData(null)]
    public async Task Elsewhere_kms_is_not_supported_and_nothing_happens(string? osRelease)
    {
        using var root = new CommandRoot();
        if (osRelease is not null)
        {
            root.WriteFile("/etc/os-release", osRelease);
        }

        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("KMS not supported on this OS", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));
    }

    [Theory]
    [InlineData("\"a string\"")]
    [InlineData("""{"profile":"p","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"","profile":"p","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":[]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["bad host; rm -rf /"]}""")]
    [InlineData("""{"activation_key":"k\n--serverUrl=x","profile":"p","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p\n","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p\u0000x","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["rhn.example.com\n","x.example.com"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":"rhn.example.com\n"}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["rhn.example.com:443\n"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["\nrhn.example.com"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["rhn.example.com:65536"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["rhn.example.com:99999"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["rhn.example.com:"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["rhn.example.com",443]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":[null]}""")]
    [InlineData("""{"activation_key":"k","profile":null,"domains":["a.example"]}""")]
    // Lone surrogates: JsonElement.GetString throws InvalidOperationException for them.
    [InlineData("""{"activation_key":"\uD800","profile":"p","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"x\uDC00","domains":["a.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":["\uD800.example"]}""")]
    [InlineData("""{"activation_key":"k","profile":"p","domains":"\uD800"}""")]
    public async Task Invalid_arguments_are_refused_before_anything_is_written(string json)
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(json), root.Context("kmsactivate")));

        Assert.StartsWith("Invalid kmsactivate arguments", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task Values_starting_with_dashes_reach_rhnreg_ks_as_values_and_ports_up_to_65535_are_kept()
    {
        // The original split "--profile VALUE" into two arguments: a profile "--serverUrl=…" would
        // have been read as an option by a parser that allows an option there.
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(0, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rocky\n");

        var result = await KmsActivateCommand.KmsActivate(
            Json("""{"activation_key":"--serverUrl=https://evil/","profile":"--force","domains":["rhn.example.com:65535"]}"""), root.Context("kmsactivate"));

        Assert.Equal(CommandResult.Ok(), result);
        var spec = Assert.Single(runner.Calls);
        Assert.Equal(KmsActivateCommand.RhnRegKs, spec.Program);
        Assert.Equal(["--activationkey=--serverUrl=https://evil/", "--profile=--force", "--force"], spec.Arguments);
        Assert.Contains("\nserverURL=https://rhn.example.com:65535/XMLRPC;\n", File.ReadAllText(root.HostPath("/etc/sysconfig/rhn/up2date")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/os-release", "NAME=\"Oracle Linux Server\"\nID=\"ol\"\nID_LIKE='fedora'\n", true)]
    [InlineData("/usr/lib/os-release", "ID=almalinux\n", true)]
    [InlineData("/etc/redhat-release", "Red Hat Enterprise Linux release 6.10 (Santiago)\n", true)]
    [InlineData("/etc/os-release", "ID=arch\n", false)]
    public void The_red_hat_family_is_recognised_from_os_release(string path, string contents, bool redHat)
    {
        using var root = new CommandRoot();
        root.WriteFile(path, contents);

        Assert.Equal(redHat, RedHatFamily.Detect(root.System.FileSystem));
    }

    [Theory]
    [InlineData("ID=rhel\n", true)]
    [InlineData("ID=debian\n", false)]
    [InlineData(null, false)]
    public void A_dangling_etc_os_release_link_falls_back_to_usr_lib_os_release(string? usrLib, bool redHat)
    {
        // os-release(5): /usr/lib/os-release is read when /etc/os-release does not exist, and a link
        // whose target is gone (an image whose /usr was rebuilt) opens as ENOENT, as systemd sees it.
        // .NET's File.Exists says true for a dangling link, and reading it then threw FileNotFoundException.
        using var root = new CommandRoot();
        root.CreateDirectory("/etc");
        File.CreateSymbolicLink(root.HostPath("/etc/os-release"), "../usr/lib/os-release.gone");
        if (usrLib is not null)
        {
            root.WriteFile("/usr/lib/os-release", usrLib);
        }

        Assert.Equal(redHat, RedHatFamily.Detect(root.System.FileSystem));
    }

    [Theory]
    [InlineData("loop", "Too many levels of symbolic links")]
    [InlineData("refused", "Permission denied")]
    public async Task An_etc_os_release_that_cannot_be_read_is_answered_with_its_reason_and_nothing_is_changed(string how, string reason)
    {
        // The file is there but says nothing: not "absent" (os-release(5)'s fallback, and systemd's, is
        // for ENOENT only), and not a failure of the agent either. Root cannot be refused a read, but an
        // LSM can refuse it (EACCES, shown by a file system that throws what .NET throws then), and
        // nobody can open a link to itself (ELOOP, real).
        using var root = new CommandRoot();
        root.CreateDirectory("/etc");
        File.CreateSymbolicLink(root.HostPath("/etc/os-release"), "os-release");
        root.WriteFile("/usr/lib/os-release", "ID=rhel\n");
        root.WriteFile("/etc/sysconfig/rhn/systemid", "old id");
        if (how == "refused")
        {
            root.Services.Add(root.System with { FileSystem = new RefusingReads(root.System.FileSystem, "/etc/os-release") });
        }

        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal($"Couldn't read /etc/os-release: {reason}", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));
        Assert.Equal("", root.ActionsLog());
    }

    [Fact]
    public void The_activation_key_never_shows_in_the_parsed_arguments_text()
    {
        var activation = KmsActivation.Parse(Json("""{"activation_key":"1-s3cr3t-key","profile":"web1","domains":["rhn.example.com"]}"""));

        var text = activation.ToString();

        Assert.Equal("1-s3cr3t-key", activation.ActivationKey);
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.Contains("web1", text, StringComparison.Ordinal);
        Assert.Contains("rhn.example.com", text, StringComparison.Ordinal);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
