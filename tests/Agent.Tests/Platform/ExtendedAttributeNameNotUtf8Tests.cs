using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// A file with an extended attribute whose name is not UTF-8 (<c>user.\xff</c>, set by the real
/// <c>setfattr</c>; the kernel takes any bytes but NUL): reading the attributes by name refuses it,
/// as the name has no text a restore could set again (U+FFFD would be another name), while a plain
/// rewrite copies it byte for byte.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExtendedAttributeNameNotUtf8Tests
{
    /// <summary><c>user.</c> then the byte 0xFF, as bash's <c>$'…'</c> writes it (an argument from .NET would be UTF-8).</summary>
    private const string Name = "$'user.\\xff'";

    [Fact]
    public async Task Reading_the_attributes_by_name_refuses_a_name_that_is_not_UTF8()
    {
        using var root = new TemporaryDirectory();
        await WithNameNotUtf8Async(root.Combine("config"));
        var fileSystem = new RootedFileSystem(root.Path);

        Assert.Equal("'/config' has an extended attribute whose name is not UTF-8", Assert.Throws<IOException>(() => fileSystem.ReadExtendedAttributes("/config")).Message);
        Assert.Equal("'/config' has an extended attribute whose name is not UTF-8", Assert.Throws<IOException>(() => fileSystem.ReadRegularFile("/config")).Message);
    }

    [Fact]
    public async Task A_rewrite_keeps_the_attribute_byte_for_byte()
    {
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        await WithNameNotUtf8Async(host);

        new AtomicFileWriter(new RootedFileSystem(root.Path)).Write("/config", "new"u8);

        Assert.Equal("new", File.ReadAllText(host));
        Assert.Equal("kept", await ValueAsync(host, Name));
    }

    [Fact]
    public async Task An_exact_rewrite_asking_for_the_name_as_text_is_not_skipped_and_sets_that_name()
    {
        // "user.\uFFFD" is what the name reads as; asked for with the same value, it is still another
        // name (EF BF BD, not FF): the file does not have it, so the rewrite goes ahead and sets it.
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        await WithNameNotUtf8Async(host);
        var exact = new Dictionary<string, ReadOnlyMemory<byte>> { ["user.\uFFFD"] = "kept"u8.ToArray() };

        Assert.True(new AtomicFileWriter(new RootedFileSystem(root.Path)).Write("/config", "old"u8, new AtomicWriteOptions { SkipIfUnchanged = true, ExactExtendedAttributes = exact }));

        Assert.Equal("kept", await ValueAsync(host, "$'user.\\xef\\xbf\\xbd'"));
        Assert.Null(await ValueAsync(host, Name));
    }

    private static async Task WithNameNotUtf8Async(string hostPath)
    {
        File.WriteAllText(hostPath, "old");
        var set = await ExternalTool.RunAsync(ExternalTool.Require("bash", "bash"), ["-c", $"exec \"$1\" -n {Name} -v kept \"$2\"", "bash", ExternalTool.Require("setfattr", "attr"), hostPath]);
        if (set.ExitCode != 0)
        {
            Requirement.Unmet($"setfattr -n {Name} failed (a file system without user extended attributes?): {set.StandardError}");
        }
    }

    /// <summary>The value of the attribute named by the bash word <paramref name="name"/>, or <c>null</c> when the file has none.</summary>
    private static async Task<string?> ValueAsync(string hostPath, string name)
    {
        var got = await ExternalTool.RunAsync(ExternalTool.Require("bash", "bash"), ["-c", $"exec \"$1\" --only-values -n {name} \"$2\"", "bash", ExternalTool.Require("getfattr", "attr"), hostPath]);
        return got.ExitCode == 0 ? got.StandardOutput : null;
    }
}
