using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Judges whether the registry can construct an instance command's class: which constructor it
/// calls (<see cref="ConstructorChoice"/>), and how each argument is asked of the
/// <c>IServiceProvider</c>.
/// </summary>
internal static class ConstructorInspector
{
    /// <summary>
    /// The constructor the registry calls for <paramref name="method"/>'s class, with where each
    /// argument comes from; <c>null</c>, with a GA0010 problem, when the class cannot be constructed.
    /// </summary>
    public static ConstructorModel? Inspect(IMethodSymbol method, string display, Location location, KnownTypes known, InspectionProblems problems)
    {
        var type = method.ContainingType;
        string? reason = null;
        IMethodSymbol? constructor = null;
        // Read once, by KeyRefusal: every check before it refuses, so reason is null only when it ran.
        List<(ServiceKey? Key, string? Refusal, Location? Location, ITypeSymbol? KeyType)>? keys = null;
        if (type.TypeKind != TypeKind.Class)
        {
            reason = "instance commands must be declared in a class";
        }
        else if (type.IsAbstract)
        {
            reason = "it is abstract";
        }
        else
        {
            (constructor, var unchosen) = ConstructorChoice.Choose(type);
            if (constructor is null)
            {
                reason = unchosen;
            }
            else if (CallableMethods.HasObsoleteError(constructor))
            {
                // The class's own obsolete error is GA0003 at the command; the constructor's would be CS0619 in the registry's file.
                reason = $"its constructor {ConstructorChoice.Display(constructor)} is [Obsolete] with error: true, so no code may call it; make the attribute a warning, or mark another constructor [ActivatorUtilitiesConstructor]";
            }
            else if (constructor.Parameters.FirstOrDefault(p => CallableMethods.ObsoleteErrorType([p.Type]) is not null) is { } obsolete)
            {
                // Allowed in the class's own [Obsolete] context; CS0619 in the registry's file.
                reason = $"the parameter '{obsolete.Name}' of its constructor {ConstructorChoice.Display(constructor)} names '{CallableMethods.ObsoleteErrorType([obsolete.Type])!.ToDisplayString(Names.InMessage)}', which is [Obsolete] with error: true, so the registry cannot name it; make that attribute a warning, or take another type";
            }
            else if (constructor.Parameters.FirstOrDefault(p => Unsuppliable(p) is not null) is { } unsuppliable)
            {
                // Named, as GA0005 and GA0007 name a method's: a constructor of many services would leave the author searching.
                reason = $"the parameter '{unsuppliable.Name}' of its constructor {ConstructorChoice.Display(constructor)} {Unsuppliable(unsuppliable)}";
            }
            else if (constructor.Parameters.FirstOrDefault(p => PerRequest(p.Type, known) is not null) is { } perRequest)
            {
                // An author used to a method's CancellationToken takes it here too: it compiles, and then no request is served.
                reason = $"the parameter '{perRequest.Name}' of its constructor {ConstructorChoice.Display(constructor)} is a per-request value ('{perRequest.Type.ToDisplayString(Names.InMessage)}'), which the host gives the command method with each request, never a service; {PerRequest(perRequest.Type, known)}";
            }
            else if (constructor.Parameters.Select(p => ExternAliases.Hidden(p.Type, known.Compilation)).FirstOrDefault(h => h is not null) is { } hidden)
            {
                reason = $"its constructor {ConstructorChoice.Display(constructor)} takes a type the registry cannot name: {ExternAliases.Reason(hidden)}";
            }
            else if (constructor.Parameters.Any(p => Unresolved(p.Type)))
            {
                // The compiler already reports the unresolved type; generated code naming it would only repeat the error.
                reason = "its constructor has a parameter whose type could not be resolved";
            }
            else if (KeyRefusal(constructor, known, out keys) is { } keyRefusal)
            {
                // At the attribute: the key is what to change.
                (reason, location) = keyRefusal;
            }
            else if (RequiredMembers.FirstUnset(type, constructor) is { } required)
            {
                reason = $"it has the required member '{required}', which the registry cannot set; take it as a constructor parameter, or mark the constructor [SetsRequiredMembers]";
            }
        }

        if (reason is not null)
        {
            problems.Add((location, type, display, reason), static s => Diagnostic.Create(Descriptors.NotConstructible, s.location, s.type.ToDisplayString(Names.InMessage), s.display, s.reason));
            return null;
        }

        var arguments = constructor!.Parameters.Select((p, i) => keys![i].Key is { } key
            ? Keyed(p, key, known)
            : new ServiceArgument(
                ServiceTypeName(p.Type, known),
                known.Is(p.Type, known.ServiceProvider),
                // DefaultValues writes int? x = null as null, which stays null here ("default" would take
                // the type of the service, int, so 0). Written for the type the parameter takes
                // ([DisallowNull] string? s = null as default!, not a null the call would warn of).
                p.HasExplicitDefaultValue ? DefaultValues.Render(p, BoundTypes.Of(p))
                    // Only a reference that takes null falls back to null ([DisallowNull] string? s is a
                    // required service); int? without a default is a required service, like any other
                    // parameter without a default (as in ActivatorUtilities).
                    : BoundTypes.Of(p).NullableAnnotation == NullableAnnotation.Annotated && !p.Type.IsValueType ? "null"
                    : null,
                LoggerFallbackFor(p.Type, known),
                AnnotatedServiceTypeName(p.Type, known)));
        // Once the class is known constructible: a warning, which never keeps the command from being generated.
        problems.ReportEach((method, Constructor: constructor!, keys, location), static s => ServiceKeyParameters.Diagnose(s.method, s.Constructor, s.keys!.Select(k => k.Key).ToList(), s.location));
        return new ConstructorModel(
            known.Memo.Display(type, SymbolDisplayFormat.FullyQualifiedFormat),
            arguments.ToEquatableArray(),
            ExperimentalIds.OfConstructor(constructor, keys!.Select(k => k.KeyType).OfType<ITypeSymbol>()).ToEquatableArray());
    }

