using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The services a registry gives an instance class's constructor, which an author used to minimal
/// APIs takes in the command method instead (GA0007, GA0008). GA0009 would ask to list such a type
/// on the JSON context, where it compiles and then fails every request (the context cannot create
/// an interface, and a request is no place for a service), or, listed, GA0020 would give advice
/// about one of its members (<c>AgentSystem.FileSystem</c>) as if it were data.
/// </summary>
internal static class ServiceTypes
{
    /// <summary>
    /// Interfaces whose every implementation is a service: logging's, the HTTP client and message handler factories, the SDK's system boundaries
    /// (what <c>AgentSystem.AddTo</c> registers), the registry, and the built-in <c>resetnetwork</c>'s
    /// source of vm-data. <c>ILogger&lt;T&gt;</c> derives from <c>ILogger</c>, so it is found among
    /// the interfaces.
    /// </summary>
    private static readonly ImmutableArray<string> Interfaces =
    [
        "Microsoft.Extensions.Logging.ILogger",
        "Microsoft.Extensions.Logging.ILoggerFactory",
        "GuestAgent.Platform.IFileSystem",
        "GuestAgent.Platform.IAtomicFileWriter",
        "GuestAgent.Platform.IProcessRunner",
        "GuestAgent.Commands.ICommandRegistry",
        "GuestAgent.Commands.Network.Sources.IVmDataSource",
        "System.Net.Http.IHttpClientFactory",
        "System.Net.Http.IHttpMessageHandlerFactory",
    ];

    /// <summary>
    /// Generic interfaces whose every construction is a service, as namespace and metadata name (a
    /// generic type does not display as its dotted name): the options pattern's, what <c>AddOptions</c>
    /// registers and the setups <c>Configure</c>, <c>PostConfigure</c> and <c>Validate</c> add.
    /// <c>IOptionsSnapshot&lt;T&gt;</c> derives from <c>IOptions&lt;T&gt;</c> and <c>IConfigureNamedOptions&lt;T&gt;</c>
    /// from <c>IConfigureOptions&lt;T&gt;</c>, so they are found among the interfaces; the others derive
    /// from none of these. Matched by name, so a command library that never references Microsoft.Extensions.Options
    /// (nor Microsoft.Extensions.Http, for <c>IHttpClientFactory</c> and <c>IHttpMessageHandlerFactory</c>) still gets the constructor's advice.
    /// </summary>
    private static readonly ImmutableArray<(string Namespace, string MetadataName)> GenericInterfaces =
    [
        ("Microsoft.Extensions.Options", "IOptions`1"),
        ("Microsoft.Extensions.Options", "IOptionsMonitor`1"),
        ("Microsoft.Extensions.Options", "IOptionsFactory`1"),
        ("Microsoft.Extensions.Options", "IOptionsMonitorCache`1"),
        ("Microsoft.Extensions.Options", "IConfigureOptions`1"),
        ("Microsoft.Extensions.Options", "IPostConfigureOptions`1"),
        ("Microsoft.Extensions.Options", "IValidateOptions`1"),
    ];

    /// <summary>
    /// Classes that are services, as are those deriving from them: the clock, the SDK's bundle of
    /// system boundaries, the OpenSSL probe and the HTTP client the built-in commands get from
    /// <c>CommandContext.Services</c>. Not the built-in commands' options (<c>PasswordOptions</c>,
    /// <c>NetworkOptions</c> …): plain data, which a command may take as a value as well.
    /// </summary>
    private static readonly ImmutableArray<string> Classes =
    [
        "System.TimeProvider",
        "System.Net.Http.HttpClient",
        "GuestAgent.Platform.AgentSystem",
        "GuestAgent.Commands.OpenSslLibrary",
    ];

    /// <summary>Whether <paramref name="type"/> is (implements, derives from) one of the services.</summary>
    public static bool Is(ITypeSymbol type, KnownTypes known)
    {
        if (known.Is(type, known.ServiceProvider) || IsInterface(type))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (known.Is(implemented, known.ServiceProvider) || IsInterface(implemented))
            {
                return true;
            }
        }

        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            var candidate = current;
            if (Classes.Any(name => Names.IsNamed(candidate, name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What GA0009 and GA0020 add for a parameter whose type may be the library's own service
    /// (<c>IPackageManager</c>), which no list here can name: the generator cannot tell it from data,
    /// so the diagnostic stays, but an interface or abstract class of the user's naming no derived
    /// type is far more often a service than data, and listing it (GA0009's fix) only leads to GA0020.
    /// </summary>
    public static string AdviceFor(ITypeSymbol type, KnownTypes known) =>
        MayBeOwnService(type, known)
            ? "; if it is a service rather than data, take it in the constructor of the command's class instead (an instance command)"
            : "";

    /// <summary>
    /// An interface or abstract class declared in user code (a framework one, such as a collection
    /// interface, is data), without <c>[JsonPolymorphic]</c>, <c>[JsonDerivedType]</c> or a
    /// <c>[JsonConverter]</c> of its own: any of those says the author means it to be read as JSON.
    /// </summary>
    private static bool MayBeOwnService(ITypeSymbol type, KnownTypes known) =>
        type is INamedTypeSymbol named
        && (named.TypeKind == TypeKind.Interface || (named.TypeKind == TypeKind.Class && named.IsAbstract))
        && ContractFaults.UserDeclared(named)
        && !named.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonPolymorphicAttribute)
            || Names.IsNamed(a.AttributeClass, ContractFaults.JsonDerivedTypeAttribute))
        && !UnreadableReasons.HasConverter(named, known);

    /// <summary>
    /// Whether <paramref name="type"/> is the exchange's session for the request's peer, which reaches a
    /// command through <c>CommandContext.Session</c> only: neither a value (listed on the context, a request
    /// would have to send it and the command would get a new, empty session) nor a service.
    /// </summary>
    public static bool IsSession(ITypeSymbol type) => Names.IsNamed(type as INamedTypeSymbol, "GuestAgent.Commands.ExchangeSession");

    private static bool IsInterface(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named
        && (named.IsGenericType
            ? GenericInterfaces.Any(name => named.MetadataName == name.MetadataName && named.ContainingType is null
                && named.ContainingNamespace?.ToDisplayString() == name.Namespace)
            : Interfaces.Any(name => Names.IsNamed(named, name)));
}
