using GuestAgent.Daemon.Hosting;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>The kernel's smaps text as the start-up page release reads it.</summary>
public sealed class SmapsReaderTests
{
    private const string Sample = """
        5586049ad000-5586049bd000 r--p 00000000 fe:00 5349573                    /usr/sbin/guest-agent
        Size:                 64 kB
        Rss:                  64 kB
        Anonymous:             0 kB
        Swap:                  0 kB
        VmFlags: rd mr mw me sd
        5586051c7000-5586051c8000 r--p 0081a000 fe:00 5349573                    /usr/sbin/guest-agent (deleted)
        Rss:                   4 kB
        Anonymous:             4 kB
        Swap:                  8 kB
        VmFlags: rd mr mw me lo sd
        558605443000-558605670000 rw-p 00000000 00:00 0 
        Rss:                2164 kB
        Anonymous:          2164 kB
        VmFlags: rd wr mr mw me ac sd
        7f741c000000-7f741c021000 r-xp 00000000 fe:00 17                         /opt/my agent/lib.so
        Rss:                  12 kB
        """;

    private static MemoryMapping Expected(long start, long end, string permissions, string path, long resident, long? anonymous, long? swap, bool locked) =>
        new((nint)start, (nint)end, permissions, path, resident, anonymous, swap, locked);

    [Fact]
    public void Reads_every_mapping_with_its_range_permissions_path_and_resident_sizes()
    {
        var mappings = SmapsReader.Read(new StringReader(Sample)).ToList();

        Assert.Equal(4, mappings.Count);
        Assert.Equal(Expected(0x5586049ad000, 0x5586049bd000, "r--p", "/usr/sbin/guest-agent", 64, 0, 0, false), mappings[0]);
        Assert.Equal(Expected(0x5586051c7000, 0x5586051c8000, "r--p", "/usr/sbin/guest-agent (deleted)", 4, 4, 8, true), mappings[1]);
        Assert.Equal(Expected(0x558605443000, 0x558605670000, "rw-p", "", 2164, 2164, null, false), mappings[2]);
        Assert.Equal(Expected(0x7f741c000000, 0x7f741c021000, "r-xp", "/opt/my agent/lib.so", 12, null, null, false), mappings[3]);
        Assert.Equal((nuint)0x10000, mappings[0].Length);
    }

    [Fact]
    public void Skips_lines_it_does_not_know_and_text_before_the_first_mapping()
    {
        var mappings = SmapsReader.Read(new StringReader("Rss: 5 kB\ngarbage-line here\n10-20 r--p 0 0:0 0\nRss: not-a-number kB\nAnonymous: ? kB\n")).ToList();

        // An unreadable size is unknown (null), never 0: 0 written copies is what allows a release.
        Assert.Equal([Expected(0x10, 0x20, "r--p", "", 0, null, null, false)], mappings);
    }

    [Fact]
    public void Reads_this_process_own_mappings()
    {
        using var smaps = File.OpenText("/proc/self/smaps");
        var mappings = SmapsReader.Read(smaps).ToList();

        Assert.Contains(mappings, mapping => mapping.Path == "[stack]" && mapping.ResidentKib > 0);
        Assert.All(mappings, mapping => Assert.True(mapping.End > mapping.Start));
    }
}
