using System.Xml.Linq;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>Files of the source tree the packaging tests read: found by walking up from the test binaries.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's root: the directory above the tests holding <c>packaging/</c> and <c>Directory.Build.props</c>.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Directory.Build.props")) && Directory.Exists(System.IO.Path.Combine(directory.FullName, "packaging")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Directory.Build.props and packaging/) was not found above the test directory");
    }

    /// <summary>A path under the repository's root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    /// <summary>The agent's version as Directory.Build.props sets it (<c>VersionPrefix</c>).</summary>
    public static string VersionPrefix() =>
        XDocument.Load(Path("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
}
