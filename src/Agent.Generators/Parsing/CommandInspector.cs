using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Turns one <c>[Command]</c> method into its model and the problems that keep it from being
/// generated. The generator keeps the model (dropping the problems); the analyzer reports the
/// problems, so the rules live in one place.
/// </summary>
internal static class CommandInspector
{
    public static CommandModel Inspect(IMethodSymbol method, AttributeData attribute, KnownTypes known, List<Diagnostic> problems)
    {
        var name = CommandName(attribute) ?? string.Empty;
        var display = Names.MethodDisplay(method, known.Memo);
        var methodLocation = method.Locations.FirstOrDefault() ?? Location.None;

        if (!Names.IsValidCommandName(name))
        {
            problems.Add(Diagnostic.Create(Descriptors.InvalidName, NameLocation(attribute) ?? methodLocation, name));
        }

        if (known.Compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp11 } old)
        {
            problems.Add(Diagnostic.Create(Descriptors.LanguageVersion, NameLocation(attribute) ?? methodLocation, old.LanguageVersion.ToDisplayString()));
        }

        // An operator or accessor with [Command] is not a method the registry can call by name:
        // say so once, rather than judge its parameters as if it were.
        var special = CallableMethods.SpecialKind(method);
        if (special is not null)
        {
            problems.Add(Diagnostic.Create(Descriptors.NotCallable, methodLocation, display, $"it is {special}; only an ordinary method can be a command"));
        }

        CheckShape(method, known, display, methodLocation, problems);
        var parameters = special is null ? InspectParameters(method, known, display, problems) : [];
        var (asyncKind, resultKind, resultType) = special is null ? InspectReturn(method, known, display, problems) : (AsyncKind.None, ResultKind.Void, null);
        var constructor = method.IsStatic || special is not null || CallableMethods.InExtensionBlock(method) ? null : InspectConstructor(method, display, methodLocation, known, problems);

        var bound = parameters.Where(p => p.Source == ParameterSource.Value).ToList();
        var mode = bound.Count switch
        {
            0 => BindingMode.None,
            1 when bound[0].Type is { Kind: ValueKind.Primitive, Primitive: PrimitiveKind.String } => BindingMode.RawString,
            1 when bound[0].Type is { Kind: ValueKind.JsonElement, IsNullableValueType: false } => BindingMode.RawElement,
            _ => BindingMode.Object,
        };

