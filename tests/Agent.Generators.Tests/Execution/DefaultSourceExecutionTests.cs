using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The defaults as generated code writes them (<c>DefaultValues.Render</c>): an enum member by its
/// name where exactly one member has the value and naming it compiles, the number cast to the type
/// otherwise; <c>null</c> where the declared type admits it, <c>default</c> for a struct and
/// <c>default!</c> only for a reference type that admits no null. Each form compiles without a
/// warning (the build refuses one) and a request that leaves the parameters out gets the defaults
/// the method declares: negative, keyword-named, <c>[Flags]</c> combinations, shared values, byte,
/// long and ulong enums, and members that are <c>[Obsolete]</c> as errors or <c>[Experimental]</c>.
/// </summary>
public sealed class DefaultSourceExecutionTests(DefaultSourceExecutionTests.Compiled compiled) : IClassFixture<DefaultSourceExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Diagnostics.CodeAnalysis;
        using GuestAgent.Commands;

        namespace Sample;

        public enum Level { Info, Warning, Error }

        public enum Kind { @class, @default }

        public enum Signed : sbyte { Minus = -1, Zero = 0 }

        [Flags] public enum Perm { Read = 1, Write = 2, Exec = 4, ReadWrite = 3 }

        public enum Dup { First = 1, Same = 1 }

        public enum Small : byte { Max = 255 }

        public enum Wide : long { Low = long.MinValue, High = 5_000_000_000 }

        public enum Huge : ulong { Top = ulong.MaxValue }

        public enum Legacy
        {
            Current = 1,
            [Obsolete("gone", error: true)] Gone = 2,
            [Experimental("SAMPLE001")] Trial = 4,
        }

        public static class Commands
        {
            [Command("enums")]
            public static string Enums(
                Level level = Level.Warning,
                Kind kind = Kind.@default,
                Signed minus = Signed.Minus,
                Signed unnamed = (Signed)(-5),
                Perm both = Perm.Read | Perm.Write,
                Perm mixed = Perm.Read | Perm.Exec,
                Dup dup = Dup.Same,
                Small small = Small.Max,
                Wide low = Wide.Low,
                Wide high = Wide.High,
                Huge top = Huge.Top,
                Huge half = (Huge)0x8000000000000000,
                Legacy gone = (Legacy)2,
                Legacy trial = (Legacy)4,
                Level? maybe = Level.Error)
                => string.Join(" ", N(level), N(kind), N(minus), N(unnamed), N(both), N(mixed), dup.ToString("D"), N(small),
                    N(low), N(high), N(top), N(half), N(gone), N(trial), maybe is { } m ? N(m) : "null");

            [Command("nulls")]
            public static string Nulls(string? note = null, int? count = null, Guid id = default, Guid? other = null, Level? unset = null)
                => $"{note ?? "null"} {count?.ToString() ?? "null"} {id} {other?.ToString() ?? "null"} {unset?.ToString() ?? "null"}";

            private static string N<T>(T value) where T : struct, Enum
            {
                // Enum formatting takes no format provider: a number comes out in the current culture ("−5" in sv-SE).
                var number = Convert.ToDecimal(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var name = value.ToString();
                return (char.IsLetter(name[0]) || name[0] == '_' ? name : number) + "=" + number;
            }
        }

        #nullable disable
        public static class Oblivious
        {
            [Command("oblivious")]
            public static string Run(string legacy = null, string other = "") => (legacy ?? "null") + other;
        }
        #nullable enable

        public static class Forced
        {
            [Command("forced")]
            public static string Run(string forced = null!, int times = 1) => (forced ?? "null") + times;
        }

        public sealed class Built(int? count = null, Guid id = default, string? zone = null, Level level = Level.Error, Kind kind = Kind.@class, Signed signed = (Signed)(-5))
        {
            [Command("built")]
            public string Run() => $"{count?.ToString() ?? "null"} {id} {zone ?? "null"} {level} {kind} {Convert.ToDecimal(signed).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("enums", "Warning=1 default=1 Minus=-1 -5=-5 ReadWrite=3 Read, Exec=5 1 Max=255 Low=-9223372036854775808 High=5000000000 "
        + "Top=18446744073709551615 9223372036854775808=9223372036854775808 Gone=2 Trial=4 Error=2")]
    [InlineData("nulls", "null null 00000000-0000-0000-0000-000000000000 null null")]
    [InlineData("oblivious", "null")]
    [InlineData("forced", "null1")]
    [InlineData("built", "null 00000000-0000-0000-0000-000000000000 null Error class -5")]
    public async Task Parameters_left_out_take_the_declared_defaults(string name, string expected) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{expected}}"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));

    [Theory]
    [InlineData("global::Sample.Level p_level = global::Sample.Level.Warning;")]
    [InlineData("global::Sample.Kind p_kind = global::Sample.Kind.@default;")]
    [InlineData("global::Sample.Signed p_minus = global::Sample.Signed.Minus;")]
    [InlineData("global::Sample.Signed p_unnamed = (global::Sample.Signed)(-5);")]
    [InlineData("global::Sample.Perm p_both = global::Sample.Perm.ReadWrite;")]
    [InlineData("global::Sample.Perm p_mixed = (global::Sample.Perm)(5);")]
    [InlineData("global::Sample.Dup p_dup = (global::Sample.Dup)(1);")]
    [InlineData("global::Sample.Small p_small = global::Sample.Small.Max;")]
    [InlineData("global::Sample.Huge p_half = (global::Sample.Huge)(9223372036854775808);")]
    [InlineData("global::Sample.Legacy p_gone = (global::Sample.Legacy)(2);")]
    [InlineData("global::Sample.Legacy p_trial = (global::Sample.Legacy)(4);")]
    [InlineData("global::Sample.Level? p_maybe = global::Sample.Level.Error;")]
    [InlineData("string? p_note = null;")]
    [InlineData("int? p_count = null;")]
    [InlineData("global::System.Guid p_id = default;")]
    [InlineData("global::System.Guid? p_other = null;")]
    [InlineData("global::Sample.Level? p_unset = null;")]
    [InlineData("string? p_legacy = null;")]
    [InlineData("string p_forced = default!;")]
    [InlineData(": global::Sample.Kind.@class,")]
    [InlineData(": (global::Sample.Signed)(-5));")]
    public void Defaults_are_written_in_the_clearest_form_that_compiles(string line) =>
        Assert.Contains(line, compiled.Generated, StringComparison.Ordinal);

    /// <summary>The sample, compiled and loaded once for the class's tests, and the text generated for it.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source))
    {
        public string Generated { get; } = TestCompiler.GeneratedText(TestCompiler.Generate(TestCompiler.Compile(Source), withJson: true).Output);
    }
}
