namespace GuestAgent.Commands;

/// <summary>
/// An instance command's class needs a constructor argument that the registry's
/// <see cref="IServiceProvider"/> does not supply: a configuration error of the application, not a
/// bug of the command. The request is answered as any failure (<c>"500"</c>, the generic internal
/// error), but <c>CommandExecutor</c> (under <c>NovaJsonParser</c> or any parser) logs this
/// exception's message at Error level, since it holds type names only: the operator sees which
/// service to register. It reports the request as <c>CommandOutcomeKind.MissingService</c>.
/// </summary>
/// <remarks>
/// Thrown by <see cref="BindingErrors.MissingService"/> when generated code asks for the text; only
/// that method creates it, so its message is always the type names and nothing else.
/// </remarks>
public sealed class MissingServiceException : InvalidOperationException
{
    internal MissingServiceException(string commandClass, string service, string? serviceKey = null, string? reason = null)
        : base(Describe(commandClass, service, serviceKey, reason))
    {
        CommandClass = commandClass;
        Service = service;
        ServiceKeyText = serviceKey;
    }

    /// <summary>The command class, as its full name.</summary>
    public string CommandClass { get; }

    /// <summary>The service's type, as its full name.</summary>
    public string Service { get; }

    /// <summary>
    /// For a keyed service (a <c>[FromKeyedServices(key)]</c> parameter), the key as C# source text
    /// (<c>"fast"</c> with its quotes, <c>3</c>, <c>Contoso.Tier.Gold</c>); <c>null</c> for an unkeyed service.
    /// </summary>
    /// <remarks>Named as <see cref="RequiredService.ServiceKeyText"/>, the same text; <see cref="RequiredService.ServiceKey"/> is the key itself.</remarks>
    public string? ServiceKeyText { get; }

    /// <summary>The message, shared with <see cref="RequiredService.ToString"/> so the check at start and the request say the same.</summary>
    internal static string Describe(string commandClass, string service, string? serviceKey, string? reason = null) =>
        $"Command class '{commandClass}' needs the service '{service}'{(serviceKey is null ? null : $" with the key {serviceKey}")}, which {reason ?? "is not registered"}";
}
