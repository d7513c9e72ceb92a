using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Which renderer netplan gives a device: networkd or NetworkManager, and so who gets its DNS
/// servers. Taken from the files as <see cref="NetplanFileLayout"/> reads them (a commented-out
/// <c># renderer:</c> is no key), with the rules of the real netplan (0.106, checked with
/// <c>netplan generate</c>): files are read in name order; the definition that first names the
/// device creates it with the renderer its section set before it (<c>ethernets: renderer:</c>),
/// a later section's renderer changes nothing; a definition's own <c>renderer:</c> applies
/// whichever definition created it, the last one read winning; a device left without one gets
/// the last network-wide <c>renderer</c> of all the files, else networkd. A file netplan reads that
/// is not in the block layout is passed over (see docs/networking.md).
/// </summary>
internal static class NetplanEffectiveRenderer
{
    /// <summary>netplan's default renderer.</summary>
    public const string Networkd = "networkd";

    /// <summary>The renderer that hands a device, and its DNS servers, to NetworkManager.</summary>
    public const string NetworkManager = "NetworkManager";

    /// <summary>The renderer of <paramref name="device"/> for the netplan files in <paramref name="files"/>.</summary>
    public static string Of(IFileView files, string device) => Of(Layouts(files), device);

    /// <summary>The renderer of a device that no file names: the last network-wide one.</summary>
    public static string OfUndefined(IFileView files) => Of(Layouts(files), device: null);

    private static string Of(IEnumerable<NetplanFileLayout> layouts, string? device)
    {
        string? global = null;
        string? renderer = null;
        var created = false;
        foreach (var layout in layouts)
        {
            global = layout.Renderer ?? global;
            foreach (var definition in layout.Definitions.Where(d => d.Id == device))
            {
                if (!created)
                {
                    created = true;
                    renderer = definition.SectionRenderer;
                }

                renderer = definition.OwnRenderer ?? renderer;
            }
        }

        return renderer ?? global ?? Networkd;
    }

    private static IEnumerable<NetplanFileLayout> Layouts(IFileView files) =>
        NetplanConfiguration.Read(files)
            .Select(path => NetplanFileReader.Read(files, path).Text is { } text ? NetplanFileLayout.TryRead(text) : null)
            .OfType<NetplanFileLayout>();
}
