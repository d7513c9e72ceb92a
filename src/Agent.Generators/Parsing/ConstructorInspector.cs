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
                reason = $"the parameter '{obsolete.Name}' of its constructor {ConstructorChoice.Display(constructor)} names '{CallableMethods.ObsoleteErrorType([obsolete.Type])!.ToDisplayString(Names.Short)}', which is [Obsolete] with error: true, so the registry cannot name it; make that attribute a warning, or take another type";
            }
            else if (constructor.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer))
            {
                reason = "its constructor has a parameter that cannot come from an IServiceProvider";
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
            else if (constructor.Parameters.FirstOrDefault(IsKeyed) is { } keyed)
            {
                // ActivatorUtilities passes the keyed service; GetService(typeof(T)) would silently pass the unkeyed one.
                reason = $"the parameter '{keyed.Name}' of its constructor {ConstructorChoice.Display(constructor)} is [FromKeyedServices], which the registry does not honour: it asks the IServiceProvider for each argument by type alone, so it would pass the unkeyed service; take the IServiceProvider and get the keyed service from it (GetRequiredKeyedService)";
            }
            else if (RequiredMembers.FirstUnset(type, constructor) is { } required)
            {
                reason = $"it has the required member '{required}', which the registry cannot set; take it as a constructor parameter, or mark the constructor [SetsRequiredMembers]";
            }
        }

        if (reason is not null)
        {
            problems.Add((location, type, display, reason), static s => Diagnostic.Create(Descriptors.NotConstructible, s.location, s.type.ToDisplayString(Names.Short), s.display, s.reason));
            return null;
        }

        var arguments = constructor!.Parameters.Select(p => new ServiceArgument(
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
        return new ConstructorModel(
            known.Memo.Display(type, SymbolDisplayFormat.FullyQualifiedFormat),
            arguments.ToEquatableArray(),
            ExperimentalIds.OfConstructor(constructor).ToEquatableArray());
    }

    private static bool IsKeyed(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute"));

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
}
