using GuestAgent.Commands.Security;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// Everything yescrypt derives from the password (V, B, XY, the PBKDF2 output, the HMAC key and the
/// pwxform S-boxes) is zeroed when the hash ends: after a hash, and after one cancelled half-way.
/// The workspaces are seen through <see cref="YescryptCore.Kdf"/>'s test hook, and each is shown to
/// hold password-derived data while the hash runs, so "zero afterwards" means "cleared".
/// </summary>
public sealed class YescryptWorkspaceTests
{
    private static readonly byte[] Salt = "0123456789abcdef"u8.ToArray();

    public static TheoryData<ulong, uint> Settings() => new()
    {
        // One computation.
        { 1024, 8 },
        // libxcrypt's default cost (j9T): a pre-hash first, so two workspaces.
        { 4096, 32 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void After_a_hash_no_working_memory_keeps_anything_of_the_password(ulong n, uint r)
    {
        var workspaces = new List<YescryptWorkspace>();
        var heldDataWhileHashing = new List<bool>();
        var polls = new HashCancellation(TestContext.Current.CancellationToken, () => heldDataWhileHashing.Add(HoldsData(workspaces[^1])));

        YescryptCore.Kdf("correct horse"u8, Salt, YescryptFlavour.ReadWrite, n, r, 1, 0, polls, workspaces.Add);

        Assert.Equal(n == 4096 ? 2 : 1, workspaces.Count);
        Assert.Contains(true, heldDataWhileHashing);
        Assert.All(workspaces, AssertCleared);
    }

    [Fact]
    public void After_a_hash_cancelled_half_way_no_working_memory_keeps_anything_of_the_password()
    {
        using var stopping = new CancellationTokenSource();
        YescryptWorkspace? workspace = null;
        var polled = 0;
        var heldData = false;
        // The first poll comes once the S-boxes are made; by the third, V is partly filled.
        var polls = new HashCancellation(stopping.Token, () =>
        {
            if (++polled == 3)
            {
                heldData = HoldsData(workspace!) && workspace!.Lanes[0].S.AsSpan().ContainsAnyExcept(0u);
                stopping.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => YescryptCore.Kdf("correct horse"u8, Salt, YescryptFlavour.ReadWrite, 1024, 8, 1, 0, polls, made => workspace = made));

        Assert.True(heldData);
        AssertCleared(workspace!);
    }

    private static bool HoldsData(YescryptWorkspace workspace) =>
        workspace.V.AsSpan().ContainsAnyExcept(0u) && workspace.B.AsSpan().ContainsAnyExcept(0u) && workspace.Key.AsSpan().ContainsAnyExcept((byte)0);

    private static void AssertCleared(YescryptWorkspace workspace)
    {
        Assert.False(workspace.V.AsSpan().ContainsAnyExcept(0u), "V");
        Assert.False(workspace.B.AsSpan().ContainsAnyExcept(0u), "B");
        Assert.False(workspace.Xy.AsSpan().ContainsAnyExcept(0u), "XY");
        Assert.False(workspace.Bytes.AsSpan().ContainsAnyExcept((byte)0), "PBKDF2 output");
        Assert.False(workspace.Key.AsSpan().ContainsAnyExcept((byte)0), "HMAC key");
        Assert.All(workspace.Lanes, lane => Assert.False(lane.S.AsSpan().ContainsAnyExcept(0u), "S-boxes"));
    }
}
