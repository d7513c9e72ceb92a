using static GuestAgent.Commands.Security.YescryptCore;

namespace GuestAgent.Commands.Security;

/// <summary>yescrypt's pwxform: the three S-boxes of one lane, their rotation and write pointer.</summary>
internal sealed class YescryptPwxform
{
    private int _s0;
    private int _s1;
    private int _s2;
    private int _w;

    public uint[] S { get; } = SecretArray.Allocate<uint>(SWords);

    /// <summary>(S2, S1, S0) are the three thirds of S, in that order; writes start at 0.</summary>
    public void Reset()
    {
        _s2 = 0;
        _s1 = (1 << SWidth) * PwxSimple * 2;
        _s0 = 2 * (1 << SWidth) * PwxSimple * 2;
        _w = 0;
    }

    /// <summary>Zeroes the S-boxes, which are derived from the password.</summary>
    public void Clear()
    {
        Array.Clear(S);
        Reset();
    }

    public void Transform(Span<uint> x)
    {
        for (var i = 0; i < PwxRounds; i++)
        {
            for (var j = 0; j < PwxGather; j++)
            {
                var baseWord = j * PwxSimple * 2;
                var p0 = _s0 + (int)((x[baseWord] & SMask) / 4);
                var p1 = _s1 + (int)((x[baseWord + 1] & SMask) / 4);
                for (var k = 0; k < PwxSimple; k++)
                {
                    var s0 = ((ulong)S[p0 + (2 * k) + 1] << 32) + S[p0 + (2 * k)];
                    var s1 = ((ulong)S[p1 + (2 * k) + 1] << 32) + S[p1 + (2 * k)];
                    var at = baseWord + (2 * k);
                    var value = ((ulong)x[at + 1] * x[at]) + s0;
                    value ^= s1;
                    x[at] = (uint)value;
                    x[at + 1] = (uint)(value >> 32);
                    if (i != 0 && i != PwxRounds - 1)
                    {
                        S[_s2 + (2 * _w)] = (uint)value;
                        S[_s2 + (2 * _w) + 1] = (uint)(value >> 32);
                        _w++;
                    }
                }
            }
        }

        (_s0, _s1, _s2) = (_s2, _s0, _s1);
        _w &= (1 << SWidth) * PwxSimple - 1;
    }
}
