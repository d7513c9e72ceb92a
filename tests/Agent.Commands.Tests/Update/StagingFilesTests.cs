using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>The private directories an update stages its archive in (<see cref="StagingFiles"/>).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StagingFilesTests : IDisposable
{
    private static readonly UnixFileMode Private = (UnixFileMode)Convert.ToInt32("700", 8);

    private readonly TemporaryDirectory _directory = new("guestagent-staging-");

    [Fact]
    public void A_private_directory_is_0700_whatever_the_umask()
    {
        // The tests run under umask 000 (HostileUmask): a directory left to it would be 0777.
        var tree = _directory.Combine("tree");

        StagingFiles.CreatePrivateDirectory(tree);

        Assert.Equal(Private, File.GetUnixFileMode(tree));
    }

    [Fact]
    public void A_private_directory_whose_parent_is_missing_is_refused_and_nothing_is_made()
    {
        // .NET would make the missing parent 0777 less the umask, everyone's here.
        var missing = _directory.Combine("missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => StagingFiles.CreatePrivateDirectory(Path.Combine(missing, "tree")));

        Assert.Equal($"The directory '{missing}' does not exist", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    public void Dispose() => _directory.Dispose();
}
