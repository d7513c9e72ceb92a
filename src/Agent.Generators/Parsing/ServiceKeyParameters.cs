using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// GA0025: a <c>[ServiceKey]</c> parameter on the constructor the registry calls for an instance
/// command's class. ActivatorUtilities (Microsoft.Extensions.DependencyInjection 10) passes a key only to
/// a class the container creates as a keyed service, which a command class never is: it gives such a
/// parameter the service its type names, and so does the registry. An author who expects the key gets
/// a required service instead (<c>[ServiceKey] string key</c> needs a <c>string</c> registered). A
/// warning: the class is still constructed, as ActivatorUtilities would construct it. Reported once per
/// class, for its first instance command that is an ordinary method (every command of the class shares the constructor).
/// </summary>
internal static class ServiceKeyParameters
{
    private const string ServiceKeyAttribute = "Microsoft.Extensions.DependencyInjection.ServiceKeyAttribute";

    // keys: each constructor parameter's [FromKeyedServices(key)] key, or null; with one, the parameter gets the keyed service.
    public static IEnumerable<Diagnostic> Diagnose(IMethodSymbol method, IMethodSymbol constructor, IReadOnlyList<ServiceKey?> keys, Location methodLocation)
    {
        var type = method.ContainingType;
        // The first command whose class the registry constructs: an accessor's is never inspected (GA0003).
        var first = type.GetMembers().OfType<IMethodSymbol>()
            .FirstOrDefault(m => !m.IsStatic && CallableMethods.SpecialKind(m) is null && m.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, KnownTypes.CommandAttribute)));
        if (!SymbolEqualityComparer.Default.Equals(first, method))
        {
            return [];
        }

        return
            from parameter in constructor.Parameters
            from attribute in parameter.GetAttributes()
            where Names.IsNamed(attribute.AttributeClass, ServiceKeyAttribute)
            let service = $"the '{parameter.Type.ToDisplayString(Names.InMessage)}' service"
            select Diagnostic.Create(
                Descriptors.ServiceKeyNeverPassed,
                attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? parameter.Locations.FirstOrDefault() ?? methodLocation,
                parameter.Name,
                ConstructorChoice.Display(constructor),
                type.ToDisplayString(Names.InMessage),
                keys[parameter.Ordinal] is { } key ? $"{service} of key {key.Text}" : service);
    }
}
