using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using GuestAgent.Commands.Update;

namespace GuestAgent.Benchmarks.Update;

/// <summary>
/// What agentupdate's xz path costs on a realistic archive: a 64 MiB tar (32 MiB of random bytes, 32 MiB of log-like text)
/// compressed by the real <c>xz -6 -T1</c>, as one block or in blocks of 1 MiB (<c>--block-size=1MiB</c>, as multi-threaded xz
/// writes them). <see cref="Decode"/> reads the decoder to its end (the stream index and every block header checked);
/// <see cref="Extract"/> is the whole of <c>SafeTarExtractor.Extract</c>, files written. Made for session 37's review of
/// <c>XzBlockHeaderWatch</c>, the stream between the archive and the decoder that checks each block header as it is reached.
/// </summary>
/// <remarks>
/// The archives are made once (the same bytes every time: a seeded generator) and kept in the temporary directory, since
/// <c>xz -6</c> takes minutes on them; <c>xz</c> and GNU <c>tar</c> must be installed.
/// </remarks>
[MemoryDiagnoser]
public class XzDecodeBenchmarks
{
    private const int HalfBytes = 32 * 1024 * 1024;

    private readonly byte[] _buffer = new byte[81920];
    private string _archive = "";
    private string _destination = "";

    /// <summary>How the archive is split into blocks: <c>one</c> block, or blocks of <c>1MiB</c>.</summary>
    [Params("one", "1MiB")]
    public string Blocks { get; set; } = "one";

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-bench-xz");
        Directory.CreateDirectory(directory);
        var tar = Path.Combine(directory, "update.tar");
        if (!File.Exists(tar))
        {
            MakeTar(directory, tar);
        }

        _archive = Path.Combine(directory, $"update-{Blocks}.tar.xz");
        if (!File.Exists(_archive))
        {
            var blockSize = Blocks == "one" ? "" : " --block-size=" + Blocks;
            Run(directory, "sh", "-c", $"xz -6 -T1{blockSize} -c '{tar}' > '{_archive}.part' && mv '{_archive}.part' '{_archive}'");
        }

        _destination = Path.Combine(directory, "tree");
    }

    /// <summary>The decoder read to its end, 80 KiB at a time, as the extractor reads it.</summary>
    [Benchmark]
    public long Decode()
    {
        using var file = File.OpenRead(_archive);
        using var decoder = ArchiveCompression.Decompress(file, "xz", long.MaxValue, CancellationToken.None)!;
        long total = 0;
        int read;
        while ((read = decoder.Read(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The archive extracted into a fresh directory, as agentupdate extracts it.</summary>
    [Benchmark]
    public int Extract()
    {
        if (Directory.Exists(_destination))
        {
            Directory.Delete(_destination, recursive: true);
        }

        return SafeTarExtractor.Extract(_archive, _destination, 1L << 30, CancellationToken.None).Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_destination))
        {
            Directory.Delete(_destination, recursive: true);
        }
    }

    private static void MakeTar(string directory, string tar)
    {
        var source = Path.Combine(directory, "src");
        Directory.CreateDirectory(source);
        var random = new Random(37);
        var bytes = new byte[HalfBytes];
        random.NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(source, "guest-agent"), bytes);

        // Log-like text: compresses about as well as a program's data and strings do (xz -6: 4 to 6 times).
        string[] words = ["agent", "update", "network", "xenstore", "request", "reply", "interface", "address", "route", "error", "ok", "timeout"];
        var text = new StringBuilder(HalfBytes + 200);
        for (var line = 0; text.Length < HalfBytes; line++)
        {
            text.Append("2026-12-03T08:").Append(line % 60).Append(':').Append(random.Next(60)).Append(" [").Append(line).Append("] ");
            for (var word = random.Next(4, 14); word > 0; word--)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? "=" + random.Next(100_000) : "").Append(' ');
            }

            text.Append('\n');
        }

        File.WriteAllText(Path.Combine(source, "agent.log"), text.ToString(0, HalfBytes));
        Run(directory, "tar", "--format=gnu", "--owner=0", "--group=0", "--mtime=@0", "-cf", tar, "-C", source, "guest-agent", "agent.log");
    }

    private static void Run(string directory, string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { WorkingDirectory = directory })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }
    }
}
