using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// The diagnostics of the command generator. Ids are stable and hand-assigned; each has a help
/// page in <c>docs/diagnostics/</c> and a line in <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class Descriptors
{
    /// <summary>
    /// Where the help pages live; the id and <c>.md</c> are appended. Written at build time from
    /// <c>GuestAgentRepositoryUrl</c> and <c>GuestAgentDocsRef</c> (see Agent.Generators.csproj).
    /// </summary>
    public const string HelpBase = HelpLinks.Base;

    // Each of these ids has two descriptors (one reported at a command, one at the compilation's
    // end), which must read the same.
    private const string DuplicateAcrossAssembliesTitle = "Duplicate command name across assemblies";
    private const string DuplicateAcrossAssembliesMessage = "Command name '{0}' is defined in both '{1}' and '{2}'; if this error is suppressed, the command of '{1}' is the one served";
    private const string LanguageVersionTitle = "C# version too old for the generated commands";
    private const string LanguageVersionMessage = "The generated command registry needs C# 11 or later (it uses UTF-8 string literals), but this project compiles as C# {0}: remove <LangVersion> or set it to 11 or later";

    private const string Category = "GuestAgent.Commands";

    public static readonly DiagnosticDescriptor DuplicateName = Create(
        DiagnosticIds.DuplicateName, "Duplicate command name",
        "Command name '{0}' is used by more than one method in this assembly: also by {1}");

    public static readonly DiagnosticDescriptor InvalidName = Create(
        DiagnosticIds.InvalidName, "Invalid command name",
        "Command name '{0}' is invalid: it must be non-empty and contain only A-Z, a-z, 0-9, '_', '.' and '-'");

    public static readonly DiagnosticDescriptor NotAccessible = Create(
        DiagnosticIds.NotAccessible, "Command method is not accessible",
        "Command method '{0}' must be public or internal and declared in public or internal types");

    /// <summary>GA0003 at a local function: it can never be made accessible, so the message says so.</summary>
    public static readonly DiagnosticDescriptor LocalFunction = Create(
        DiagnosticIds.NotAccessible, "Command method is not accessible",
        "Local function '{0}' in {1} cannot be a command: the generated registry can only call methods of a type; move it out as a static or instance method");

    /// <summary>GA0003 at a lambda with [Command]: like a local function, never reachable.</summary>
    public static readonly DiagnosticDescriptor Lambda = Create(
        DiagnosticIds.NotAccessible, "Command method is not accessible",
        "A lambda in {0} cannot be a command: the generated registry can only call methods of a type; make it a static or instance method");

    /// <summary>GA0003 at a method that is visible but that C# cannot call by its type's name.</summary>
    public static readonly DiagnosticDescriptor NotCallable = Create(
        DiagnosticIds.NotAccessible, "Command method is not accessible",
        "Command method '{0}' cannot be called by the generated registry: {1}");

    public static readonly DiagnosticDescriptor Generic = Create(
        DiagnosticIds.Generic, "Generic command method",
        "Command method '{0}' must not be generic nor be declared in a generic type");

    public static readonly DiagnosticDescriptor ByRefParameter = Create(
        DiagnosticIds.ByRefParameter, "ref, out or in parameter",
        "Parameter '{0}' of command method '{1}' must not be ref, out or in");

    public static readonly DiagnosticDescriptor AsyncVoid = Create(
        DiagnosticIds.AsyncVoid, "async void command method",
        "Command method '{0}' is async void: return Task or ValueTask instead");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        DiagnosticIds.UnsupportedParameterType, "Unsupported parameter type",
        "Parameter '{0}' of command method '{1}' has type '{2}', which cannot be bound from a JSON value: {3}");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        DiagnosticIds.UnsupportedReturnType, "Unsupported return type",
        "Command method '{0}' returns '{1}', which is not a supported return type: {2}");

    public static readonly DiagnosticDescriptor NotInJsonContext = Create(
        DiagnosticIds.NotInJsonContext, "Type is not covered by the JSON context",
        "Type '{0}' of command method '{1}' must be listed on the assembly's JSON context: {2}");

    public static readonly DiagnosticDescriptor NotConstructible = Create(
        DiagnosticIds.NotConstructible, "Command class cannot be constructed",
        "Class '{0}' of instance command method '{1}' cannot be constructed by the registry: {2}");

    /// <summary>GA0011 at a command of this assembly whose name a referenced command assembly also serves.</summary>
    public static readonly DiagnosticDescriptor DuplicateAcrossAssemblies = Create(
        DiagnosticIds.DuplicateAcrossAssemblies, DuplicateAcrossAssembliesTitle, DuplicateAcrossAssembliesMessage);

    /// <summary>
    /// GA0011 between two referenced assemblies: no source of this compilation names it, so it can
    /// only be reported once the whole compilation is known.
    /// </summary>
    public static readonly DiagnosticDescriptor DuplicateAcrossReferences = Create(
        DiagnosticIds.DuplicateAcrossAssemblies, DuplicateAcrossAssembliesTitle, DuplicateAcrossAssembliesMessage, isCompilationEnd: true);

    public static readonly DiagnosticDescriptor InvalidJsonContext = Create(
        DiagnosticIds.InvalidJsonContext, "Invalid command JSON context",
        "Type '{0}' named by CommandJsonContext must derive from System.Text.Json.Serialization.JsonSerializerContext");

    public static readonly DiagnosticDescriptor LanguageVersion = Create(
        DiagnosticIds.LanguageVersion, LanguageVersionTitle, LanguageVersionMessage);

    /// <summary>GA0013 in an application without commands of its own: the aggregate over its references needs C# 11 too.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionForReferences = Create(
        DiagnosticIds.LanguageVersion, LanguageVersionTitle, LanguageVersionMessage, isCompilationEnd: true);

    public static readonly DiagnosticDescriptor RegistryNameClash = Create(
        DiagnosticIds.RegistryNameClash, "Two command registries have the same name",
        "Command assemblies '{0}' and '{1}' both name their registry '{2}', so this compilation cannot tell them apart and generates no aggregate registry (AgentCommands.CreateRegistry is an error): rename one of the assemblies", isCompilationEnd: true);

    /// <summary>GA0015: a stated request schema that is not a JSON object (the derived schema is published instead).</summary>
    public static readonly DiagnosticDescriptor InvalidRequestSchema = Create(
        DiagnosticIds.InvalidRequestSchema, "Invalid request schema",
        "RequestSchema of command method '{0}' is not a usable JSON Schema: {1}");

    /// <summary>GA0016: a stated request schema on a command whose schema the generator derives; a warning, since the command works and its published schema is right.</summary>
    public static readonly DiagnosticDescriptor RequestSchemaIgnored = Create(
        DiagnosticIds.RequestSchemaIgnored, "Request schema is ignored",
        "RequestSchema of command method '{0}' is ignored: {1}; a stated schema is used only for a command that takes the value whole, as one JsonElement or string parameter",
        severity: DiagnosticSeverity.Warning);

    /// <summary>GA0017: a member of a stated request schema, where a keyword belongs, that is no 2020-12 keyword; validators do not treat it as one, so it constrains nothing.</summary>
    public static readonly DiagnosticDescriptor UnknownSchemaKeyword = Create(
        DiagnosticIds.UnknownSchemaKeyword, "Unknown keyword in request schema",
        "RequestSchema of command method '{0}' has '{1}', which is not a JSON Schema 2020-12 keyword, so validators do not treat it as one: {2}",
        severity: DiagnosticSeverity.Warning);

    /// <summary>GA0018: a stated request schema that certainly admits no string (its type, enum or const, an allOf member, every anyOf/oneOf branch), for a command that takes the value as a string.</summary>
    public static readonly DiagnosticDescriptor SchemaExcludesString = Create(
        DiagnosticIds.SchemaExcludesString, "Request schema admits no string for a string value",
        "RequestSchema of command method '{0}' admits no string: {1}; but the command takes the value as the string parameter '{2}', so a request whose value is a string, the one it is made for, never matches the schema: {3}, or take the value as a JsonElement",
        severity: DiagnosticSeverity.Warning);

    /// <summary>GA0019: a keyword of a stated request schema whose value the draft 2020-12 meta-schemas do not allow (a type name misspelt, a length as a string, a non-schema where a schema belongs).</summary>
    public static readonly DiagnosticDescriptor InvalidSchemaKeywordValue = Create(
        DiagnosticIds.InvalidSchemaKeywordValue, "Invalid keyword value in request schema",
        "RequestSchema of command method '{0}' gives '{1}' a value JSON Schema 2020-12 does not allow, so validators may refuse the schema or misread the keyword: {2}",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0020: a parameter type the assembly's JSON context cannot read (some it cannot write either), so requests
    /// carrying it fail at run time. An error, as no request of that shape can ever bind; the
    /// command is still generated, so suppressing it keeps the command (for requests without the member).
    /// </summary>
    public static readonly DiagnosticDescriptor UnreadableParameterType = Create(
        DiagnosticIds.UnreadableParameterType, "Parameter type the JSON context cannot read",
        "Parameter '{0}' of command method '{1}' has type '{2}', which the assembly's JSON context cannot read: {3}");

    /// <summary>
    /// GA0021: a result type the assembly's JSON context cannot write: it fails as it prepares the
    /// type, so every call of the command fails after the method has run, or whenever it writes a member
    /// of a type System.Text.Json refuses (a null one aside), which the reason says. Its own id, not GA0020's:
    /// another title and page, and suppressing one must not silence the other.
    /// </summary>
    public static readonly DiagnosticDescriptor UnwritableResultType = Create(
        DiagnosticIds.UnwritableResultType, "Result type the JSON context cannot write",
        "Command method '{0}' returns '{1}', which the assembly's JSON context cannot write, so calls fail after the method has run and are answered with an internal error: {2}");

    /// <summary>
    /// GA0022: a type of the compilation's own takes a name the generator writes in
    /// <c>GuestAgent.Generated</c> (the aggregate or the assembly's registry); the generator then
    /// writes no class of that name, so this is the one error instead of CS0101 in generated code.
    /// </summary>
    public static readonly DiagnosticDescriptor ReservedGeneratedName = Create(
        DiagnosticIds.ReservedGeneratedName, "Type or namespace takes a name the generator writes",
        "{0} '{1}' takes the name of the generated {2} in namespace '{3}', which the generator owns, so it is not generated: rename the {4} or move it to another namespace");

    /// <summary>
    /// GA0023: a command reached through a member marked <c>[RequiresUnreferencedCode]</c>,
    /// <c>[RequiresDynamicCode]</c> or <c>[RequiresAssemblyFiles]</c>. A warning: the command works
    /// where the application is not trimmed, AOT-compiled or single-file, and the analyzers' own
    /// warning in the generated registry would otherwise be the only sign, far from the cause.
    /// </summary>
    public static readonly DiagnosticDescriptor TrimRequirement = Create(
        DiagnosticIds.TrimRequirement, "Command requires code trimming or AOT compilation may remove",
        "Command method '{0}' {1} [{2}], and the generated registry calls {3}: {4} warns {5} in the generated code, and the command may fail in such an application; make the command safe for that build, or serve it only from applications not built that way",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0024: a <c>[JsonExtensionData]</c> property without a setter the JSON context can call, a
    /// field it leaves out or cannot set, a member marked <c>[JsonIgnore]</c> (or ignored when reading), or an auto-property whose
    /// backing field alone is marked (<c>[field: JsonExtensionData]</c>), inside a parameter's type: the context never fills it, so the members of a request no
    /// property names are dropped without an error. A warning: every request still binds.
    /// </summary>
    public static readonly DiagnosticDescriptor ExtensionDataNeverFilled = Create(
        DiagnosticIds.ExtensionDataNeverFilled, "Extension data the JSON context never fills",
        "Parameter '{0}' of command method '{1}' has type '{2}', whose [JsonExtensionData] {3}",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0025: a <c>[ServiceKey]</c> parameter on the constructor the registry calls for an instance
    /// command's class. A command class is never created as a keyed service, so, as with
    /// ActivatorUtilities, no key reaches it: it gets the service its type names (the keyed one under a
    /// <c>[FromKeyedServices(key)]</c> on the same parameter). A warning: the
    /// class is constructed as ActivatorUtilities would construct it.
    /// </summary>
    public static readonly DiagnosticDescriptor ServiceKeyNeverPassed = Create(
        DiagnosticIds.ServiceKeyNeverPassed, "[ServiceKey] on a command class's constructor gets no key",
        "The parameter '{0}' of the constructor {1} of class '{2}' is [ServiceKey], but the registry never creates a command class as a keyed service, so no key reaches it: as ActivatorUtilities does, the registry passes it {3} from the provider; remove [ServiceKey], and take the value another way (a constant, or a service of your own)",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0026: a property with a setter but no getter the JSON context calls, whose type
    /// System.Text.Json reads as a collection (an array, list, set, dictionary, <c>Memory&lt;T&gt;</c>,
    /// <c>IEnumerable&lt;T&gt;</c>...), inside a parameter's type and without <c>[JsonInclude]</c>:
    /// System.Text.Json never sets such a property (<see cref="Parsing.SetOnlyCollections"/>), so each
    /// request leaves it unset without an error. A warning: every request still binds. Reported at the
    /// property, once.
    /// </summary>
    public static readonly DiagnosticDescriptor SetOnlyCollectionNeverSet = Create(
        DiagnosticIds.SetOnlyCollectionNeverSet, "Collection property with a setter and no getter is never set",
        "'{0}.{1}' has a setter and no getter the JSON context calls, and System.Text.Json never sets a collection ('{2}') through a setter alone, so no request ever sets it and the request schema leaves it out; give it a public get accessor (marked [JsonInclude] instead, it is set, but the context throws whenever it writes a '{0}')",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0027: a use of <c>AgentCommands</c> that is a referenced command assembly's internal aggregate,
    /// lent through <c>InternalsVisibleTo</c> (<see cref="Parsing.InheritedAggregate"/>), where that
    /// aggregate leaves out commands this compilation would serve: its own, or those of a command
    /// assembly the lender does not reference. A warning at each use: the code compiles, and
    /// dispatching one of those names answers "404" at run time.
    /// </summary>
    public static readonly DiagnosticDescriptor InheritedAggregateLeavesOut = Create(
        DiagnosticIds.InheritedAggregateLeavesOut, "AgentCommands lent by another assembly leaves out commands",
        "'AgentCommands' here is the internal aggregate of '{0}', which '{1}' sees through InternalsVisibleTo (so none is generated for '{1}'), and it leaves out the commands of {2}: they answer \"404\"; dispatch them through {3}, or remove the InternalsVisibleTo",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0028: a <c>[JsonDerivedType]</c> naming a type a converter reads (its own <c>[JsonConverter]</c>, or a
    /// <c>JsonConverter&lt;T&gt;</c> among the options' <c>Converters</c>): that converter takes no type discriminator, so
    /// the context throws <c>NotSupportedException</c> for every value of the derived type read or written through the
    /// polymorphic type (probed on .NET 10), while its other derived types work. A warning at the attribute.
    /// </summary>
    public static readonly DiagnosticDescriptor ConvertedDerivedType = Create(
        DiagnosticIds.ConvertedDerivedType, "Derived type read by a converter fails through its polymorphic type",
        "'{0}' names '{1}' in a [JsonDerivedType], but {2} reads '{1}' and takes no type discriminator, so the context throws NotSupportedException for every '{1}' read or written as a '{0}'; remove the converter, or the [JsonDerivedType]",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0029: a public field the JSON context's contract leaves out, which goes by the JSON name of another
    /// member of a type a command's result writes: System.Text.Json's generator counts it all the same as it lays
    /// out the type's fast-path serializer, which then only throws (see <c>FastPathWrites</c>; probed on .NET 10).
    /// A warning at the field (at the return type when the field is in another assembly): it rests on how
    /// System.Text.Json's generator lays out a fast path, which a later version may change.
    /// </summary>
    public static readonly DiagnosticDescriptor FastPathFieldClash = Create(
        DiagnosticIds.FastPathFieldClash, "Public field left out of the JSON contract breaks the context's fast-path writer",
        "'{0}.{1}' is a public field the JSON context leaves out, but System.Text.Json's generator counts it as it lays out the fast path that writes '{0}', where it goes by '{2}' as '{0}.{3}' does, so the context throws InvalidOperationException whenever it writes a '{0}' (a command's result holds one); mark the field [JsonIgnore], make it internal or private, or give it another [JsonPropertyName]",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0030: a command method taking the request's <c>CancellationToken</c> or <c>CommandContext</c> in
    /// more than one parameter. A warning at each after the first: the registry passes them all the same
    /// value, so the command works, but a second token reads as if it could be another (a linked or
    /// a timeout token) that the author must make with <c>CancellationTokenSource</c> instead.
    /// </summary>
    public static readonly DiagnosticDescriptor RepeatedRequestParameter = Create(
        DiagnosticIds.RepeatedRequestParameter, "Command method takes the request's CancellationToken or CommandContext twice",
        "Parameter '{0}' of command method '{1}' takes the request's {2}, which parameter '{3}' already takes: the registry passes both the same value; remove '{0}' and use '{3}'",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0031: a <c>[Command]</c> method another source generator writes. Generators do not see each
    /// other's output, so the command generator never registers it: the build succeeds and the command
    /// answers "404". A warning at the attribute: which files a generator wrote is told from their paths
    /// (<see cref="GeneratorOutputTrees"/>), which no API confirms.
    /// </summary>
    public static readonly DiagnosticDescriptor CommandInOtherGeneratorOutput = Create(
        DiagnosticIds.CommandInOtherGeneratorOutput, "Command method declared in another source generator's output is not registered",
        "Command '{0}' ('{1}') is declared in the output of source generator '{2}', which the command generator cannot see, so it is not registered and answers \"404\"; declare the method in a file of the project, or have '{2}' call a method declared there",
        severity: DiagnosticSeverity.Warning);

    /// <summary>
    /// GA0032: a parameter of an enum type without members (not <c>[Flags]</c>). The registry binds an enum by
    /// member name only, so no value binds it (System.Text.Json would take any number) and every request giving
    /// the property is refused. A warning at the parameter's type: the command is generated, and runs when the
    /// property may be left out.
    /// </summary>
    public static readonly DiagnosticDescriptor EnumWithoutMembers = Create(
        DiagnosticIds.EnumWithoutMembers, "Parameter of an enum type without members never binds",
        "Parameter '{0}' of command method '{1}' has type '{2}', an enum without members, and the registry binds an enum by member name only, so no value binds it and every request that gives '{0}' is refused{3}; give '{2}' its members, or take '{0}' as another type",
        severity: DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, bool isCompilationEnd = false, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(
            id,
            title,
            message,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: HelpBase + id + ".md",
            customTags: isCompilationEnd ? [WellKnownDiagnosticTags.CompilationEnd] : []);
}