    /// <summary>
    /// A <c>[FromKeyedServices(key)]</c> argument as ActivatorUtilities (Microsoft.Extensions.DependencyInjection
    /// 10) passes it: the keyed service, else the parameter's default when it has one; without a
    /// default it is required even when nullable (<c>ICache? c</c>), unlike an unkeyed parameter
    /// here. Never the provider itself nor a logger made from the factory: both are unkeyed.
    /// Asked for the parameter's own type, <c>int?</c> (not <c>int</c>, as an unkeyed parameter is):
    /// ActivatorUtilities does, and a provider matches the type exactly, so an <c>int</c> registration
    /// is not an <c>int?</c> one. The pattern tests for <c>int</c>, which a boxed <c>int?</c> is.
    /// </summary>
    private static ServiceArgument Keyed(IParameterSymbol parameter, ServiceKey key, KnownTypes known)
    {
        var nullableValue = parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        var pattern = AnnotatedServiceTypeName(parameter.Type, known);
        return new(
            nullableValue ? ServiceTypeName(parameter.Type, known) + "?" : ServiceTypeName(parameter.Type, known),
            IsServiceProvider: false,
            parameter.HasExplicitDefaultValue ? DefaultValues.Render(parameter, BoundTypes.Of(parameter)) : null,
            Logger: null,
            nullableValue ? pattern ?? ServiceTypeName(parameter.Type, known) : pattern,
            key);
    }

    /// <summary>
    /// Why a parameter's <c>[FromKeyedServices(key)]</c> cannot be honoured, with the attribute's
    /// location: a key with no faithful C# form, or a compilation without <c>IKeyedServiceProvider</c>
    /// (an attribute of that name declared by hand), which the registry's file asks for the service.
    /// <paramref name="keys"/>: each parameter's key as <see cref="ServiceKeys.Read"/> has it.
    /// </summary>
    private static (string Reason, Location Location)? KeyRefusal(IMethodSymbol constructor, KnownTypes known, out List<(ServiceKey? Key, string? Refusal, Location? Location, ITypeSymbol? KeyType)> keys)
    {
        keys = constructor.Parameters.Select(p => ServiceKeys.Read(p, known)).ToList();
        foreach (var (parameter, (key, refusal, at, _)) in constructor.Parameters.Zip(keys, (p, k) => (p, k)))
        {
            var where = $"the parameter '{parameter.Name}' of its constructor {ConstructorChoice.Display(constructor)}";
            if (refusal is not null)
            {
                return ($"{where} is [FromKeyedServices] with a key the registry cannot pass on: {refusal}", at!);
            }

            if (key is not null && KeyedProviderProblem(known.Compilation) is { } problem)
            {
                return ($"{where} is [FromKeyedServices], which the registry honours by asking the provider as an IKeyedServiceProvider, and {problem}", at!);
            }
        }

        return null;
    }

    /// <summary>
    /// Why <c>global::…IKeyedServiceProvider</c> in the registry's file would not name the one
    /// Microsoft.Extensions.DependencyInjection's providers implement, or <c>null</c> when it would.
    /// Not <c>GetTypeByMetadataName</c>, which answers <c>null</c> when a second reference declares
    /// the name, even one the file cannot see (internal, or under an extern alias).
    /// </summary>
    private static string? KeyedProviderProblem(Compilation compilation)
    {
        var declared = compilation.GetTypesByMetadataName(KeyedServiceProvider);
        if (declared.Any(t => SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly)))
        {
            // C# takes the compilation's own over a referenced one (warning CS0436), so the registry
            // would ask for an interface no Microsoft.Extensions.DependencyInjection provider has: every
            // keyed class would fail, and the check at start (the SDK's, of the real interface) disagree.
            return $"this compilation declares {KeyedServiceProvider} itself, which the registry's file would name in place of the one providers implement (a polyfill, say: C# prefers its own, CS0436); remove the declaration and reference Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later";
        }

