using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>The per-compilation caches the generator's transform shares between commands.</summary>
public sealed class PerCompilationCacheTests
{
    private const string Source = """
        #nullable enable
        namespace Sample;
        public sealed class Holder { public string Plain = ""; public string? Maybe; public int Count; }
        """;

    [Fact]
    public void Known_types_are_shared_within_a_compilation_and_fresh_for_the_next()
    {
        var compilation = Compile();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", cancellationToken: TestContext.Current.CancellationToken));
        var cache = new KnownTypesCache();

        var first = cache.For(compilation);

        Assert.Same(first, cache.For(compilation));
        Assert.NotSame(first, cache.For(edited));
        Assert.Same(edited, cache.For(edited).Compilation);
    }

    [Fact]
    public void The_memo_keeps_nullable_and_non_nullable_types_apart()
    {
        var known = KnownTypes.Create(Compile());
        var holder = known.Compilation.GetTypeByMetadataName("Sample.Holder")!;
        var plain = Field(holder, "Plain");
        var maybe = Field(holder, "Maybe");

        Assert.Equal("global::Sample.Holder", known.Memo.Display(holder, SymbolDisplayFormat.FullyQualifiedFormat));
        Assert.Equal("string", known.Memo.Display(plain, Names.Short));
        Assert.Equal("string?", known.Memo.Display(maybe, Names.Short));
        Assert.Equal("string", known.Memo.Display(plain, Names.Short));

        var plainModel = TypeClassifier.Describe(plain, known);
        var maybeModel = TypeClassifier.Describe(maybe, known);
        Assert.False(plainModel.AllowsNull);
        Assert.True(maybeModel.AllowsNull);
        Assert.Same(plainModel, TypeClassifier.Describe(plain, known));
        Assert.Equal("int", TypeClassifier.Describe(Field(holder, "Count"), known).NonNullableFullName);
    }

    private static ITypeSymbol Field(INamedTypeSymbol type, string name) => ((IFieldSymbol)type.GetMembers(name).Single()).Type;

    private static Compilation Compile() =>
        CSharpCompilation.Create(
            "Caches",
            [CSharpSyntaxTree.ParseText(Source, cancellationToken: TestContext.Current.CancellationToken)],
            Basic.Reference.Assemblies.Net100.References.All);
}