        return new CommandModel(
            name,
            problems.Count == 0,
            known.Describe ? DocumentationSummary.Read(method) : string.Empty,
            known.Memo.Display(method.ContainingType, SymbolDisplayFormat.FullyQualifiedFormat),
            Names.Identifier(method.Name),
            display,
            method.IsStatic,
            constructor,
            mode,
            parameters.ToEquatableArray(),
            known.Memo.Display(method.ReturnType, Names.FullyQualified),
            asyncKind,
            resultKind,
            resultType,
            RequestSchema(mode, bound),
            ResultSchema(resultKind, resultType),
            ExperimentalIds.OfCommand(method).ToEquatableArray());
    }

    public static string? CommandName(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    public static Location? NameLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : null;

    private static void CheckShape(IMethodSymbol method, KnownTypes known, string display, Location location, List<Diagnostic> problems)
    {
        if (!IsAccessible(method))
        {
            // "Must be public or internal" would puzzle the author of a public method in a file class.
            var onlyFileLocal = IsVisible(method.DeclaredAccessibility) && Containing(method).All(t => IsVisible(t.DeclaredAccessibility));
            problems.Add(onlyFileLocal && Containing(method).FirstOrDefault(t => t.IsFileLocal) is { } fileType
                ? Diagnostic.Create(Descriptors.NotCallable, location, display,
                    $"it is declared in the file-local type '{fileType.ToDisplayString(Names.Short)}', which the generated registry (another file) cannot name; remove the 'file' modifier")
                : Diagnostic.Create(Descriptors.NotAccessible, location, display));
        }

        if (method.IsStatic && (method.IsAbstract || method.IsVirtual) && method.ContainingType.TypeKind == TypeKind.Interface)
        {
            problems.Add(Diagnostic.Create(Descriptors.NotCallable, location, display,
                "a static abstract or static virtual interface member can only be called through a type parameter; declare the command as a static method of a class"));
        }
        else if (CallableMethods.InExtensionBlock(method))
        {
            problems.Add(Diagnostic.Create(Descriptors.NotCallable, location, display,
                "it is declared in an extension block; declare it as an ordinary static method of the enclosing class"));
        }
        else if (CallableMethods.IsObsoleteError(method))
        {
            // [Obsolete] warnings are suppressed in generated code; an obsolete *error* cannot be.
            problems.Add(Diagnostic.Create(Descriptors.NotCallable, location, display,
                "it (or its class) is [Obsolete] with error: true, so no code may call it; remove the command, or make the attribute a warning"));
        }

        if (method.IsGenericMethod || Containing(method).Any(t => t.IsGenericType))
        {
            problems.Add(Diagnostic.Create(Descriptors.Generic, location, display));
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Add(Diagnostic.Create(Descriptors.AsyncVoid, location, display));
        }
    }

    private static List<ParameterModel> InspectParameters(IMethodSymbol method, KnownTypes known, string display, List<Diagnostic> problems)
    {
        var result = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                problems.Add(Diagnostic.Create(Descriptors.ByRefParameter, ParameterLocation(parameter, typeOnly: false), parameter.Name, display));
                continue;
            }

            var source = known.Is(parameter.Type, known.CancellationToken) ? ParameterSource.CancellationToken
                : known.Is(parameter.Type, known.CommandContext) ? ParameterSource.Context
                : ParameterSource.Value;
            TypeModel? type = null;
            if (source == ParameterSource.Value)
            {
                switch (TypeClassifier.Classify(parameter.Type, known))
                {
                    case TypeSupport.Unsupported:
                        problems.Add(Diagnostic.Create(Descriptors.UnsupportedParameterType, ParameterLocation(parameter, typeOnly: true), parameter.Name, display, parameter.Type.ToDisplayString(Names.Short), UnsupportedTypes.Why(parameter.Type, known)));
                        continue;
                    case TypeSupport.NotInJsonContext:
                        problems.Add(NotInContext(parameter.Type, display, ParameterLocation(parameter, typeOnly: true), known));
                        continue;
                }

                type = TypeClassifier.Describe(parameter.Type, known);
            }

            result.Add(new ParameterModel(
                parameter.Name,
                Names.Identifier(parameter.Name),
                source,
                type,
                parameter.HasExplicitDefaultValue,
                parameter.HasExplicitDefaultValue ? DefaultValues.Render(parameter) : null,
                parameter.HasExplicitDefaultValue ? DefaultValues.Json(parameter) : null));
        }

        return result;
    }

    // Locations are looked up only for a problem: finding a parameter's syntax costs more than
    // reading the parameter, and valid commands (the common case) never need it.
    private static Location ParameterLocation(IParameterSymbol parameter, bool typeOnly)
    {
        var syntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax;
        var whole = syntax?.GetLocation() ?? parameter.Locations.FirstOrDefault() ?? Location.None;
        return typeOnly ? syntax?.Type?.GetLocation() ?? whole : whole;
    }

    private static Location ReturnTypeLocation(IMethodSymbol method) =>
        (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType.GetLocation()
            ?? method.Locations.FirstOrDefault() ?? Location.None;

    private static (AsyncKind, ResultKind, TypeModel?) InspectReturn(IMethodSymbol method, KnownTypes known, string display, List<Diagnostic> problems)
    {
        var type = method.ReturnType;
        var asyncKind = AsyncKind.None;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problems.Add(Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(method), display, type.ToDisplayString(Names.Short), "a ref return cannot be kept until the result is written"));
            return (AsyncKind.None, ResultKind.Void, null);
        }

        if (known.Is(type, known.Task) || known.Is(type, known.ValueTask))
        {
            return (known.Is(type, known.Task) ? AsyncKind.Task : AsyncKind.ValueTask, ResultKind.Void, null);
        }

        if ((known.Is(type, known.TaskOfT) || known.Is(type, known.ValueTaskOfT)) && type is INamedTypeSymbol wrapper)
        {
            asyncKind = known.Is(type, known.TaskOfT) ? AsyncKind.Task : AsyncKind.ValueTask;
            type = wrapper.TypeArguments[0];
        }

        if (type.SpecialType == SpecialType.System_Void)
        {
            return (asyncKind, ResultKind.Void, null);
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return (asyncKind, ResultKind.String, null);
        }

        if (known.Is(type, known.CommandResult))
        {
            return (asyncKind, ResultKind.CommandResult, null);
        }

        if (known.Is(TypeClassifier.UnwrapNullable(type), known.CommandResult))
        {
            // Not a JSON value to list on the context (GA0009 would send the user the wrong way).
            problems.Add(Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(method), display, method.ReturnType.ToDisplayString(Names.Short),
                "a CommandResult is the whole answer and cannot be missing; return CommandResult, with CommandResult.Ok() for an empty success"));
            return (asyncKind, ResultKind.Void, null);
        }

        switch (TypeClassifier.Classify(type, known))
        {
            case TypeSupport.Unsupported:
                problems.Add(Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(method), display, method.ReturnType.ToDisplayString(Names.Short), UnsupportedTypes.Why(type, known)));
                return (asyncKind, ResultKind.Void, null);
            case TypeSupport.NotInJsonContext:
                problems.Add(NotInContext(type, display, ReturnTypeLocation(method), known));
                return (asyncKind, ResultKind.Void, null);
            default:
                return (asyncKind, ResultKind.Value, TypeClassifier.Describe(type, known));
        }
    }

    private static ConstructorModel? InspectConstructor(IMethodSymbol method, string display, Location location, KnownTypes known, List<Diagnostic> problems)
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
            else if (constructor.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer))
            {
                reason = "its constructor has a parameter that cannot come from an IServiceProvider";
            }
            else if (constructor.Parameters.Any(p => p.Type.TypeKind == TypeKind.Error))
            {
                // The compiler already reports the unresolved type; generated code naming it would only repeat the error.
                reason = "its constructor has a parameter whose type could not be resolved";
            }
            else if (RequiredMembers.FirstUnset(type, constructor) is { } required)
            {
                reason = $"it has the required member '{required}', which the registry cannot set; take it as a constructor parameter, or mark the constructor [SetsRequiredMembers]";
            }
        }

        if (reason is not null)
        {
            problems.Add(Diagnostic.Create(Descriptors.NotConstructible, location, type.ToDisplayString(Names.Short), display, reason));
            return null;
        }

        var arguments = constructor!.Parameters.Select(p => new ServiceArgument(
            ServiceTypeName(p.Type, known),
            known.Is(p.Type, known.ServiceProvider),
            // int? x = null must stay null: "default" would take the type of the service (int), so 0.
            p.HasExplicitDefaultValue && p.ExplicitDefaultValue is null && p.Type.IsValueType && !ReferenceEquals(TypeClassifier.UnwrapNullable(p.Type), p.Type) ? "null"
                : p.HasExplicitDefaultValue ? DefaultValues.Render(p)
                // Only a nullable reference falls back to null; int? without a default is a
                // required service, like any other parameter without a default (as in ActivatorUtilities).
                : p.NullableAnnotation == NullableAnnotation.Annotated && !p.Type.IsValueType ? "null"
                : null));
        return new ConstructorModel(
            known.Memo.Display(type, SymbolDisplayFormat.FullyQualifiedFormat),
            arguments.ToEquatableArray(),
            ExperimentalIds.OfConstructor(constructor).ToEquatableArray());
    }

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

    private static readonly SymbolDisplayFormat ServiceTypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    private static Diagnostic NotInContext(ITypeSymbol type, string display, Location location, KnownTypes known)
    {
        var typeName = type.ToDisplayString(Names.Short);
        if (known.JsonContext is not { } context)
        {
            return Diagnostic.Create(Descriptors.NotInJsonContext, location, typeName, display,
                "the assembly has none; declare a JsonSerializerContext and name it with [assembly: CommandJsonContext(typeof(...))]");
        }

        if (!known.JsonContextIsValid)
        {
            return Diagnostic.Create(Descriptors.NotInJsonContext, location, typeName, display,
                $"[assembly: CommandJsonContext] names '{context.ToDisplayString(Names.Short)}', which is not a JsonSerializerContext (GA0012); name the context that lists your types");
        }

        // Spelled as a person would, qualified only when another type has the same name; the fix
        // inserts this spelling when it binds at the context, so message, title and edit agree.
        // A nullable struct asks for its underlying type, which covers both (see TypeClassifier).
        var listed = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var spelling = ReadableTypeName.Of(listed, known);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticProperties.JsonSerializableType, listed.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .Add(DiagnosticProperties.JsonSerializableSpelling, spelling)
            .Add(DiagnosticProperties.JsonContext, context.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        return Diagnostic.Create(Descriptors.NotInJsonContext, location, properties, typeName, display,
            $"add [JsonSerializable(typeof({spelling}))] to '{context.ToDisplayString(Names.Short)}'");
    }

    private static bool IsAccessible(IMethodSymbol method) =>
        IsVisible(method.DeclaredAccessibility) && Containing(method).All(t => IsVisible(t.DeclaredAccessibility) && !t.IsFileLocal);

    private static bool IsVisible(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static IEnumerable<INamedTypeSymbol> Containing(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    private static string RequestSchema(BindingMode mode, List<ParameterModel> bound)
    {
        switch (mode)
        {
            case BindingMode.None:
            case BindingMode.RawElement:
                return SchemaBuilder.Root("{}");
            case BindingMode.RawString:
                return SchemaBuilder.Root(bound[0].DefaultJson is { } fallback
                    ? JsonText.With(bound[0].Type!.Schema, JsonText.Member("default", fallback))
                    : bound[0].Type!.Schema);
            default:
                var properties = bound.Select(p => JsonText.Member(p.Name, p.DefaultJson is { } json
                    ? JsonText.With(p.Type!.Schema, JsonText.Member("default", json))
                    : p.Type!.Schema));
                var required = bound.Where(p => !p.IsOptional).Select(p => JsonText.String(p.Name)).ToList();
                var members = new List<KeyValuePair<string, string>>
                {
                    JsonText.Member("type", JsonText.String("object")),
                    JsonText.Member("properties", JsonText.Object(properties)),
                };
                if (required.Count > 0)
                {
                    members.Add(JsonText.Member("required", JsonText.Array(required)));
                }

                members.Add(JsonText.Member("additionalProperties", "false"));
                return SchemaBuilder.Root(JsonText.Object(members));
        }
    }

    private static string ResultSchema(ResultKind kind, TypeModel? type) => kind switch
    {
        ResultKind.Void => SchemaBuilder.Root("{\"type\":\"string\",\"const\":\"\"}"),
        ResultKind.Value => SchemaBuilder.Root(type!.Schema),
        _ => SchemaBuilder.Root("{\"type\":\"string\"}"),
    };
}
