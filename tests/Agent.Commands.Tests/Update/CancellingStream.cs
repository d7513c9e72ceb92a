namespace GuestAgent.Commands.Tests.Update;

/// <summary>An archive in memory that cancels <c>cancellation</c> once a read has reached <c>position</c>, as a stopping agent would.</summary>
internal sealed class CancellingStream(byte[] data, int position, CancellationTokenSource cancellation) : MemoryStream(data)
{
    // Stream.Read(Span) of a derived MemoryStream comes here too.
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = base.Read(buffer, offset, count);
        if (Position >= position)
        {
            cancellation.Cancel();
        }

        return read;
    }
}
