using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="RealPath"/> walks as the kernel does: checked on real links under a temporary
/// directory against the path the kernel itself opened (<c>/proc/self/fd</c>), and on a view that
/// knows links only by the names given to it (what netplan's in-memory views are).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RealPathTests
{
    private static string? ReadLink(string path) => new FileInfo(path).LinkTarget;

    // What the kernel opened for the path: the answer RealPath must agree with. A shell opens it,
    // as .NET would fold ".." in the text first.
    private static string KernelPath(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", "exec 3<\"$1\" && readlink /proc/self/fd/3", "sh", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var shell = System.Diagnostics.Process.Start(start)!;
        var opened = shell.StandardOutput.ReadToEnd().TrimEnd('\n');
        shell.WaitForExit();
        Assert.Equal(0, shell.ExitCode);
        return opened;
    }

    [Theory]
    [InlineData("via/../x", "a/x")]
    [InlineData("rel/../x", "a/x")]
    [InlineData("own", "a/x")]
    [InlineData("a/b/../../via/./y", "a/b/y")]
    [InlineData("chain/y", "a/b/y")]
    [InlineData("x", "x")]
    [InlineData("via/../own", "a/own")]
    public void Dot_dot_after_a_link_is_taken_from_the_links_target_as_the_kernel_does(string path, string real)
    {
        // via and rel lead to a/b (absolutely, relatively), own is a link whose target climbs out of one, chain is a link to a link.
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine("a", "b"));
        File.WriteAllText(root.Combine("a", "x"), "under a");
        File.WriteAllText(root.Combine("a", "b", "y"), "under b");
        File.WriteAllText(root.Combine("x"), "beside the links");
        // Not the link own that folding via/../own in the text (as FileInfo does) would read.
        File.WriteAllText(root.Combine("a", "own"), "under a, named own");
        File.CreateSymbolicLink(root.Combine("via"), root.Combine("a", "b"));
        File.CreateSymbolicLink(root.Combine("rel"), "a/b");
        File.CreateSymbolicLink(root.Combine("own"), "via/../x");
        File.CreateSymbolicLink(root.Combine("chain"), "rel");

        var resolved = RealPath.Resolve(root.Combine(path), ReadLink);

        Assert.Equal(new ResolvedPath(root.Combine(real), true, resolved.LinkDirectories), resolved);
        Assert.Equal(KernelPath(root.Combine(path)), resolved.Path);
    }

    [Fact]
    public void The_directories_holding_the_links_followed_are_named_in_the_order_met()
    {
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine("a", "b"));
        Directory.CreateDirectory(root.Combine("links"));
        File.WriteAllText(root.Combine("a", "b", "y"), "y");
        File.CreateSymbolicLink(root.Combine("links", "to-a"), "../a");
        File.CreateSymbolicLink(root.Combine("a", "to-y"), "b/y");

        var resolved = RealPath.Resolve(root.Combine("links", "to-a", "to-y"), ReadLink);

        Assert.Equal(root.Combine("a", "b", "y"), resolved.Path);
        Assert.Equal([root.Combine("links"), root.Combine("a")], resolved.LinkDirectories);
    }

    [Fact]
    public void A_paths_own_link_is_read_by_the_name_given_and_its_directory_through_its_links()
    {
        // The view knows /lib/netplan/v.yaml only by that name, though /lib is a link: the target starts from /usr/lib/netplan.
        var links = new Dictionary<string, string> { ["/lib"] = "usr/lib", ["/lib/netplan/v.yaml"] = "../../share/v.yaml" };

        var resolved = RealPath.Resolve("/lib/netplan/v.yaml", links.GetValueOrDefault);

        Assert.Equal(new ResolvedPath("/usr/share/v.yaml", true, resolved.LinkDirectories), resolved);
        Assert.Equal(["/", "/usr/lib/netplan"], resolved.LinkDirectories);
    }

    [Fact]
    public void A_path_ending_with_a_slash_is_walked_from_the_root_and_never_read_by_the_name_given()
    {
        // The view answers for /lib/netplan as given, as a lookup resolving /lib its own way would: never asked.
        var links = new Dictionary<string, string> { ["/lib"] = "usr/lib", ["/lib/netplan"] = "/elsewhere" };
        var read = new List<string>();

        var resolved = RealPath.Resolve("/lib/netplan/", path =>
        {
            read.Add(path);
            return links.GetValueOrDefault(path);
        });

        Assert.Equal(new ResolvedPath("/usr/lib/netplan", true, ["/"]), resolved);
        Assert.Equal(["/lib", "/usr", "/usr/lib", "/usr/lib/netplan"], read);
    }

    [Theory]
    [InlineData(40, true)]
    [InlineData(41, false)]
    public void Forty_links_are_followed_and_one_more_is_a_loop_as_for_the_kernel(int links, bool complete)
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("f0"), "end");
        for (var i = 1; i <= links; i++)
        {
            File.CreateSymbolicLink(root.Combine($"f{i}"), $"f{i - 1}");
        }

        var resolved = RealPath.Resolve(root.Combine($"f{links}"), ReadLink);

        Assert.Equal(complete, resolved.Complete);
        // Incomplete, it names the 41st link, f1, which it did not follow.
        Assert.Equal(root.Combine(complete ? "f0" : "f1"), resolved.Path);
        if (complete)
        {
            Assert.Equal("end", File.ReadAllText(root.Combine($"f{links}")));
        }
        else
        {
            Assert.Throws<IOException>(() => File.ReadAllText(root.Combine($"f{links}")));
        }
    }

    [Theory]
    [InlineData(39, true)]
    [InlineData(40, false)]
    public void A_paths_own_link_counts_against_the_limit_with_those_in_its_directory(int directoryLinks, bool complete)
    {
        // /dN leads to the directory /d0 through N links; the view knows /dN/f (a link to g) by that name only.
        var links = Enumerable.Range(1, directoryLinks).ToDictionary(i => $"/d{i}", i => $"d{i - 1}");
        links[$"/d{directoryLinks}/f"] = "g";

        var resolved = RealPath.Resolve($"/d{directoryLinks}/f", links.GetValueOrDefault);

        Assert.Equal(complete, resolved.Complete);
        Assert.Equal(complete ? "/d0/g" : "/d0/f", resolved.Path);
    }

    [Fact]
    public void A_loop_stops_at_the_link_it_reached()
    {
        var links = new Dictionary<string, string> { ["/etc/a"] = "b", ["/etc/b"] = "a" };

        var resolved = RealPath.Resolve("/etc/a", links.GetValueOrDefault);

        Assert.False(resolved.Complete);
        Assert.Equal("/etc/a", resolved.Path);
        Assert.Equal(RealPath.MaximumLinks, resolved.LinkDirectories.Count);
    }

    [Fact]
    public void Dot_dot_at_the_root_stays_there_and_a_relative_path_is_refused()
    {
        Assert.Equal("/b", RealPath.Resolve("/../../a/../b", _ => null).Path);
        Assert.Throws<ArgumentException>(() => RealPath.Resolve("a/b", _ => null));
    }
}
