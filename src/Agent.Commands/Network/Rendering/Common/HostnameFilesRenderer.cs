using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// The files that hold the static hostname: <c>/etc/hostname</c> everywhere on Linux, plus the
/// distribution's own place (SUSE's <c>/etc/HOSTNAME</c>, Gentoo's <c>/etc/conf.d/hostname</c>,
/// a <c>HOSTNAME=</c> already present in <c>/etc/sysconfig/network</c> or Arch's <c>/etc/rc.conf</c>),
/// as the backend's <see cref="HostnamePlaces"/> say: Red Hat's initscripts and FreeBSD keep it in
/// files their own renderers write.
/// </summary>
internal static class HostnameFilesRenderer
{
    /// <summary>Renders the hostname files; nothing when the host sent no hostname.</summary>
    public static RenderResult Render(NetworkBackend backend, string? hostname, IFileView current)
    {
        var places = NetworkBackends.For(backend).Hostname;
        if (hostname is null || places.OnlyInBackendFiles)
        {
            return RenderResult.Empty;
        }

        var files = new List<RenderedFile> { new("/etc/hostname", hostname + "\n", RenderedFile.Public) };
        // On current SUSE releases /etc/HOSTNAME is a link to /etc/hostname: never replace a link.
        if ((places.SuseHostnameFile || current.ReadText("/etc/HOSTNAME") is not null) && !current.IsSymbolicLink("/etc/HOSTNAME"))
        {
            files.Add(new RenderedFile("/etc/HOSTNAME", hostname + "\n", RenderedFile.Public));
        }

        if (places.ConfDHostnameFile || current.ReadText("/etc/conf.d/hostname") is not null)
        {
            files.Add(new RenderedFile("/etc/conf.d/hostname", GentooHostname(hostname), RenderedFile.Public));
        }

        if (!places.SysconfigNetworkFromRenderer)
        {
            AddIfAssigned(files, current, "/etc/sysconfig/network", "HOSTNAME", hostname);
        }

        if (IsSet(current.ReadText("/etc/rc.conf"), "HOSTNAME"))
        {
            files.Add(new RenderedFile("/etc/rc.conf", WithRcConfHostname(current.ReadText("/etc/rc.conf"), hostname), RenderedFile.Public));
        }

        return new RenderResult(files, []);
    }

    /// <summary>Arch's legacy <c>/etc/rc.conf</c> with <c>HOSTNAME="&lt;h&gt;"</c> set or added.</summary>
    public static string WithRcConfHostname(string? rcConf, string hostname) =>
        ShellVariableEditor.Set(rcConf, [new("HOSTNAME", $"\"{hostname}\"")], "/etc/rc.conf");

    /// <summary>
    /// Gentoo's <c>/etc/conf.d/hostname</c>: the original's <c>HOSTNAME</c> (baselayout 1) and the
    /// <c>hostname</c> variable OpenRC's hostname service reads.
    /// </summary>
    public static string GentooHostname(string hostname) =>
        $"{ConfigText.Header}\nHOSTNAME=\"{hostname}\"\nhostname=\"{hostname}\"\n";

    private static void AddIfAssigned(List<RenderedFile> files, IFileView current, string path, string key, string value)
    {
        var text = current.ReadText(path);
        if (text is not null && IsSet(text, key))
        {
            files.Add(new RenderedFile(path, ShellVariableEditor.Set(text, [new(key, value)], path), RenderedFile.Public));
        }
    }

    /// <summary>
    /// Whether the file sets the key, to a value we can read or not (<c>HOSTNAME=$(cat /etc/name)</c>
    /// still keeps the hostname in this file, so the new one goes there too).
    /// </summary>
    private static bool IsSet(string? text, string key) => ShellValueReader.Read(text, key).State != ShellValueState.Unset;
}
