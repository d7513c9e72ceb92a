namespace GuestAgent.Testing;

/// <summary>A fresh directory under the system's temp folder, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    /// <param name="prefix">The start of the directory's name.</param>
    /// <param name="parent">Where to make it instead of the system's temp folder (it must exist).</param>
    public TemporaryDirectory(string prefix = "guestagent-test-", string? parent = null)
    {
        if (parent is null)
        {
            Path = Directory.CreateTempSubdirectory(prefix).FullName;
            return;
        }

        Path = Directory.CreateDirectory(System.IO.Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;
        if (!OperatingSystem.IsWindows())
        {
            // 0700, as CreateTempSubdirectory makes it.
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
