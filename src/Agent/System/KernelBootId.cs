namespace GuestAgent.Platform;

/// <summary>The kernel's identifier of the current boot, which changes at every boot.</summary>
public static class KernelBootId
{
    /// <summary>Where Linux publishes it (a random UUID chosen at boot).</summary>
    public const string Path = "/proc/sys/kernel/random/boot_id";

    /// <summary>The current boot's identifier, or <c>null</c> where the kernel offers none.</summary>
    public static string? Read()
    {
        try
        {
            var id = File.ReadAllText(Path).Trim();
            return id.Length == 0 ? null : id;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
