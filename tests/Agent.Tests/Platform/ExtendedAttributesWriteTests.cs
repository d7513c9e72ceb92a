using System.Text;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="ExtendedAttributes.Write"/> against a file that already has the attribute (real
/// <c>setfattr</c>/<c>getfattr</c>, strace for the calls made): a value the file already has is not
/// set again, and any other value (longer, shorter, different, empty) is.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExtendedAttributesWriteTests
{
    [Theory]
    [InlineData("abc", "ab")]
    [InlineData("ab", "abc")]
    [InlineData("ab", "ac")]
    [InlineData("", "a")]
    [InlineData("a", "")]
    public async Task A_value_other_than_the_file_s_own_is_set(string current, string wanted)
    {
        using var root = new TemporaryDirectory();
        var path = await FileWithAttributeAsync(root, current);

        var calls = WriteTraced(path, wanted);

        Assert.Single(calls);
        Assert.Equal(wanted, await ValueAsync(path));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("")]
    public async Task The_value_the_file_already_has_is_not_set_again(string value)
    {
        using var root = new TemporaryDirectory();
        var path = await FileWithAttributeAsync(root, value);

        var calls = WriteTraced(path, value);

        Assert.Empty(calls);
        Assert.Equal(value, await ValueAsync(path));
    }

    /// <summary>Writes <c>user.test</c> = <paramref name="value"/> on <paramref name="path"/>; returns strace's lines of the <c>fsetxattr</c> calls made.</summary>
    private static IReadOnlyList<string> WriteTraced(string path, string value)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        ExtendedAttribute[] attributes = [new([.. "user.test"u8, 0], Encoding.ASCII.GetBytes(value))];
        return SyscallTrace.Calls(() => ExtendedAttributes.Write(handle, attributes, path), "fsetxattr");
    }

    private static async Task<string> FileWithAttributeAsync(TemporaryDirectory root, string value)
    {
        var path = root.Combine("file");
        File.WriteAllText(path, "text");
        var result = await ExternalTool.RunAsync(ExternalTool.Require("setfattr", "attr"), ["-n", "user.test", "-v", value, path]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"setfattr -n user.test failed (a file system without extended attributes?): {result.StandardError}");
        }

        return path;
    }

    private static async Task<string> ValueAsync(string path)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("getfattr", "attr"), ["--absolute-names", "--only-values", "-n", "user.test", path]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput;
    }
}
