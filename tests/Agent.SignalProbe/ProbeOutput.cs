namespace GuestAgent.SignalProbe;

/// <summary>Standard output, one line at a time from any thread, flushed at once (the test reads it as it comes).</summary>
internal sealed class ProbeOutput
{
    private readonly Lock _lock = new();

    public void Say(string line)
    {
        lock (_lock)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
