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
/// generated. The generator keeps the model (and only whether there was a problem); the analyzer
/// reports the problems, so the rules live in one place. The class's constructor is judged by
/// <see cref="ConstructorInspector"/>, the JSON contracts composed by <see cref="SchemaBuilder"/>.
/// </summary>
internal static partial class CommandInspector
{
    public static CommandModel Inspect(IMethodSymbol method, AttributeData attribute, KnownTypes known, InspectionProblems problems)
    {
        var name = CommandName(attribute) ?? string.Empty;
        var display = Names.MethodDisplay(method, known.Memo);
        var methodLocation = method.Locations.FirstOrDefault() ?? Location.None;

        if (!Names.IsValidCommandName(name))
        {
            problems.Add((attribute, methodLocation, name), static s => Diagnostic.Create(Descriptors.InvalidName, NameLocation(s.attribute) ?? s.methodLocation, s.name));
        }

        if (known.Compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp11 } old)
        {
            problems.Add((attribute, methodLocation, old.LanguageVersion), static s => Diagnostic.Create(Descriptors.LanguageVersion, NameLocation(s.attribute) ?? s.methodLocation, s.LanguageVersion.ToDisplayString()));
        }

        // An operator or accessor with [Command] is not a method the registry can call by name:
        // say so once, rather than judge its parameters as if it were.
        var special = CallableMethods.SpecialKind(method);
        if (special is not null)
        {
            problems.Add((methodLocation, display, special), static s => Diagnostic.Create(Descriptors.NotCallable, s.methodLocation, s.display, $"it is {s.special}; only an ordinary method can be a command"));
        }

        CheckShape(method, display, methodLocation, special is not null, problems);
        var comment = known.Describe ? DocumentationComments.Read(method, known.Compilation) : string.Empty;
        var parameters = special is null ? InspectParameters(method, known, display, comment, problems) : [];
        var (asyncKind, resultKind, resultType) = special is null ? InspectReturn(method, known, display, problems) : (AsyncKind.None, ResultKind.Void, null);
        var constructor = method.IsStatic || special is not null || CallableMethods.InExtensionBlock(method) ? null : ConstructorInspector.Inspect(method, display, methodLocation, known, problems);

