using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A shared network fixture (<c>Fixtures/&lt;name&gt;.json</c>): the system's interfaces, the
/// host's <c>vm-data/hostname</c> and the <c>vm-data/networking</c> entries exactly as Nova writes them.
/// </summary>
internal sealed record NetworkFixture(
    string Name,
    IReadOnlyList<SystemInterface> Interfaces,
    string? Hostname,
    IReadOnlyList<KeyValuePair<string, byte[]>> Networking)
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "ipv4-only", "ipv6-only", "dual-stack", "several-interfaces", "several-addresses",
        "static-routes", "no-dns", "uppercase-mac-keys", "rackspace", "dual-stack-routes", "odd-edges", "off-link-gateways",
        "several-gateways",
    ];

    /// <summary>Every fixture on every one of <paramref name="backends"/>: a theory's cases.</summary>
    public static TheoryData<NetworkBackend, string> Cases(IEnumerable<NetworkBackend> backends)
    {
        var data = new TheoryData<NetworkBackend, string>();
        foreach (var backend in backends)
        {
            foreach (var fixture in Names)
            {
                data.Add(backend, fixture);
            }
        }

        return data;
    }

    public static string Directory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Fixtures");

    public static NetworkFixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory(), name + ".json")));
        var root = document.RootElement;
        var interfaces = root.GetProperty("interfaces").EnumerateObject()
            .Select(p => MacAddress.TryParse(p.Value.GetString(), out var mac) ? new SystemInterface(p.Name, mac) : throw new InvalidDataException(p.Name))
            .ToArray();
        var hostname = root.TryGetProperty("hostname", out var h) ? h.GetString() : null;
        var networking = root.GetProperty("networking").EnumerateObject()
            .Select(p => new KeyValuePair<string, byte[]>(p.Name, Encoding.UTF8.GetBytes(p.Value.GetRawText())))
            .ToArray();
        return new NetworkFixture(name, interfaces, hostname, networking);
    }

    public NetworkConfiguration Build(ICollection<string>? warnings = null) =>
        NetworkConfigurationBuilder.Build(Networking, Hostname, currentHostname: null, Interfaces, warnings ?? new List<string>());
}