        var visible = declared
            .Where(t => compilation.IsSymbolAccessibleWithin(t, compilation.Assembly) && ExternAliases.Hidden(t, compilation) is null)
            .Select(t => t.ContainingAssembly.Name)
            .ToList();
        return visible.Count switch
        {
            1 => null,
            0 => $"this compilation has no {KeyedServiceProvider}; reference Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later",
            _ => $"this compilation has more than one {KeyedServiceProvider} under the global alias (in '{string.Join("', '", visible)}'), which the registry's file cannot tell apart; reference the other assembly under an extern alias",
        };
    }

    private const string KeyedServiceProvider = "Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider";

    /// <summary>
    /// The service type as the generated code asks for it, <c>GetService(typeof(T)) is T t</c>: a
    /// type both <c>typeof</c> and a type pattern accept. So <c>int?</c> is asked for as <c>int</c>
    /// (a pattern cannot test for <c>int?</c>), a tuple as <c>ValueTuple&lt;…&gt;</c> (<c>is (A, B)</c>
    /// would be a positional pattern), and <c>dynamic</c> as <c>object</c>, which it compiles to.
    /// </summary>
    private static string ServiceTypeName(ITypeSymbol type, KnownTypes known)
    {
        var service = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (service.TypeKind == TypeKind.Dynamic)
        {
            return "object";
        }

        return known.Memo.Display(service, ServiceTypeFormat);
    }

    /// <summary>
    /// The service type with the nullable annotations inside it (<c>Func&lt;string?, int&gt;</c>), when
    /// it has any: the argument must be tested for that type, as the <c>Func&lt;string, int&gt;</c> of
    /// <see cref="ServiceTypeName"/> would not convert to the parameter without a warning (CS8620).
    /// <c>null</c> when it reads the same (most types).
    /// </summary>
    private static string? AnnotatedServiceTypeName(ITypeSymbol type, KnownTypes known)
    {
        var service = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (service.TypeKind == TypeKind.Dynamic)
        {
            return null;
        }

        var annotated = known.Memo.Display(service, AnnotatedServiceTypeFormat);
        return annotated == ServiceTypeName(type, known) ? null : annotated;
    }

    /// <summary>
    /// Whether the type, or one inside it (an array's element, a type argument such as
    /// <c>ILogger&lt;Missing&gt;</c>'s), could not be resolved.
    /// </summary>
    private static bool Unresolved(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => Unresolved(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(Unresolved),
        _ => false,
    };

    /// <summary>
    /// For an <c>ILogger&lt;T&gt;</c> parameter, the <c>CategoryLogger&lt;T&gt;</c> the registry makes
    /// from an <c>ILoggerFactory</c> when <c>ILogger&lt;T&gt;</c> itself is not registered: what
    /// Microsoft.Extensions.DependencyInjection's open-generic <c>Logger&lt;T&gt;</c> registration
    /// would give, without the reflection a <c>ServiceMap</c> cannot use.
    /// </summary>
    private static LoggerFallback? LoggerFallbackFor(ITypeSymbol type, KnownTypes known)
    {
        if (known.CategoryLogger is null
            || !known.Is(type, known.LoggerOfT)
            || type is not INamedTypeSymbol { TypeArguments: [var category] }
            || LoggerCategory.Of(category) is not { } name)
        {
            return null;
        }

        return new LoggerFallback(known.Memo.Display(category.WithNullableAnnotation(NullableAnnotation.NotAnnotated), ServiceTypeFormat), name);
    }

    private static readonly SymbolDisplayFormat ServiceTypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    private static readonly SymbolDisplayFormat AnnotatedServiceTypeFormat = ServiceTypeFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// What to take instead when <paramref name="type"/> is a per-request value (<c>CancellationToken</c>,
    /// <c>CommandContext</c>, nullable or not, or the peer's <c>ExchangeSession</c>), or <c>null</c>. Refused with a default or a key too: the
    /// one instance serves every request, so a token or context from the provider (or a default one)
    /// belongs to no request, and without one the check at start reports a missing service and every
    /// request answers "500".
    /// </summary>
    private static string? PerRequest(ITypeSymbol type, KnownTypes known)
    {
        var inner = TypeClassifier.UnwrapNullable(type);
        return known.Is(inner, known.CancellationToken) ? "take a CancellationToken parameter in the command method instead"
            : known.Is(inner, known.CommandContext) ? "take a CommandContext parameter in the command method instead"
            : ServiceTypes.IsSession(inner) ? "take a CommandContext parameter in the command method instead and use its Session"
            : null;
    }

    /// <summary>Why no <c>IServiceProvider</c> can supply <paramref name="parameter"/>, or <c>null</c> when one can.</summary>
    private static string? Unsuppliable(IParameterSymbol parameter) =>
        parameter.RefKind != RefKind.None
            ? $"is passed by reference ('{parameter.RefKind switch { RefKind.Ref => "ref", RefKind.Out => "out", RefKind.In => "in", _ => "ref readonly" }}'), which an IServiceProvider cannot supply; take the service by value"
        : parameter.Type.IsRefLikeType
            ? $"is a ref struct ('{parameter.Type.ToDisplayString(Names.InMessage)}'), which an IServiceProvider cannot supply; take a class or an ordinary struct"
        : parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
            ? $"is a pointer ('{parameter.Type.ToDisplayString(Names.InMessage)}'), which an IServiceProvider cannot supply"
        : null;
}
