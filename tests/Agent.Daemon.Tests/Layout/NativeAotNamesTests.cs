namespace GuestAgent.Daemon.Tests.Layout;

/// <summary>
/// The NativeAOT symbol names <see cref="NativeAotNames"/> works out from metadata, on types of this test
/// assembly (<see cref="ManglingFixture"/>) whose names are known: the compiler's rules as its name mangler
/// states them, and as <c>NativeAotSymbolsTests</c> checks them against the published daemon's symbols.
/// </summary>
public sealed class NativeAotNamesTests
{
    private const string Fixture = "GuestAgent_Daemon_Tests_GuestAgent_Daemon_Tests_Layout_ManglingFixture";

    private static readonly NativeAotNames Tests = NativeAotNames.Read(typeof(NativeAotNamesTests).Assembly.Location);

    [Theory]
    [InlineData("Plain", "Plain")]
    [InlineData("with_underscore9", "with_underscore9")]
    [InlineData(".ctor", "_ctor")]
    [InlineData("<RunAsync>d__12", "_RunAsync_d__12")]
    [InlineData("CategoryLogger`1", "CategoryLogger_1")]
    [InlineData("GuestAgent.Daemon.Hosting", "GuestAgent_Daemon_Hosting")]
    [InlineData("guest-agent", "guest_agent")]
    [InlineData("1st", "_1st")]
    [InlineData("a1", "a1")]
    [InlineData("<Main>$", "_Main__")]
    [InlineData("é", "_")]
    [InlineData("a\U0001F600b", "a_b")]
    [InlineData("", "")]
    public void A_name_keeps_ascii_letters_digits_and_underscores_only(string name, string expected)
    {
        Assert.Equal(expected, NativeAotNames.Sanitize(name));
    }

    [Fact]
    public void A_taken_name_is_numbered_from_zero_until_free()
    {
        Assert.Equal("a", NativeAotNames.Disambiguate("a", new HashSet<string> { "b", "a_0" }));
        Assert.Equal("a_0", NativeAotNames.Disambiguate("a", new HashSet<string> { "a" }));
        Assert.Equal("a_2", NativeAotNames.Disambiguate("a", new HashSet<string> { "a", "a_0", "a_1" }));
    }

    [Fact]
    public void The_assembly_s_prefix_is_its_sanitized_name()
    {
        Assert.Equal("GuestAgent_Daemon_Tests_", Tests.AssemblyPrefix);
    }

    [Fact]
    public void Overloads_are_numbered_in_metadata_order_after_the_first()
    {
        Assert.Contains(Fixture + "___ctor", Tests.Methods);
        Assert.Contains(Fixture + "___ctor_0", Tests.Methods);
        Assert.Contains(Fixture + "___ctor_1", Tests.Methods);
        Assert.DoesNotContain(Fixture + "___ctor_2", Tests.Methods);
        Assert.Contains(Fixture + "__Numbers", Tests.Methods);
        Assert.DoesNotContain(Fixture + "__Numbers_0", Tests.Methods);
    }

    [Fact]
    public void A_state_machine_is_a_nested_type_named_for_its_method_and_its_member_number()
    {
        Assert.Contains(Fixture + "__WaitAsync_d__3__MoveNext", Tests.Methods);
        Assert.Contains(Fixture + "__WaitAsync_d__3__SetStateMachine", Tests.Methods);
        Assert.Contains(Fixture + "__WaitAsync_d__3", Tests.Types);
    }

    [Fact]
    public void An_iterator_s_interface_methods_keep_their_interface_in_the_name()
    {
        Assert.Contains(Fixture + "__Numbers_d__5__System_Collections_Generic_IEnumerator_System_Int32__get_Current", Tests.Methods);
        Assert.Contains(Fixture + "__Numbers_d__5__System_Collections_IEnumerator_Reset", Tests.Methods);
    }

    [Fact]
    public void A_lambda_lives_on_the_closure_class_of_its_type()
    {
        Assert.Contains(Fixture + "___c___Twice_b__4_0", Tests.Methods);
        Assert.Contains(Fixture + "___c___cctor", Tests.Methods);
    }

    [Fact]
    public void A_generic_type_is_named_with_its_arity_and_nested_types_follow_their_container()
    {
        Assert.Contains(Fixture + "_Inner_1__Default", Tests.Methods);
        Assert.DoesNotContain(Fixture + "_Inner__Default", Tests.Methods);
    }

    [Fact]
    public void Types_whose_names_clash_are_numbered_in_metadata_order()
    {
        const string clash = "GuestAgent_Daemon_Tests_GuestAgent_Daemon_Tests_Layout_Clash_1";
        var genericFirst = typeof(Clash<>).MetadataToken < typeof(Clash_1).MetadataToken;

        Assert.Contains(clash + (genericFirst ? "__FromGeneric" : "_0__FromGeneric"), Tests.Methods);
        Assert.Contains(clash + (genericFirst ? "_0__FromPlain" : "__FromPlain"), Tests.Methods);
        Assert.Contains(clash, Tests.Types);
        Assert.Contains(clash + "_0", Tests.Types);
    }

    [Fact]
    public void A_method_of_the_global_namespace_has_no_namespace_part()
    {
        Assert.Contains("GuestAgent_Daemon_Tests__Module_", Tests.Types);
    }
}
