namespace GuestAgent.Commands.Network.Applying;

/// <summary>Agent paths taken apart.</summary>
internal static class FilePaths
{
    /// <summary>The directory holding <paramref name="path"/>; <c>/</c> for a top-level entry.</summary>
    public static string Parent(string path) => path[..Math.Max(1, path.LastIndexOf('/'))];
}
