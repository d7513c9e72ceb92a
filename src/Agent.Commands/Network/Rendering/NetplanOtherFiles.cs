using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// What becomes of the other netplan files (cloud-init's <c>50-cloud-init.yaml</c>, an installer's
/// file) that define one of the interfaces <c>resetnetwork</c> configures. Leaving such a
/// definition in place is wrong: netplan merges the files, and a later file replaces scalar keys but
/// appends to lists, so the old <c>addresses</c>, <c>routes</c> and DNS servers would stay beside
/// ours. So: a file that defines only interfaces we configure and sets nothing else is moved aside
/// whole; a file that also defines others (an <c>eth1</c> we were given nothing for, a VLAN on top)
/// or sets a <c>renderer</c> (netplan takes the last one by file name for every device) keeps them, and only the
/// definitions of our interfaces are taken out of it, every other line staying as it was. An
/// Ethernet definition keyed by our interface's name stays as an empty <c>eth0: {}</c>, because
/// the file's other definitions may refer to it (a VLAN's <c>link: eth0</c>) and netplan resolves
/// such a reference only within the same or an earlier file, never to ours; empty, it adds
/// nothing to our definition. A file that cannot be edited that safely, whose bond, bridge or
/// VRF has one of our interfaces as a member, or whose kept definition matches one of them by a name
/// pattern or driver (<see cref="NetplanCatchAll"/>), is refused before anything changes. A package's file
/// in <c>/lib/netplan</c> is never changed: the edited version goes to the same name in
/// <c>/etc/netplan</c>, which shadows it, rebuilt from the package's file at every run and removed
/// once that file no longer needs one (<see cref="NetplanShadow"/>). A file that shadows another is emptied rather than moved
/// aside, and a <c>/run/netplan</c> file named like ours, which netplan would read instead of ours,
/// goes whole or is refused. A file that is a symbolic link is read through it, as netplan reads
/// it, and refused when it would have to change: the agent never writes through a link nor replaces one.
/// </summary>
internal static class NetplanOtherFiles
{
    /// <summary>
    /// The edits, shadows and removals of every other netplan file that netplan reads now or after a
    /// reboot (<see cref="NetplanSources"/>), <paramref name="ownFile"/> excepted.
    /// </summary>
    /// <exception cref="InvalidNetworkDataException">
    /// A file defines one of our interfaces in a way that cannot be taken out safely, or a file netplan reads has a name that is not UTF-8 (<see cref="NetplanUndecodableNames"/>).
    /// </exception>
    public static RenderResult Reconcile(NetworkConfiguration configuration, IFileView current, string ownFile)
    {
        NetplanUndecodableNames.Check(configuration, current, ownFile);
        var files = new List<RenderedFile>();
        var removals = new List<string>();
        var across = new NetplanAcrossFiles();

        // A shadow of ours over a package's file that no longer needs one goes, so that netplan reads the package's file again.
        void NoShadowNeeded(NetplanSource source)
        {
            if (source.HasOwnShadow)
            {
                removals.Add(source.Target);
            }
        }

        foreach (var source in NetplanSources.Of(current, ownFile))
        {
            var path = source.Path;
            var read = NetplanFileReader.Read(current, path, FailsWhen(source));

            // A link is read as netplan reads it, and never written through, replaced or moved: a package's link only gets a shadow.
            var link = read.IsLink && !source.IsPackageOwned ? read.LinkTarget : null;
            if (read.Text is not { } yaml)
            {
                if (read.IsLink && source.HasOwnShadow)
                {
                    // Our shadow hides the broken link from netplan (generate succeeds on that tree; without it, "Cannot stat"): it stays, emptied.
                    files.Add(new RenderedFile(source.Target, HidingShadow(source, read.LinkTarget!, ownFile), RenderedFile.Private));
                    continue;
                }

                if (read.IsLink && source.IsRead)
                {
                    throw new InvalidNetworkDataException(
                        $"{path} is a symbolic link to {read.LinkTarget}, which is not a file, " +
                        (source.HiddenByRuntime ? $"so netplan, which reads {RuntimeTwin(path)} in its place until the next boot, fails on it after that" : "so netplan fails on it") +
                        "; fix or remove the link; nothing was changed");
                }

                if (source.ShadowsOwnFile)
                {
                    throw new InvalidNetworkDataException(
                        $"{path} is not a regular file, and netplan reads it instead of {ownFile}; remove it; nothing was changed");
                }

                NoShadowNeeded(source);
                continue;
            }

            if (!source.IsRead && Unfollowed(yaml) is { } reason)
            {
                // netplan never reads it, so nothing in it makes netplan fail: left as it is, unless it may define a configured interface.
                CheckUnfollowed(path, reason, yaml, configuration);
                continue;
            }

            var layout = Followed(path, () => NetplanFileLayout.TryRead(yaml));
            if (layout is null)
            {
                if (source.ShadowsOwnFile)
                {
                    throw ShadowsOwn(path, ownFile, "resetnetwork cannot read its definitions (flow style, tabs, several documents or a repeated network: key)");
                }

                NetplanTextSearch.CheckUnlaidOut(path, yaml, configuration, current, source.IsRead);
                NoShadowNeeded(source);
                continue;
            }

            if (layout.ForeignKeys.Count > 0 && source.IsRead)
            {
                // netplan fails on the tree as it is: refused before anything changes, rather than an apply that fails and rolls back.
                throw new InvalidNetworkDataException(
                    $"{path} has the top-level key '{layout.ForeignKeys[0]}' beside network:, which netplan rejects (unknown key), so netplan fails on it " +
                    $"{FailsWhen(source)}; remove the key; nothing was changed");
            }

            if (source.IsRead && layout.Definitions.GroupBy(d => d.Id).FirstOrDefault(g => g.DistinctBy(d => d.Section).Count() > 1) is { } retyped)
            {
                // The same: netplan 0.106 fails on lan: under ethernets: and again under bridges: ("Updated definition 'lan' changes device type").
                var sections = retyped.Select(d => d.Section).Distinct();
                throw new InvalidNetworkDataException(
                    $"{path} defines '{retyped.Key}' under both {string.Join(" and ", sections)}, which netplan rejects (\"Updated definition '{retyped.Key}' changes device type\"), " +
                    $"so netplan fails on it {FailsWhen(source)}; define it in one section; nothing was changed");
            }

            across.Define(source, layout.Definitions);
            var ours = layout.Definitions.Where(d => IsOurs(path, d, configuration.Interfaces)).ToArray();
            NetplanSeparation.CheckWrittenOnce(path, layout.Definitions, ours);
            if (source.ShadowsOwnFile)
            {
                // Whatever it holds, netplan would read it and not ours: it goes whole, unless that would lose another interface's definition or a setting.
                var others = layout.Definitions.Except(ours).Select(d => d.Id).ToArray();
                if (others.Length > 0)
                {
                    throw ShadowsOwn(path, ownFile, $"it also defines {string.Join(", ", others)}, which resetnetwork was not asked to configure");
                }

                if (layout.Settings.Count > 0)
                {
                    throw ShadowsOwn(path, ownFile, $"it also sets {string.Join(", ", layout.Settings)}, which moving it aside would lose");
                }

                NotThroughLink(path, link, $"which netplan reads instead of {ownFile}");
                removals.Add(path);
                continue;
            }

            NetplanSeparation.CheckNotMember(path, ours, layout.Definitions.Except(ours), configuration);
            across.Keep(source, layout.Definitions.Except(ours));
            if (ours.Length == 0)
            {
                NoShadowNeeded(source);
                continue;
            }

            // A file of nothing but our definitions goes (or is emptied); one that also sets a renderer keeps it, edited like any other.
            if (ours.Length == layout.Definitions.Count && layout.Settings.Count == 0)
            {
                NotThroughLink(path, link, Defines);
                ReadAsItIs(path, read, ours);
                if (!source.MustNotBeMovedAside)
                {
                    removals.Add(path);
                }
                else
                {
                    files.Add(new RenderedFile(source.Target, EmptyShadow(source, ours, ownFile), RenderedFile.Private));
                }

                continue;
            }

            NetplanSeparation.CheckSeparable(path, layout, ours, layout.Definitions.Except(ours).ToArray(), configuration);
            var taken = ours.Select(d => (Definition: d, LeaveEmpty: d.Section == "ethernets" && configuration.Interfaces.Any(nic => nic.Name == d.Id)))
                .Where(t => !(t.LeaveEmpty && IsEmpty(t.Definition)))
                .ToArray();
            if (taken.Length == 0)
            {
                // Edited by an earlier run already, or, for a package's file, nothing of ours in it adds anything.
                NoShadowNeeded(source);
                continue;
            }

            NotThroughLink(path, link, Defines);
            ReadAsItIs(path, read, ours);
            var edited = layout.Without(taken, $"configured by the guest agent in {ownFile}");
            files.Add(new RenderedFile(source.Target, Rewritten(path, read, source.IsPackageOwned ? NetplanShadow.Header(source.Path) + edited : edited), RenderedFile.Private));
        }

        // A kept catch-all is judged once every file is read: netplan merges the match: of each occurrence of its id.
        across.CheckCatchAlls(configuration, current);
        return new RenderResult(files, removals);
    }

