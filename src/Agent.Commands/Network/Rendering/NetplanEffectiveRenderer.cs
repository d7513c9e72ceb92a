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
/// the last network-wide <c>renderer</c> of all the files, else networkd. Of a file netplan reads
/// that is not in the block layout only the network-wide renderer is read (flow style included,
/// <see cref="NetplanFileLayout.RendererOfUnlaidOut"/>): one that defines a configured interface is
/// refused by the reset, so after it such files define none (see docs/networking.md).
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

    private static string Of(IEnumerable<(string? Renderer, IReadOnlyList<NetplanDefinition> Definitions)> layouts, string? device)
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

    private static IEnumerable<(string? Renderer, IReadOnlyList<NetplanDefinition> Definitions)> Layouts(IFileView files)
    {
        foreach (var path in NetplanConfiguration.Read(files))
        {
            if (NetplanFileReader.Read(files, path).Text is not { } text)
            {
                continue;
            }

            yield return NetplanOtherFiles.Followed(path, () => NetplanFileLayout.TryRead(text)) is { } layout
                ? (layout.Renderer, layout.Definitions)
                : (NetplanOtherFiles.Followed(path, () => NetplanFileLayout.RendererOfUnlaidOut(text)), []);
        }
    }
}
