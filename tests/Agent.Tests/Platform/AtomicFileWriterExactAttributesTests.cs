using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="AtomicWriteOptions.ExactExtendedAttributes"/>: the file gets exactly the attributes asked
/// for (read and set with the real <c>getfattr</c>/<c>setfattr</c>), not the replaced file's, and keeps
/// its ACL; names the writer could not set are refused when the option is set.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterExactAttributesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("user.a\0b")]
    [InlineData("system.posix_acl_access")]
    public void A_name_the_writer_could_not_set_is_refused_when_the_option_is_set(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new AtomicWriteOptions { ExactExtendedAttributes = new Dictionary<string, ReadOnlyMemory<byte>> { [name] = new byte[] { 1 } } });

        Assert.Equal(nameof(AtomicWriteOptions.ExactExtendedAttributes), error.ParamName);
    }

    [Fact]
    public void A_name_with_a_lone_surrogate_or_over_the_kernel_s_255_bytes_is_refused_and_255_bytes_taken()
    {
        // "user.\uD800" would be encoded as "user.\uFFFD", another name; 256 bytes the kernel refuses (ERANGE).
        foreach (var name in new[] { "user.\uD800", "user." + new string('a', 251), "user." + new string('\u00E9', 126) })
        {
            var error = Assert.Throws<ArgumentException>(() => new AtomicWriteOptions { ExactExtendedAttributes = new Dictionary<string, ReadOnlyMemory<byte>> { [name] = new byte[] { 1 } } });
            Assert.Equal(nameof(AtomicWriteOptions.ExactExtendedAttributes), error.ParamName);
        }

        Assert.NotNull(new AtomicWriteOptions { ExactExtendedAttributes = new Dictionary<string, ReadOnlyMemory<byte>> { ["user." + new string('a', 250)] = new byte[] { 1 } } }.ExactExtendedAttributes);
    }

    [Theory]
    [InlineData("user.old=1")]
    [InlineData("user.saved=1")]
    [InlineData("user.saved=2,user.old=1")]
    public async Task A_rewrite_gets_exactly_the_attributes_asked_for_and_keeps_the_replaced_file_s_ACL(string onFile)
    {
        // user.saved="2" asked for; on the file another name, the same name with another value, or one attribute more.
        using var root = new TemporaryDirectory();
        var path = root.Combine("config");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("640", 8));
        var attributes = onFile.Split(',').Select(pair => pair.Split('=')).ToArray();
        foreach (var pair in attributes)
        {
            await Xattrs.SetAsync(path, pair[0], pair[1]);
        }

        await Acls.SetAsync("-m", "u:4321:r--", path);
        var fs = new RootedFileSystem(root.Path);
        var saved = new Dictionary<string, ReadOnlyMemory<byte>> { ["user.saved"] = "2"u8.ToArray() };

        Assert.Equal(attributes.Select(pair => pair[0]).Order(StringComparer.Ordinal), fs.ReadExtendedAttributes("/config")!.Keys.Order(StringComparer.Ordinal));
        Assert.True(new AtomicFileWriter(fs).Write("/config", "old"u8, new AtomicWriteOptions { ExactExtendedAttributes = saved, SkipIfUnchanged = true }));
        Assert.False(new AtomicFileWriter(fs).Write("/config", "old"u8, new AtomicWriteOptions { ExactExtendedAttributes = saved, SkipIfUnchanged = true }));

        Assert.Equal(["user.saved=\"2\""], await Xattrs.GetAsync(path));
        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(path));
    }

    [Theory]
    [InlineData("security.selinux", true)]
    [InlineData("user.origin", false)]
    public async Task A_security_attribute_this_process_may_not_set_fails_the_rewrite_saying_how_to_remove_it_and_never_its_value(string name, bool security)
    {
        Assert.SkipUnless(Owners.AsRoot, "security.* attributes need root (CAP_SYS_ADMIN) to set");
        using var root = new TemporaryDirectory();
        var path = root.Combine("config");
        File.WriteAllText(path, "old");
        // Without SELinux loaded, security.selinux is an ordinary attribute root may set; EPERM is what a
        // non-root or container agent gets for it (the capability check), injected here.
        await Xattrs.SetAsync(path, name, "secret_value_t");
        Exception? failure = null;

        SyscallTrace.Failing(() => failure = Record.Exception(() => new AtomicFileWriter(new RootedFileSystem(root.Path)).Write("/config", "new"u8)), "fsetxattr", "EPERM");

        var message = Assert.IsAssignableFrom<IOException>(failure).Message;
        Assert.StartsWith($"setxattr({name}) failed for '/config': Operation not permitted", message, StringComparison.Ordinal);
        Assert.Equal(security, message.Contains($"(setfattr -x {name})", StringComparison.Ordinal));
        Assert.DoesNotContain("secret_value_t", message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["config"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }
}