    /// <summary>
    /// An edit with the file's own line breaks (CR LF throughout stays so) and UTF-8 byte-order mark; one that mixes breaks, or has a break
    /// only libyaml takes for one (a CR alone, NEL, LS, PS), a mark at a line's start, or is UTF-16 (the edit is written in UTF-8), is
    /// refused rather than rewritten otherwise than it was.
    /// </summary>
    private static string Rewritten(string path, NetplanFileText read, string edited)
    {
        const string Refused = "resetnetwork would have to edit it and cannot keep";
        if (read.LineBreak is not { } lineBreak)
        {
            throw new InvalidNetworkDataException(
                $"{path} has line breaks of several kinds, or a carriage return alone, NEL or a Unicode line or paragraph separator, which netplan reads as a line break; " +
                $"{Refused} its lines as they are: write it with LF (or CR LF) line breaks throughout; nothing was changed");
        }

        if (read.Encoding is NetplanEncoding.Utf16LittleEndian or NetplanEncoding.Utf16BigEndian)
        {
            throw new InvalidNetworkDataException(
                $"{path} is written in UTF-16, which netplan reads; {Refused} its encoding (it writes UTF-8): write it in UTF-8; nothing was changed");
        }

        if (read.MarkLine is not null)
        {
            throw new InvalidNetworkDataException(
                $"{path} has a byte-order mark (U+FEFF) at the start of line {read.MarkLine}, which netplan counts as a column of indentation; {Refused} it there: " +
                "remove the mark (and indent the line with one more space); nothing was changed");
        }

        return (read.Encoding == NetplanEncoding.Utf8WithMark ? "\uFEFF" : string.Empty) + edited.Replace("\n", lineBreak, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file that defines nothing, in place of one that hides another (or of a package's file):
    /// netplan accepts it, and it keeps the hidden file hidden, where moving it aside would bring it back.
    /// </summary>
    private static string EmptyShadow(NetplanSource source, IEnumerable<NetplanDefinition> ours, string ownFile) =>
        (source.IsPackageOwned ? NetplanShadow.Header(source.Path) : $"# Emptied by the guest agent: it hides {source.Shadowed} from netplan\n") +
        $"# {string.Join(", ", ours.Select(d => d.Id))}: configured by the guest agent in {ownFile}\n" +
        "network:\n  version: 2\n";

    /// <summary>
    /// The agent's shadow over a package's file that is a link leading to no file: netplan would
    /// fail on the link, and reads the shadow in its place, so the shadow stays, defining nothing
    /// (there is no package file left to rebuild it from).
    /// </summary>
    private static string HidingShadow(NetplanSource source, string linkTarget, string ownFile) =>
        NetplanShadow.Header(source.Path) +
        $"# {source.Path} is a symbolic link to {linkTarget}, which is not a file: netplan would fail on it, and reads this file instead; kept by the guest agent ({ownFile})\n" +
        "network:\n  version: 2\n";

    private static string RuntimeTwin(string path) => $"{NetplanConfiguration.RuntimeDirectory}/{path[(path.LastIndexOf('/') + 1)..]}";

    private const string Defines = "which netplan reads and which defines an interface resetnetwork configures";

    /// <summary>
    /// Refuses to change a file that is a symbolic link: written through, it would change a file
    /// outside netplan's directories (or one that something else keeps), and replaced or moved,
    /// the link would be gone for whoever made it.
    /// </summary>
    private static void NotThroughLink(string path, string? linkTarget, string why)
    {
        if (linkTarget is not null)
        {
            throw new InvalidNetworkDataException(
                $"{path} is a symbolic link to {linkTarget}, {why}; " +
                "resetnetwork does not edit a file through a link or replace the link: put the file itself in its place, or take the interface out of it; nothing was changed");
        }
    }

    /// <summary>
    /// Refuses to move aside or edit a file netplan never reads (an <c>/etc/netplan</c> <c>.yml</c>) that was read leniently, its bytes
    /// being ones libyaml refuses: what it defines is a guess, and an edit would write the guess back. Where it needs no change it is
    /// left as it is, and the reset goes on (netplan does not read it, so nothing in it makes netplan fail).
    /// </summary>
    private static void ReadAsItIs(string path, NetplanFileText read, IEnumerable<NetplanDefinition> ours)
    {
        if (read.Unreadable is { } problem)
        {
            throw new InvalidNetworkDataException(
                $"{path} {problem}, so resetnetwork cannot read it as it is, and it defines {string.Join(", ", ours.Select(d => d.Id))}, which resetnetwork would " +
                "have to take out of it; " + NetplanSource.ReconciledThoughUnread + ": " +
                "write it in UTF-8 without control characters, or move it out of /etc/netplan; nothing was changed");
        }
    }

    private static InvalidNetworkDataException ShadowsOwn(string path, string ownFile, string reason) =>
        new($"{path} has the name of {ownFile}, so netplan reads it instead, and {reason}; move it away or let another network system configure this guest; nothing was changed");

    /// <summary>
    /// Whether a definition is of one of our interfaces: keyed by its name (in any section: netplan
    /// refuses one id as two kinds of device), or an Ethernet definition matching its MAC (or setting it) or naming it.
    /// </summary>
    /// <exception cref="InvalidNetworkDataException">An Ethernet definition that may be of one of our interfaces cannot be read as netplan reads it.</exception>
    private static bool IsOurs(string path, NetplanDefinition definition, IEnumerable<InterfaceConfiguration> interfaces) =>
        interfaces.Any(nic => definition.Id == nic.Name || (definition.Section == "ethernets" && Reaches(path, definition, nic)));

    /// <summary>Whether an Ethernet definition reaches the interface by <c>match:</c>, <c>set-name</c> or <c>macaddress</c>, as netplan reads them.</summary>
    private static bool Reaches(string path, NetplanDefinition definition, InterfaceConfiguration nic)
    {
        if (definition.Identity is not { } identity)
        {
            // Not guessed either way: taken as ours, another interface's definition would be lost; kept, netplan would merge it into ours.
            // It may be ours when it holds the interface's name as a word (set-name: [eth0]) or its MAC.
            if (NetplanTextSearch.HasWord(definition.Text, nic.Name)
                || definition.Text.Contains(nic.Mac.Value, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidNetworkDataException(
                    $"{path} has the definition '{definition.Id}' (ethernets), which may be {nic.Name}'s, with a match:, set-name: or macaddress: in a form resetnetwork cannot read " +
                    "(an alias it does not follow, or a value that is no scalar); write it plainly, or let another network system configure this guest; nothing was changed");
            }

            return false;
        }

        return identity.SetName == nic.Name || identity.MatchName == nic.Name || IsMac(identity.MatchMac, nic) || IsMac(identity.Mac, nic);
    }

    private static bool IsMac(string? value, InterfaceConfiguration nic) => MacAddress.TryParse(value, out var mac) && mac == nic.Mac;

    /// <summary>
    /// Reads a file's YAML as netplan does, aliases followed, or refuses it when they cannot be followed
    /// safely: an alias cycle, or aliases that expand beyond <see cref="NetplanAliases.MaxExpansion"/>.
    /// </summary>
    public static T Followed<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (NetplanYamlException e)
        {
            throw new InvalidNetworkDataException($"{path} {e.Message}; nothing was changed");
        }
    }

    /// <summary>
    /// Why the reader cannot follow a file's YAML (<see cref="NetplanYamlException.Reason"/>: an alias cycle, a scalar never closed…),
    /// or <c>null</c> when it can: for a file netplan never reads, which such YAML is then no refusal of netplan's for.
    /// </summary>
    private static string? Unfollowed(string yaml)
    {
        try
        {
            // A file without a layout is searched through its aliases expanded (NetplanTextSearch.CheckUnlaidOut).
            if (NetplanFileLayout.TryRead(yaml) is null)
            {
                _ = NetplanAliases.ExpandAll(yaml);
            }

            return null;
        }
        catch (NetplanYamlException e)
        {
            return e.Reason;
        }
    }

    /// <summary>
    /// Refuses a file netplan never reads whose YAML the reader cannot follow when it may define a configured interface (its name as a
    /// word, or its MAC, anywhere in it): taking the interface out of it would need a reading it does not have.
    /// </summary>
    private static void CheckUnfollowed(string path, string reason, string yaml, NetworkConfiguration configuration)
    {
        if (configuration.Interfaces.FirstOrDefault(nic => NetplanTextSearch.HasWord(yaml, nic.Name) || yaml.Contains(nic.Mac.Value, StringComparison.OrdinalIgnoreCase)) is { } nic)
        {
            throw new InvalidNetworkDataException(
                $"{path} {reason}, so resetnetwork cannot read it, and it may define {nic.Name}, which resetnetwork would have to take out of it; " +
                NetplanSource.ReconciledThoughUnread + ": " +
                "fix the file, or move it out of /etc/netplan; nothing was changed");
        }
    }

    /// <summary>
    /// When netplan fails on a file it rejects: already, or once the tree no longer hides it (the file's <c>/run</c> twin, our shadow);
    /// <c>null</c> for a file netplan never reads (an <c>/etc/netplan</c> <c>.yml</c>), which it never fails on.
    /// </summary>
    private static string? FailsWhen(NetplanSource source) =>
        !source.IsRead ? null : source.HiddenByRuntime ? "after the next boot" : source.HasOwnShadow ? $"once the reset rebuilds or removes its shadow {source.Target}" : "already";

    private static bool IsEmpty(NetplanDefinition definition) =>
        NetplanSeparation.WithoutComments(definition.Text).Trim() is var text
        && (text == $"{definition.Id}: {{}}" || text == $"\"{definition.Id}\": {{}}" || text == $"'{definition.Id}': {{}}");
}
