using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Expansions that set a variable as they expand, in an assignment's value, <c>export</c>'s arguments or
/// before a command (<see cref="ShellExpansionAssignments"/>), and <c>wait -p</c>: the reader calls the
/// key unknown, <c>Remove</c> unsets it or refuses a file that sets it under a computed name. Each file is
/// sourced by a clean bash (<see cref="ShellValueReaderTests.SourceAsync"/>), the POSIX ones by dash too.
/// </summary>
public sealed class ShellExpansionAssignmentTests
{
    private const string RemoveRefused =
        "/etc/rc.conf: the variables to remove cannot all be found: the file may set a variable by a name only running it tells (eval, let, declare, arithmetic, a sourced file or a command named by a variable)";

    [Theory]
    [InlineData("KEY=1\nOTHER=$(( KEY = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nOTHER=$(( KEY++ ))\n", "set:2")]
    [InlineData("KEY=1\nOTHER=$(( KEY += 1 ))\n", "set:2")]
    [InlineData("KEY=1\nOTHER=$(( KEY <<= 2 ))\n", "set:4")]
    [InlineData("KEY=1\nOTHER=$[KEY=3]\n", "set:3")]
    [InlineData("KEY=1\nb=(x y)\nOTHER=${b[KEY=7]}\n", "set:7")]
    [InlineData("KEY=1\nX=abcdefgh\nOTHER=${X:KEY=4}\n", "set:4")]
    [InlineData("OTHER=${KEY:=5}\n", "set:5")]
    [InlineData("OTHER=\"${KEY=5}\"\n", "set:5")]
    [InlineData("KEY=1\nP=K\nOTHER=$(( ${P}EY = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nP=K\nexport OTHER=$(( ${P}EY += 2 ))\n", "set:3")]
    [InlineData("KEY=1\nP=K\nOTHER=$(( ${P}EY = 3 )) true\n", "set:3")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( $N = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( $N++ ))\n", "set:2")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( ++$N ))\n", "set:2")]
    [InlineData("KEY=1\nX=EY\nOTHER=$(( K$X = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( X = $N += 2 ))\n", "set:3")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( $N <<= 1 ))\n", "set:2")]
    [InlineData("KEY=1\nOTHER=$(( `echo KEY` = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nOTHER=$(( `echo K`EY = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( X = $(( $N = 4 )) ))\n", "set:4")]
    [InlineData("KEY=1\nN=K\nOTHER=$(( ${N}EY[0] = 3 ))\n", "set:3")]
    [InlineData("KEY=1\nP=KEY\n: & wait -p \"$P\"\n", "unset")]
    [InlineData("KEY=1\nP=KEY\n: & wait -np \"$P\"\n", null)]
    public async Task An_expansion_that_assigns_leaves_the_key_unknown(string text, string? expected)
    {
        // wait -p unsets the name when no job is waited for, and sets it to the pid of the one it waited for (-n).
        var sourced = await ShellValueReaderTests.SourceAsync(text);
        if (expected is null)
        {
            Assert.Matches("^set:[0-9]+$", sourced);
        }
        else
        {
            Assert.Equal(expected, sourced);
        }

        Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "KEY").State);
    }

    [Theory]
    [InlineData("KEY=1\nOTHER=$(( KEY == 1 ))\n")]
    [InlineData("KEY=1\nOTHER=$(( KEY <= 1 ))$(( KEY != 2 ))$(( KEY >= 0 ))$(( KEY + 1 ))\n")]
    [InlineData("KEY=1\nOTHER=${KEY:-5}${KEY:+x}${X:=KEY}\n")]
    [InlineData("KEY=1\nOTHER=$(( X = 3 ))\n")]
    [InlineData("KEY=1\nb=(x y)\nOTHER=${b[KEY]}${X:KEY}\n")]
    [InlineData("KEY=1\nY=5\nOTHER=$(( X = $Y ))\n")]
    [InlineData("KEY=1\ni=0\nOTHER=$(( a[$i] = 3 ))\n")]
    [InlineData("KEY=1\nY=2\nOTHER=$(( X += `echo 1` + ${Y} ))\n")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( X = $N == 1 ))$(( X = $N <= 1 ))$(( X = $N != 1 ))$(( X = $N >= 1 ))\n")]
    public async Task An_expansion_that_only_reads_the_key_leaves_its_value(string text)
    {
        // An expansion in assigning arithmetic that is no assigned name is read (before, any $ there made every key unknown).
        Assert.Equal("set:1", await ShellValueReaderTests.SourceAsync(text));

        Assert.Equal("1", ShellVariableEditor.Get(text, "KEY"));
    }

    [Theory]
    [InlineData("OTHER=${KEY:=5}\n", true)]
    [InlineData("KEY=1\nOTHER=$(( KEY += 1 ))\n", true)]
    [InlineData("KEY=1\nOTHER=$(( KEY = 3 )) true\n", true)]
    [InlineData("KEY=1\nb=(x y)\nOTHER=${b[KEY=7]}\n", false)]
    public async Task Remove_unsets_a_key_an_expansion_sets_after_it(string text, bool posix)
    {
        // The value the expansion gave stays what OTHER holds; the key is unset after it.
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(text + "unset -v KEY\n", removed);
        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
        if (posix)
        {
            Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "KEY"));
            Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        }
    }

    [Theory]
    [InlineData("P=K\nOTHER=$(( ${P}EY = 3 ))\n")]
    [InlineData("P=K\nexport OTHER=$(( ${P}EY = 3 ))\n")]
    [InlineData("P=KEY\n: & wait -np \"$P\"\n")]
    [InlineData("N=KEY\nOTHER=$(( $N = 3 ))\n")]
    public async Task Remove_refuses_a_file_whose_expansion_sets_a_computed_name(string text)
    {
        // KEY is set, yet the file never names it: no unset the editor writes could find it.
        Assert.StartsWith("set:", await ShellValueReaderTests.SourceAsync(text), StringComparison.Ordinal);

        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));

        Assert.Equal(RemoveRefused, removed.Message);
    }

    [Theory]
    [InlineData("Y=5\nOTHER=$(( X = $Y ))\nKEY=1\n")]
    [InlineData("Y=5\nOTHER=$(( X = $Y ))\n")]
    public async Task Remove_and_Set_follow_a_file_whose_arithmetic_reads_an_expansion(string text)
    {
        // Before, $Y counted as a computed name: Remove refused the file, as it may set any variable.
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "KEY"));
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
    }

    [Theory]
    [InlineData("KEY=1\nP=K\nOTHER=$(( ${P}EY = 3 ))\n")]
    [InlineData("OTHER=${KEY:=5}\n")]
    [InlineData("KEY=1\nN=KEY\nOTHER=$(( $N = 3 ))\n")]
    [InlineData("KEY=1\nY=5\nOTHER=$(( X = $Y ))\n")]
    public async Task A_posix_sh_sets_the_key_as_bash_does(string text)
    {
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text), (await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"))["KEY=".Length..]);
    }
}
