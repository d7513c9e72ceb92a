using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// The architecture-dependent <c>open</c> flags: a wrong value would not fail, it would quietly mean
/// another flag (<c>O_DIRECT</c>, <c>O_LARGEFILE</c>) and drop the no-follow protections.
/// </summary>
public sealed class OpenFlagsTests
{
    [Theory]
    [InlineData(Architecture.X64, 0x10000, 0x20000)]
    [InlineData(Architecture.X86, 0x10000, 0x20000)]
    [InlineData(Architecture.RiscV64, 0x10000, 0x20000)]
    [InlineData(Architecture.LoongArch64, 0x10000, 0x20000)]
    [InlineData(Architecture.S390x, 0x10000, 0x20000)]
    [InlineData(Architecture.Arm64, 0x4000, 0x8000)]
    [InlineData(Architecture.Arm, 0x4000, 0x8000)]
    [InlineData(Architecture.Armv6, 0x4000, 0x8000)]
    [InlineData(Architecture.Ppc64le, 0x4000, 0x8000)]
    public void Each_known_architecture_gets_its_kernel_values(Architecture architecture, int directory, int noFollow)
    {
        Assert.Equal((directory, noFollow), OpenFlags.ForArchitecture(architecture));
    }

    [Theory]
    [InlineData(Architecture.Wasm)]
    [InlineData((Architecture)1000)]
    public void An_architecture_whose_values_are_unknown_is_refused_not_given_x86_values(Architecture architecture)
    {
        var error = Assert.Throws<PlatformNotSupportedException>(() => OpenFlags.ForArchitecture(architecture));

        Assert.Contains("O_NOFOLLOW", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_machine_s_values_are_the_ones_its_C_library_headers_give()
    {
        // Python's os module takes them from the C headers it was built against.
        var python = ExternalTool.Require("python3", "python3");

        var result = await ExternalTool.RunAsync(python, ["-c", "import os; print(os.O_DIRECTORY, os.O_NOFOLLOW)"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{OpenFlags.Directory} {OpenFlags.NoFollow}", result.StandardOutput.Trim());
    }
}
