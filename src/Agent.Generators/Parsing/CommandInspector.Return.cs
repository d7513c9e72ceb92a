using System.Linq;
using GuestAgent.Generators.Diagnostics;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// What a command method returns: whether the registry awaits it, which result form it writes
/// (nothing, text, a <c>CommandResult</c> or a JSON value) and the problems that keep a return type
/// from being one of those (GA0008, GA0009 and, for the analyzer, GA0021).
/// </summary>
internal static partial class CommandInspector
{
    private static Location ReturnTypeLocation(IMethodSymbol method) =>
        (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType.GetLocation()
            ?? method.Locations.FirstOrDefault() ?? Location.None;

    private static (AsyncKind, ResultKind, TypeModel?) InspectReturn(IMethodSymbol method, KnownTypes known, string display, InspectionProblems problems)
    {
        var type = method.ReturnType;
        var asyncKind = AsyncKind.None;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            // With its ref: the return type alone ('int') hides what is wrong.
            problems.Add((method, display), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display,
                (s.method.ReturnsByRefReadonly ? "ref readonly " : "ref ") + s.method.ReturnType.ToDisplayString(Names.InMessage), "a ref return cannot be kept until the result is written"));
            return (AsyncKind.None, ResultKind.Void, null);
        }

        var maybeNull = ReturnsMaybeNull(method);
        // [return: NotNull] Task? promises a task, which the caller's flow state (the generated await's too) takes as not null.
        var annotatedNull = type.NullableAnnotation == NullableAnnotation.Annotated && !ReturnsNotNull(method);
        if ((annotatedNull || maybeNull) && (known.Is(type, known.Task) || known.Is(type, known.TaskOfT)))
        {
            // Awaiting it would be CS8602 (passing it, CS8604) in the generated file, and a null task would throw there.
            problems.Add((method, display, maybeNull), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display, s.method.ReturnType.ToDisplayString(Names.InMessage),
                "the registry awaits the task, so it cannot be null; return a completed task (Task.CompletedTask, Task.FromResult) instead of null, and drop " + (s.maybeNull ? "[return: MaybeNull]" : "the '?'")));
            return (AsyncKind.Task, ResultKind.Void, null);
        }

        if (TypeClassifier.UnwrapNullable(type) is var valueTask && !ReferenceEquals(valueTask, type) && (known.Is(valueTask, known.ValueTask) || known.Is(valueTask, known.ValueTaskOfT)))
        {
            // A ValueTask? is a Nullable<ValueTask>, which has no GetAwaiter ([return: NotNull] gives it none),
            // so the registry cannot await it; the general "a task is not a value" would be wrong about why.
            problems.Add((method, display, valueTask), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display, s.method.ReturnType.ToDisplayString(Names.InMessage),
                "a nullable ValueTask cannot be awaited, so the registry cannot take its result; return '" + s.valueTask.ToDisplayString(Names.InMessage) + "' (a completed one instead of null) and drop the '?'"));
            return (AsyncKind.ValueTask, ResultKind.Void, null);
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
            problems.Add((method, display), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display, s.method.ReturnType.ToDisplayString(Names.InMessage),
                "a CommandResult is the whole answer and cannot be missing; return CommandResult, with CommandResult.Ok() for an empty success"));
            return (asyncKind, ResultKind.Void, null);
        }

        if (IsGeneric(method) && UnsupportedTypes.ContainsTypeParameter(type))
        {
            // GA0004 already says why (GA0008 would repeat it).
            return (asyncKind, ResultKind.Void, null);
        }

        if (asyncKind == AsyncKind.None && !type.IsValueType && maybeNull)
        {
            // [return: MaybeNull] Thing: the call may give null, so the result is taken as Thing?
            // (a Thing local would be CS8600 in the generated file), and its schema admits null.
            type = type.WithNullableAnnotation(NullableAnnotation.Annotated);
        }
        else if (asyncKind == AsyncKind.None && ReturnsNotNull(method))
        {
            // [return: NotNull] Thing?: the call never gives null (the caller's flow state says so,
            // the generated local's too), so the result is Thing and its schema admits no null; a
            // nullable struct's underlying value is taken with .Value (CommandModel.ResultUnwrapped).
            type = type.IsValueType ? TypeClassifier.UnwrapNullable(type) : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        switch (TypeClassifier.Classify(type, known))
        {
            case TypeSupport.Unsupported:
                problems.Add((method, display, type, known), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display, s.method.ReturnType.ToDisplayString(Names.InMessage), UnsupportedTypes.Why(s.type, s.known)));
                return (asyncKind, ResultKind.Void, null);
            case TypeSupport.NotInJsonContext:
                // No service advice: a result is only written (which works for an interface), never taken.
                problems.Add((method, display, type, known), static s => NotInContext(s.type, s.display, ReturnTypeLocation(s.method), s.known, advice: ""));
                return (asyncKind, ResultKind.Void, null);
            default:
                var described = TypeClassifier.Describe(type, known);
                if (described.Kind == ValueKind.Complex)
                {
                    // Only the analyzer looks (the command is generated either way): GA0021 and GA0029.
                    problems.ReportEach((method, display, type, known), static s => Unwritable(s.method, s.display, s.type, s.known));
                    problems.ReportEach((method, type, known), static s => FastPathFaults(s.method, s.type, s.known));
                }

                return (asyncKind, ResultKind.Value, described);
        }
    }

    private static bool ReturnsMaybeNull(IMethodSymbol method) =>
        method.GetReturnTypeAttributes().Any(a => Names.IsNamed(a.AttributeClass, "System.Diagnostics.CodeAnalysis.MaybeNullAttribute"));

    /// <summary>
    /// The return type as the registry holds it: a <c>[return: NotNull] Task?</c> without its '?', so
    /// that the generated method taking the task to await is not handed a maybe-null one (CS8602).
    /// </summary>
    private static ITypeSymbol AwaitedReturnType(IMethodSymbol method, KnownTypes known) =>
        method.ReturnType.NullableAnnotation == NullableAnnotation.Annotated && (known.Is(method.ReturnType, known.Task) || known.Is(method.ReturnType, known.TaskOfT)) && ReturnsNotNull(method)
            ? method.ReturnType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)
            : method.ReturnType;

    private static bool ReturnsNotNull(IMethodSymbol method) =>
        method.GetReturnTypeAttributes().Any(a => Names.IsNamed(a.AttributeClass, "System.Diagnostics.CodeAnalysis.NotNullAttribute"));
}
