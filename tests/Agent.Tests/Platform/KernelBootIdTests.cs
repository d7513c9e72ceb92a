using GuestAgent.Platform;

namespace GuestAgent.Tests.Platform;

public sealed class KernelBootIdTests
{
    [Fact]
    public void The_boot_id_is_the_kernel_s_uuid_without_its_newline()
    {
        var id = KernelBootId.Read();

        Assert.NotNull(id);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        Assert.Equal(File.ReadAllText(KernelBootId.Path), id + "\n");
    }
}