        if (special is null)
        {
            problems.ReportEach((method, display, methodLocation), static s => TrimRequirements.Diagnose(s.method, s.display, s.methodLocation));
        }

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
            !problems.Any,
            DocumentationSummary.Summary(comment),
            known.Memo.Display(method.ContainingType, SymbolDisplayFormat.FullyQualifiedFormat),
            Names.Identifier(method.Name),
            display,
            method.IsStatic,
            constructor,
            mode,
            parameters.ToEquatableArray(),
            known.Memo.Display(AwaitedReturnType(method, known), Names.FullyQualified),
            asyncKind,
            resultKind,
            resultType,
            RequestSchema(attribute, mode, bound, display, methodLocation, problems),
            SchemaBuilder.Result(resultKind, resultType),
            ExperimentalIds.OfCommand(method).ToEquatableArray(),
            resultKind == ResultKind.Value && asyncKind == AsyncKind.None && ReturnsNotNull(method) && method.ReturnType.IsValueType
                && !ReferenceEquals(TypeClassifier.UnwrapNullable(method.ReturnType), method.ReturnType));
    }

    /// <summary>
    /// The request schema: the one the author stated for a value taken whole, when it is usable
    /// (GA0015 otherwise), else the derived one. A stated schema on a command whose value is bound
    /// by name or ignored is GA0016 (unless the command is already invalid, when its mode is unsure);
    /// a usable one may still warrant warnings (GA0017, GA0018, GA0019: <see cref="StatedSchemaChecks"/>).
    /// </summary>
    private static string RequestSchema(AttributeData attribute, BindingMode mode, List<ParameterModel> bound, string display, Location methodLocation, InspectionProblems problems)
    {
        if (StatedSchema.Text(attribute) is not { } text)
        {
            return SchemaBuilder.Request(mode, bound);
        }

        if (mode is not (BindingMode.RawElement or BindingMode.RawString))
        {
            if (!problems.Any)
            {
                problems.Report((attribute, methodLocation, display, mode), static s => Diagnostic.Create(
                    Descriptors.RequestSchemaIgnored,
                    StatedSchema.Location(s.attribute, valueOnly: false) ?? s.methodLocation,
                    s.display,
                    s.mode == BindingMode.None
                        ? "it takes no value (the request's value is not read), so its request schema accepts anything"
                        : "its parameters are bound by name, so the generator derives the request schema from them"));
            }

            return SchemaBuilder.Request(mode, bound);
        }

        if (!StatedSchema.TryRead(text, out var members, out var error, out var errorOffset))
        {
            problems.Report((attribute, methodLocation, display, error, text, errorOffset), static s => Diagnostic.Create(
                Descriptors.InvalidRequestSchema, StatedSchema.Location(s.attribute, s.text, s.errorOffset) ?? s.methodLocation, s.display, s.error));
            return SchemaBuilder.Request(mode, bound);
        }

        var stringParameter = mode == BindingMode.RawString ? bound[0].Name : null;
        problems.ReportEach((attribute, text, display, stringParameter, methodLocation), static s =>
            StatedSchemaChecks.Diagnose(s.attribute, s.text, s.display, s.stringParameter, s.methodLocation));
        return SchemaBuilder.StatedRequest(members, bound[0]);
    }

    public static string? CommandName(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    public static Location? NameLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : null;

    private static void CheckShape(IMethodSymbol method, string display, Location location, bool special, InspectionProblems problems)
    {
        // A special method is refused as one already: no second GA0003 telling the author to make
        // it public, which a finalizer cannot be and which would not make an accessor callable.
        if (!special && !IsAccessible(method))
        {
            problems.Add((method, location, display), static s => NotAccessible(s.method, s.location, s.display));
        }

        // Nor where it is declared: an operator or accessor moved out of an extension block, an
        // interface or an [Obsolete] class is still no command, so a second GA0003 (at the same
        // place) would only send the author to fix what does not help.
        var placeRefused = special ? null : CallableMethods.WhereDeclared(method);
        if (placeRefused is not null)
        {
            problems.Add((location, display, placeRefused), static s => Diagnostic.Create(Descriptors.NotCallable, s.location, s.display, s.placeRefused));
        }

        // Nor its type's type parameters: an operator or accessor moved to a non-generic type is
        // still no command, and one made an ordinary method gets its GA0004 then, if it stays.
        if (!special && IsGeneric(method))
        {
            problems.Add((location, display), static s => Diagnostic.Create(Descriptors.Generic, s.location, s.display));
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            problems.Add((location, display), static s => Diagnostic.Create(Descriptors.AsyncVoid, s.location, s.display));
        }
    }

    /// <summary>GA0004: the method or a type containing it has type parameters.</summary>
    private static bool IsGeneric(IMethodSymbol method) =>
        method.IsGenericMethod || Containing(method).Any(t => t.IsGenericType);

    private static Diagnostic NotAccessible(IMethodSymbol method, Location location, string display)
    {
        // "Must be public or internal" would puzzle the author of a public method in a file class.
        var onlyFileLocal = IsVisible(method.DeclaredAccessibility) && Containing(method).All(t => IsVisible(t.DeclaredAccessibility));
        return onlyFileLocal && Containing(method).FirstOrDefault(t => t.IsFileLocal) is { } fileType
            ? Diagnostic.Create(Descriptors.NotCallable, location, display,
                $"it is declared in the file-local type '{fileType.ToDisplayString(Names.InMessage)}', which the generated registry (another file) cannot name; remove the 'file' modifier")
            : Diagnostic.Create(Descriptors.NotAccessible, location, display);
    }

    private static List<ParameterModel> InspectParameters(IMethodSymbol method, KnownTypes known, string display, string comment, InspectionProblems problems)
    {
        var result = new List<ParameterModel>();
        IParameterSymbol? firstToken = null;
        IParameterSymbol? firstContext = null;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                problems.Add((parameter, display), static s => Diagnostic.Create(Descriptors.ByRefParameter, ParameterLocation(s.parameter, typeOnly: false), s.parameter.Name, s.display));
                continue;
            }

            var source = known.Is(parameter.Type, known.CancellationToken) ? ParameterSource.CancellationToken
                : known.Is(parameter.Type, known.CommandContext) ? ParameterSource.Context
                : ParameterSource.Value;
            if (source != ParameterSource.Value)
            {
                var first = source == ParameterSource.CancellationToken ? firstToken : firstContext;
                if (first is not null)
                {
                    // GA0030, a warning: the command is still generated, and each gets the same value.
                    problems.Report((parameter, first, display, source), static s => RepeatedRequestParameter(s.parameter, s.first, s.display, s.source));
                }
                else if (source == ParameterSource.CancellationToken)
                {
                    firstToken = parameter;
                }
                else
                {
                    firstContext = parameter;
                }
            }

            TypeModel? type = null;
            var boundType = BoundTypes.Of(parameter);
            if (source == ParameterSource.Value && IsGeneric(method) && UnsupportedTypes.ContainsTypeParameter(parameter.Type))
            {
                // GA0004 already says why: a second error (GA0007) for the same cause is noise.
                continue;
            }

            if (source == ParameterSource.Value)
            {
                switch (TypeClassifier.Classify(boundType, known))
                {
                    case TypeSupport.Unsupported:
                        problems.Add((parameter, display, known), static s => Diagnostic.Create(Descriptors.UnsupportedParameterType, ParameterLocation(s.parameter, typeOnly: true), s.parameter.Name, s.display, s.parameter.Type.ToDisplayString(Names.InMessage), UnsupportedTypes.Why(s.parameter.Type, s.known)));
                        continue;
                    case TypeSupport.NotInJsonContext:
                        problems.Add((parameter, display, known), static s => NotInContext(s.parameter.Type, s.display, ParameterLocation(s.parameter, typeOnly: true), s.known, ServiceTypes.AdviceFor(s.parameter.Type, s.known)));
                        continue;
                }

                type = TypeClassifier.Describe(boundType, known);
                if (type is { Kind: ValueKind.Enum, EnumMembers.Count: 0, FlagsMask: null })
                {
                    // GA0032, a warning: the command is generated, and runs when the property may be left out.
                    problems.Report((parameter, display, type), static s => EnumWithoutMembers(s.parameter, s.display, s.type));
                }

                if (type.Kind == ValueKind.Complex)
                {
                    // Only the analyzer looks (the command is generated either way): GA0020, GA0024, GA0026.
                    problems.ReportEach((parameter, display, known), static s => Unreadable(s.parameter, s.display, s.known));
                    problems.ReportEach((parameter, display, known), static s => NeverSetMembers(s.parameter, s.display, s.known));
                }
            }

            result.Add(new ParameterModel(
                parameter.Name,
                Names.Identifier(parameter.Name),
                source,
                type,
                DefaultValues.Has(parameter),
                DefaultValues.Has(parameter) ? DefaultValues.Render(parameter, boundType) : null,
                DefaultValues.Has(parameter) ? DefaultValues.Json(parameter, boundType, known) : null,
                source == ParameterSource.Value ? DocumentationSummary.Parameter(comment, parameter.Name) : string.Empty,
                BoundTypes.ForgivesNull(parameter, boundType)));
        }

        return result;
    }

    /// <summary>GA0032: an enum parameter no value binds; the message says when that stops the command ever running.</summary>
    private static Diagnostic EnumWithoutMembers(IParameterSymbol parameter, string display, TypeModel type) =>
        Diagnostic.Create(
            Descriptors.EnumWithoutMembers,
            ParameterLocation(parameter, typeOnly: true),
            parameter.Name,
            display,
            type.DisplayName.TrimEnd('?'),
            DefaultValues.Has(parameter) || type.AllowsNull ? string.Empty : " (the command requires it, so it never runs)");

    /// <summary>
    /// GA0030: a second parameter taking what the host gives once per request. A second token reads as
    /// if it could be another one (a linked or a timeout token), which the registry never passes.
    /// </summary>
    private static Diagnostic RepeatedRequestParameter(IParameterSymbol parameter, IParameterSymbol first, string display, ParameterSource source) =>
        Diagnostic.Create(
            Descriptors.RepeatedRequestParameter,
            ParameterLocation(parameter, typeOnly: false),
            parameter.Name,
            display,
            source == ParameterSource.CancellationToken ? "CancellationToken" : "CommandContext",
            first.Name);

    // Locations are looked up only for a problem: finding a parameter's syntax costs more than
    // reading the parameter, and valid commands (the common case) never need it.
    private static Location ParameterLocation(IParameterSymbol parameter, bool typeOnly)
    {
        var syntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax;
        var whole = syntax?.GetLocation() ?? parameter.Locations.FirstOrDefault() ?? Location.None;
        return typeOnly ? syntax?.Type?.GetLocation() ?? whole : whole;
    }

    /// <summary>GA0009; <paramref name="advice"/> ends the message (a parameter's, when its type may be a service).</summary>
    private static Diagnostic NotInContext(ITypeSymbol type, string display, Location location, KnownTypes known, string advice)
    {
        // Qualified only where another type of the compilation or the context shares its name (App.Move beside Lib.Left.Move).
        var typeName = ReadableTypeName.InMessage(type, known);
        // A nullable struct asks for its underlying type, which covers both (see TypeClassifier).
        var listed = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (known.JsonContext is not { } context)
        {
            // The type, without a context: the fix that creates the context lists it there.
            var toList = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.JsonSerializableType, listed.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .Add(DiagnosticProperties.JsonSerializableSpelling, ReadableTypeName.Of(listed, known));
            return Diagnostic.Create(Descriptors.NotInJsonContext, location, toList, typeName, display, WithoutNamedContext(listed, known) + advice);
        }

        if (!known.JsonContextIsValid)
        {
            return Diagnostic.Create(Descriptors.NotInJsonContext, location, typeName, display,
                $"[assembly: CommandJsonContext] names '{context.ToDisplayString(Names.InMessage)}', which is not a JsonSerializerContext (GA0012); name the context that lists your types" + advice);
        }

        // Spelled as a person would, qualified only where another type has the same name or the
        // context's file needs it; the fix inserts a spelling that binds there, so message, title and edit agree.
        var spelling = ListedTypeSpelling.At(listed, context, known);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticProperties.JsonSerializableType, listed.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .Add(DiagnosticProperties.JsonSerializableSpelling, spelling)
            .Add(DiagnosticProperties.JsonContext, context.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        return Diagnostic.Create(Descriptors.NotInJsonContext, location, properties, typeName, display,
            $"add [JsonSerializable(typeof({spelling}))] to '{context.ToDisplayString(Names.InMessage)}'" + advice);
    }

    /// <summary>What to do when no <c>[assembly: CommandJsonContext]</c> names a context: name the one declared, if any.</summary>
    private static string WithoutNamedContext(ITypeSymbol listed, KnownTypes known)
    {
        switch (known.DeclaredJsonContexts)
        {
            case []:
                return "the assembly has none; declare a JsonSerializerContext and name it with [assembly: CommandJsonContext(typeof(...))]";
            case [var only]:
                var name = only.ToDisplayString(Names.InMessage);
                var attribute = $"[assembly: CommandJsonContext(typeof({only.ToDisplayString()}))]";
                return known.Lists(only, listed)
                    ? $"the assembly names none; name '{name}', which lists it, with {attribute}"
                    : $"the assembly names none; name '{name}' with {attribute} and add [JsonSerializable(typeof({ListedTypeSpelling.At(listed, only, known)}))] to it";
            case var several:
                return $"the assembly names none; name one of {string.Join(", ", several.Select(c => $"'{c.ToDisplayString(Names.InMessage)}'"))} with [assembly: CommandJsonContext(typeof(...))] and list the type on it";
        }
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
}
