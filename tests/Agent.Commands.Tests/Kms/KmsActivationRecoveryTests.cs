using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>At start, the old system id a killed <c>kmsactivate</c> left aside is put back, or dropped after a registration that went through.</summary>
public sealed class KmsActivationRecoveryTests
{
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string Aside = "/etc/sysconfig/rhn/.systemid.0123456789ab.kmsactivate";
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string Up2DateCopy = "/etc/sysconfig/rhn/.up2date.0123456789ab.kmsactivate";
    private const string OldUp2Date = "serverURL=https://satellite.internal/XMLRPC\nproxyPassword=not-for-others\n";
    private const string OldSystemId = "<?xml version=\"1.0\"?><params><!-- the guest's registration --></params>\n";

    [Fact]
    public void Killed_before_rhnreg_ks_registered_the_old_systemid_is_moved_back()
    {
        using var root = new CommandRoot();
        root.WriteFile(Aside, OldSystemId, "600");

        var done = new KmsActivationRecovery(root.System).Recover();

        Assert.Equal(["restored .systemid.0123456789ab.kmsactivate"], done);
        Assert.Equal([SystemId], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
        Assert.Equal(OldSystemId, File.ReadAllText(root.HostPath(SystemId)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.System.FileSystem.GetStatus(SystemId)!.Value.Mode);
    }

    [Fact]
    public void Killed_after_rhnreg_ks_registered_the_new_systemid_stays_and_the_old_one_goes()
    {
        using var root = new CommandRoot();
        root.WriteFile(Aside, OldSystemId, "600");
        root.WriteFile(SystemId, "new registration", "600");

        var done = new KmsActivationRecovery(root.System).Recover();

        Assert.Equal(["removed .systemid.0123456789ab.kmsactivate"], done);
        Assert.Equal([SystemId], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
        Assert.Equal("new registration", File.ReadAllText(root.HostPath(SystemId)));
    }

    [Fact]
    public void With_two_asides_the_first_in_name_order_is_moved_back_and_the_other_removed()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/sysconfig/rhn/.systemid.ffffffffffff.kmsactivate", "the later one", "600");
        root.WriteFile(Aside, OldSystemId, "600");

        var done = new KmsActivationRecovery(root.System).Recover();

        Assert.Equal(["restored .systemid.0123456789ab.kmsactivate", "removed .systemid.ffffffffffff.kmsactivate"], done);
        Assert.Equal([SystemId], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
        Assert.Equal(OldSystemId, File.ReadAllText(root.HostPath(SystemId)));
    }

    [Fact]
    public void Killed_before_rhnreg_ks_registered_the_copy_of_the_old_up2date_goes_back_first()
    {
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, "serverURL=https://rhn.example.com/XMLRPC;\n", "644");
        root.WriteFile(Up2DateCopy, OldUp2Date, "600");
        root.WriteFile(Aside, OldSystemId, "600");

        var done = new KmsActivationRecovery(root.System).Recover();

        Assert.Equal(["restored .up2date.0123456789ab.kmsactivate", "restored .systemid.0123456789ab.kmsactivate"], done);
        Assert.Equal([SystemId, Up2Date], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn").Order(StringComparer.Ordinal));
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.System.FileSystem.GetStatus(Up2Date)!.Value.Mode);
    }

    [Fact]
    public void Killed_in_a_first_registration_before_rhnreg_ks_registered_the_old_up2date_goes_back()
    {
        // No system id before, so none aside: no systemid at its path still means "not registered".
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, "serverURL=https://rhn.example.com/XMLRPC;\n", "644");
        root.WriteFile(Up2DateCopy, OldUp2Date, "600");
        root.WriteFile("/etc/sysconfig/rhn/.up2date.ffffffffffff.kmsactivate", "a later copy", "600");

        var done = new KmsActivationRecovery(root.System).Recover();

        Assert.Equal(["restored .up2date.0123456789ab.kmsactivate", "removed .up2date.ffffffffffff.kmsactivate"], done);
        Assert.Equal([Up2Date], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
    }

    [Fact]
    public void With_a_systemid_at_its_path_the_up2date_there_stays_and_the_copy_goes()
    {
        // A new registration, or an activation killed before it moved the old system id aside (and so
        // before it wrote up2date): either way the up2date there is the one to keep.
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, "the up2date to keep", "644");
        root.WriteFile(Up2DateCopy, OldUp2Date, "600");
        root.WriteFile(SystemId, "the system id to keep", "600");

        var done = new KmsActivationRecovery(root.System).Recover();

        Assert.Equal(["removed .up2date.0123456789ab.kmsactivate"], done);
        Assert.Equal([SystemId, Up2Date], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn").Order(StringComparer.Ordinal));
        Assert.Equal("the up2date to keep", File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal("the system id to keep", File.ReadAllText(root.HostPath(SystemId)));
    }

    [Fact]
    public void Nothing_left_aside_changes_nothing_and_creates_nothing()
    {
        using var root = new CommandRoot();
        root.WriteFile(SystemId, OldSystemId, "600");
        root.WriteFile("/etc/sysconfig/rhn/.systemid.other", "not ours", "600");
        root.WriteFile("/etc/sysconfig/rhn/.up2date.other", "not ours", "600");
        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        Assert.Empty(new KmsActivationRecovery(root.System).Recover());
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));

        using var empty = new CommandRoot();
        Assert.Empty(new KmsActivationRecovery(empty.System).Recover());
        Assert.False(Directory.Exists(empty.HostPath("/etc/sysconfig")));
    }
}
