using GuestAgent.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands;

/// <summary>How commands find their services without reflection.</summary>
internal static class ServiceProviderExtensions
{
    /// <summary>The service of type <typeparamref name="T"/>, or <c>null</c>.</summary>
    public static T? Get<T>(this IServiceProvider services) where T : class => services.GetService(typeof(T)) as T;

    /// <summary>
    /// The agent's system boundaries. Commands with side effects refuse to run without them rather
    /// than guess a root: a missing registration must never write to the real <c>/</c>. The refusal
    /// is the <see cref="MissingServiceException"/> an instance command's missing constructor argument
    /// throws, naming <paramref name="commandClass"/>, so the parser logs which service is missing at
    /// Error level, as it does for <c>resetnetwork</c>, rather than an exception's type alone.
    /// </summary>
    public static AgentSystem RequireSystem(this CommandContext context, Type commandClass) =>
        context.Services.Get<AgentSystem>()
        ?? throw new InvalidOperationException(BindingErrors.MissingService(commandClass.FullName ?? commandClass.Name, typeof(AgentSystem).FullName!));

    /// <summary>
    /// Answers <c>"500"</c> naming the missing library when OpenSSL cannot be loaded (through the
    /// registered <see cref="OpenSslLibrary"/>, else one of its own). Called before a command's first use of
    /// .NET's cryptography, which would otherwise abort the whole process.
    /// </summary>
    public static void RequireOpenSsl(this CommandContext context)
    {
        var library = context.Services.Get<OpenSslLibrary>() ?? OpenSslLibrary.ForThisProcess();
        if (library.Load() is null)
        {
            throw new CommandException(library.MissingMessage(context.CommandName));
        }
    }

    /// <summary>
    /// A logger from the services' <see cref="ILoggerFactory"/> whose messages start with the request's
    /// id (<see cref="RequestLogger"/>), or one that discards everything.
    /// </summary>
    public static ILogger Logger(this CommandContext context, string category) =>
        context.Services.Get<ILoggerFactory>()?.CreateLogger(category) is { } logger
            ? RequestLogger.For(logger, context.RequestId)
            : NullLogger.Instance;
}
