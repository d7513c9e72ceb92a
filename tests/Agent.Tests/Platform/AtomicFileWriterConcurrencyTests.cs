using System.Collections.Concurrent;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// Writes at once into directories none of them found: a write that fails removes the directories it
/// made while they are still empty, which must not fail a write that had already walked into them.
/// </summary>
public sealed class AtomicFileWriterConcurrencyTests
{
    private static readonly AtomicWriteOptions Creating = new() { CreateDirectoriesWithMode = (UnixFileMode)Convert.ToInt32("755", 8), NewFileOwner = null };

    [Fact]
    public async Task A_failing_write_never_fails_a_concurrent_one_into_the_same_new_directories()
    {
        // A race, so it repeats: before the writer walked again, a valid write failed with ENOENT
        // within a few rounds on 2 cores.
        var failures = new ConcurrentBag<string>();
        for (var round = 0; round < 50 && failures.IsEmpty; round++)
        {
            using var root = new TemporaryDirectory();
            var writer = new AtomicFileWriter(new RootedFileSystem(root.Path));
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                // The odd ones make the directories, then the kernel refuses the name (ENAMETOOLONG).
                var name = i % 2 == 0 ? $"f{i}" : new string('n', 300);
                try
                {
                    writer.Write($"/a/b/c/{name}", "x"u8, Creating);
                }
                catch (IOException error) when (i % 2 == 1 && error.HResult == 36)
                {
                }
                catch (IOException error)
                {
                    failures.Add($"{name}: {error.Message}");
                }
            }, TestContext.Current.CancellationToken)));

            foreach (var written in Enumerable.Range(0, 4).Select(i => root.Combine($"a/b/c/f{i * 2}")).Where(path => !File.Exists(path)))
            {
                failures.Add($"{written}: missing");
            }
        }

        Assert.Empty(failures);
    }
}
