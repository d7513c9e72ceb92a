using System.Collections.Concurrent;
using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>Injections at once (AgentHost serves its exchanges concurrently).</summary>
public sealed class InjectFileConcurrencyTests
{
    /// <summary>
    /// A failed write removes the directories it made (still empty) while a concurrent, valid injection
    /// into the same new directory has walked into them and not yet made its temp file there. That one
    /// walks again (before, it answered "Couldn't write the file: No such file or directory"). A race,
    /// so it repeats: before the fix it failed within a few rounds on 2 cores.
    /// </summary>
    [Fact]
    public async Task A_failing_injection_never_fails_a_concurrent_valid_one_in_the_same_new_directory()
    {
        var failures = new ConcurrentBag<string>();
        for (var round = 0; round < 50 && failures.IsEmpty; round++)
        {
            using var root = new CommandRoot();
            root.CreateDirectory("/home");
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                // Odd ones are refused by the kernel (ENAMETOOLONG) after the missing directories were made.
                var path = i % 2 == 0 ? $"/home/alice/.ssh/keys/f{i}" : "/home/alice/.ssh/keys/" + new string('n', 300);
                try
                {
                    InjectFileCommands.InjectFile(Encode(path, "key " + i), root.Context("injectfile"));
                }
                catch (CommandException error) when (i % 2 == 1 && error.Message == InjectFileMessages.WriteFailed + ": File name too long")
                {
                }
                catch (CommandException error)
                {
                    failures.Add($"{path}: {error.Message}");
                }
            }, TestContext.Current.CancellationToken)));
        }

        Assert.Empty(failures);
    }

    private static string Encode(string path, string contents) => Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));
}
