using GuestAgent.Daemon.Tests.Packaging;

namespace GuestAgent.Daemon.Tests.Layout;

/// <summary>
/// The daemon's layout list (<c>src/Agent.Daemon/hot-methods.order</c>) names no method of ours that the
/// build no longer has, and how the list is read against the build (<see cref="HotMethodsOrder"/>).
/// </summary>
public sealed class HotMethodsOrderTests
{
    private const string Prefix = "guest_agent_GuestAgent_Daemon_Hosting_RunningAgent";

    private static readonly IReadOnlyList<NativeAotNames> Ours = HotMethodsOrder.OurAssemblies(AppContext.BaseDirectory);

    [Fact]
    public void Every_entry_of_the_list_that_names_our_code_names_a_method_of_the_build()
    {
        var path = RepositoryFiles.Path("src", "Agent.Daemon", "hot-methods.order");

        var stale = HotMethodsOrder.Stale(File.ReadLines(path), Ours);

        Assert.True(stale.Count == 0,
            $"src/Agent.Daemon/hot-methods.order names {stale.Count} method(s) the build does not have: renamed or " +
            "removed, or an async method's state machine (<Name>d__N) or a lambda renumbered because a member was " +
            "added above it. The compiler ignores them, so the methods the agent runs are no longer placed together " +
            "and it costs resident memory. Regenerate the list with benchmarks/daemon/profile-layout.sh " +
            "(docs/benchmarks.md, \"Daemon\"), or move the new member below the async methods. The stale entries:\n" +
            string.Join('\n', stale));
    }

    [Fact]
    public void The_list_names_methods_of_each_of_our_assemblies()
    {
        // A check that found nothing of ours to check would pass on any list.
        var entries = File.ReadLines(RepositoryFiles.Path("src", "Agent.Daemon", "hot-methods.order")).ToList();

        Assert.Equal(["GuestAgent_", "GuestAgent_Commands_", "guest_agent_"], Ours.Select(a => a.AssemblyPrefix).Order(StringComparer.Ordinal));
        foreach (var assembly in Ours)
        {
            Assert.Contains(entries, e => assembly.Methods.Contains(e));
        }
    }

    [Fact]
    public void A_state_machine_renumbered_is_stale_and_its_current_name_is_not()
    {
        var current = Ours.SelectMany(a => a.Methods)
            .Single(m => m.StartsWith(Prefix + "__RunAsync_d__", StringComparison.Ordinal) && m.EndsWith("__MoveNext", StringComparison.Ordinal));
        var renumbered = current.Replace("_d__", "_d__9", StringComparison.Ordinal);

        Assert.Equal([renumbered], HotMethodsOrder.Stale([current, renumbered], Ours));
    }

    [Fact]
    public void A_method_renamed_is_stale()
    {
        Assert.Equal([Prefix + "__RunAsyncRenamed"],
            HotMethodsOrder.Stale([Prefix + "__RunAsync", Prefix + "__RunAsyncRenamed"], Ours));
    }

    [Fact]
    public void An_overload_numbered_past_the_type_s_overloads_is_stale()
    {
        // RunningAgent has one constructor: _ctor, never _ctor_0.
        Assert.Equal([Prefix + "___ctor_0"], HotMethodsOrder.Stale([Prefix + "___ctor", Prefix + "___ctor_0"], Ours));
    }

    [Fact]
    public void Entries_naming_the_framework_are_not_checked()
    {
        string[] framework =
        [
            "S_P_CoreLib_System_Threading_Tasks_Task__NoSuchMethod",
            "System_Private_Whatever__Anything",
            "<Boxed>S_P_CoreLib_System_Nullable_1<Bool>__GetValueOrDefault",
            "<Boxed>S_P_CoreLib_System_Nullable_1<GuestAgent_GuestAgent_NoSuchType>__<unbox>S_P_CoreLib_System_Nullable_1____GetFieldHelper",
            "S_P_CoreLib_System_Collections_Generic_List_1<GuestAgent_GuestAgent_NoSuchType>__Add",
            "String__Concat",
            // Ours inside a framework name, not at its start: still the framework's.
            "S_P_CoreLib_System_Runtime_CompilerServices_Unsafe__As_GuestAgent_GuestAgent_NoSuchType",
        ];

        Assert.Empty(HotMethodsOrder.Stale(framework, Ours));
    }

    [Fact]
    public void Instantiations_and_prefixes_in_brackets_are_taken_off_before_the_look_up()
    {
        string[] known =
        [
            "GuestAgent_GuestAgent_Hosting_CategoryLogger_1<System___Canon>___ctor",
            "GuestAgent_GuestAgent_Hosting_ServiceMap__Add<System___Canon>",
            "<Boxed>GuestAgent_GuestAgent_Hosting_CategoryLogger_1<S_P_CoreLib_System_Nullable_1<Bool>>__IsEnabled",
            "<Boxed>GuestAgent_GuestAgent_Hosting_CategoryLogger_1<Bool>__<unbox>GuestAgent_GuestAgent_Hosting_CategoryLogger_1__IsEnabled",
        ];
        string[] unknown =
        [
            "GuestAgent_GuestAgent_Hosting_CategoryLogger_1<System___Canon>___ctor_5",
            "GuestAgent_GuestAgent_Hosting_ServiceMap__Add<System___Canon",
            "GuestAgent_GuestAgent_Hosting_ServiceMap__Add>System___Canon<",
            "<Boxed>GuestAgent_GuestAgent_Hosting_NoSuchType__Equals",
            "<Boxed>GuestAgent_GuestAgent_Hosting_CategoryLogger_1<Bool>__<unbox>GuestAgent_GuestAgent_Hosting_CategoryLogger_1__NoSuchMethod",
            "<Boxed>S_P_CoreLib_System_Nullable_1<Bool>__<unbox>GuestAgent_GuestAgent_Hosting_CategoryLogger_1__NoSuchMethod",
        ];

        Assert.Equal(unknown, HotMethodsOrder.Stale([.. known, .. unknown], Ours));
    }

    [Fact]
    public void The_compiler_s_own_methods_count_only_on_a_type_of_ours()
    {
        string[] entries =
        [
            "guest_agent__Module___MainMethodWrapper",
            "guest_agent__Module___StartupCodeMain",
            "GuestAgent_GuestAgent_Hosting_CategoryLogger_1____GetFieldHelper",
            "guest_agent_GuestAgent_Daemon_NoSuchType__MainMethodWrapper",
            "guest_agent__Module___SomethingElse",
            "guest_agent__Module___StartupCode",
        ];

        Assert.Equal(entries[3..], HotMethodsOrder.Stale(entries, Ours));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_entries_are_read_without_surrounding_blanks()
    {
        Assert.Equal([Prefix + "__Nothing"], HotMethodsOrder.Stale(["", "  ", $" {Prefix}__RunAsync\t", $" {Prefix}__Nothing "], Ours));
    }

    [Theory]
    [InlineData("A_1<B>__C", "A_1__C")]
    [InlineData("<Boxed>A<B<C>__D>__E", "A__E")]
    [InlineData("A__B", "A__B")]
    [InlineData("A<B", null)]
    [InlineData("A>B<", null)]
    [InlineData("A<B>>C", null)]
    public void Bracketed_parts_are_taken_off_when_they_pair_up(string entry, string? expected)
    {
        Assert.Equal(expected, HotMethodsOrder.WithoutInstantiations(entry));
    }
}
