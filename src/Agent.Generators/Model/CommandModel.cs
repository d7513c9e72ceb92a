namespace GuestAgent.Generators.Model;

/// <summary>
/// Everything the emitter needs to know about one <c>[Command]</c> method.
/// </summary>
/// <remarks>
/// Invariant: this type and everything it holds is immutable and value-equal (records, strings,
/// enums, bools and <see cref="EquatableArray{T}"/>). It must never hold an <c>ISymbol</c>,
/// <c>SyntaxNode</c>, <c>SemanticModel</c>, <c>Compilation</c> or <c>Location</c>: that would root
/// old compilations and break incremental caching.
/// </remarks>
/// <param name="Name">The command name on the wire.</param>
/// <param name="IsValid">
/// Whether the command can be generated; invalid ones only carry their name (the analyzer reports
/// why) so that no dispatch code refers to them.
/// </param>
/// <param name="Summary">The XML documentation summary as plain text.</param>
/// <param name="ContainingType">The <c>global::</c>-qualified containing type.</param>
/// <param name="MethodName">The method name as a C# identifier.</param>
/// <param name="MethodDisplay">The method with its parameter types, for descriptors.</param>
/// <param name="IsStatic">Whether the method is static.</param>
/// <param name="Constructor">How to construct the containing type (instance commands).</param>
/// <param name="Mode">How the value binds to the parameters.</param>
/// <param name="Parameters">All method parameters, in order.</param>
/// <param name="ReturnType">The declared return type, <c>global::</c>-qualified with nullable annotations.</param>
/// <param name="Async">The asynchronous wrapper of the return type.</param>
/// <param name="Result">The kind of result.</param>
/// <param name="ResultType">The result type, when <see cref="Result"/> is <see cref="ResultKind.Value"/>.</param>
/// <param name="RequestSchema">The JSON Schema of the request value.</param>
/// <param name="ResultSchema">The JSON Schema of the result message.</param>
/// <param name="ExperimentalIds">The <c>[Experimental]</c> (and <c>[Obsolete]</c> <c>DiagnosticId</c>) ids of what the command's file names, to suppress there.</param>
/// <param name="ResultUnwrapped">
/// Whether a synchronous method returns a nullable struct (<c>int?</c>, <c>Pt?</c>) it promises
/// (<c>[return: NotNull]</c>) is never null: <see cref="ResultType"/> is then the underlying type,
/// taken from the call with <c>.Value</c>.
/// </param>
internal sealed record CommandModel(
    string Name,
    bool IsValid,
    string Summary,
    string ContainingType,
    string MethodName,
    string MethodDisplay,
    bool IsStatic,
    ConstructorModel? Constructor,
    BindingMode Mode,
    EquatableArray<ParameterModel> Parameters,
    string ReturnType,
    AsyncKind Async,
    ResultKind Result,
    TypeModel? ResultType,
    string RequestSchema,
    string ResultSchema,
    EquatableArray<string> ExperimentalIds,
    bool ResultUnwrapped = false);

/// <summary>The constructor the registry calls to create an instance command class.</summary>
/// <param name="TypeName">The <c>global::</c>-qualified class.</param>
/// <param name="Arguments">The constructor parameters, resolved from the service provider.</param>
/// <param name="ExperimentalIds">The <c>[Experimental]</c> (and <c>[Obsolete]</c> <c>DiagnosticId</c>) ids of the class, its constructor and their types.</param>
internal sealed record ConstructorModel(string TypeName, EquatableArray<ServiceArgument> Arguments, EquatableArray<string> ExperimentalIds);

/// <summary>One constructor argument, resolved from the registry's <c>IServiceProvider</c>.</summary>
/// <param name="TypeName">The <c>global::</c>-qualified service type, without nullable annotation.</param>
/// <param name="IsServiceProvider">Whether the parameter is the <c>IServiceProvider</c> itself.</param>
/// <param name="Fallback">C# text used when the service is missing (a default value or <c>null</c>), or <c>null</c> when it is required.</param>
/// <param name="Logger">
/// For an <c>ILogger&lt;T&gt;</c> parameter, how to make the logger from an <c>ILoggerFactory</c>
/// when the provider has no <c>ILogger&lt;T&gt;</c>; <c>null</c> for any other parameter.
/// </param>
/// <param name="PatternTypeName">
/// The type the argument is tested for (<c>is T a0</c>) when it differs from <paramref name="TypeName"/>:
/// with the nullable annotations inside it (<c>Func&lt;string?, int&gt;</c>), which <c>typeof</c> and the
/// service's name leave out but the constructor's parameter needs (CS8620 otherwise); else <c>null</c>.
/// </param>
/// <param name="Key">
/// For a <c>[FromKeyedServices(key)]</c> parameter with a key that is not <c>null</c>, the key:
/// the argument is asked of the provider as an <c>IKeyedServiceProvider</c>; else <c>null</c>.
/// </param>
internal sealed record ServiceArgument(string TypeName, bool IsServiceProvider, string? Fallback, LoggerFallback? Logger = null, string? PatternTypeName = null, ServiceKey? Key = null);

/// <summary>The key of a <c>[FromKeyedServices(key)]</c> parameter, as text only, so the model stays value-equatable.</summary>
/// <param name="Expression">The key as a C# expression the registry's file can compile (<c>"fast"</c>, <c>(byte)1</c>, <c>global::Contoso.Tier.Gold</c>, <c>typeof(global::Contoso.Tier)</c>).</param>
/// <param name="Text">The key as messages show it: <paramref name="Expression"/> with its type names without <c>global::</c> (a string key unchanged).</param>
internal sealed record ServiceKey(string Expression, string Text);

/// <summary>
/// A <c>CategoryLogger&lt;T&gt;</c> over the provider's <c>ILoggerFactory</c>, made for an
/// <c>ILogger&lt;T&gt;</c> parameter the provider does not supply itself.
/// </summary>
/// <param name="CategoryType">The <c>global::</c>-qualified <c>T</c>.</param>
/// <param name="Category">The category <c>Logger&lt;T&gt;</c> would use: <c>T</c>'s full name without generic arguments, nested types joined by dots.</param>
internal sealed record LoggerFallback(string CategoryType, string Category);
