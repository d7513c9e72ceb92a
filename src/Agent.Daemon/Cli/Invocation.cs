using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Cli;

/// <summary>What the command line asked for: one verb with its parsed, validated arguments.</summary>
internal abstract record Invocation;

/// <summary><c>guest-agent --help</c>, or <c>guest-agent VERB --help</c>.</summary>
/// <param name="Verb">The verb whose help was asked for, or <c>null</c> for the overview of every verb.</param>
internal sealed record HelpInvocation(VerbDescription? Verb = null) : Invocation;

/// <summary>
/// <c>guest-agent</c> with no arguments: a usage error (the overview on stderr, exit 2), not help,
/// so a script whose verb came out empty fails instead of doing nothing successfully.
/// </summary>
internal sealed record MissingVerbInvocation : Invocation;

/// <summary><c>guest-agent --version</c>.</summary>
internal sealed record VersionInvocation : Invocation;

/// <summary><c>guest-agent run</c>: serve requests until SIGTERM/SIGINT.</summary>
/// <param name="ConfigFile">An explicit configuration file (must exist), made absolute as it was read, or <c>null</c> for the default.</param>
/// <param name="XenStorePath">The XenStore socket or device, overriding the configuration.</param>
/// <param name="DomainPath">The domain home, for example <c>/local/domain/5</c>, overriding the configuration.</param>
/// <param name="Root">The root directory every file lives under, overriding the configuration.</param>
/// <param name="LogLevel">The minimum level logged, overriding the configuration.</param>
internal sealed record RunInvocation(
    string? ConfigFile,
    string? XenStorePath,
    string? DomainPath,
    string? Root,
    LogLevel? LogLevel) : Invocation;

/// <summary>
/// <c>guest-agent check-config</c>: resolve the settings exactly as <c>run</c> would with the same
/// options, print them and the warnings <c>run</c> would log, and exit 0 (valid) or 2 (invalid),
/// without connecting to XenStore.
/// </summary>
/// <param name="Options">The options, as <c>run</c> takes them.</param>
internal sealed record CheckConfigInvocation(RunInvocation Options) : Invocation;

/// <summary><c>guest-agent xenstored</c>: the embedded XenStore server.</summary>
/// <param name="SocketPath">The unix socket to listen on.</param>
/// <param name="GuestDomainId">A guest domain whose home is created, or <c>null</c>.</param>
/// <param name="GuestSocketPath">A second socket whose connections act as that guest, or <c>null</c>.</param>
/// <param name="Limits">The server's limits the options set (the rest keep their defaults).</param>
internal sealed record XenstoredInvocation(string SocketPath, int? GuestDomainId, string? GuestSocketPath = null, XenstoredLimits Limits = default) : Invocation;

/// <summary><c>guest-agent call</c>: one request, the way Nova's dom0 plugin sends it.</summary>
/// <param name="XenStorePath">The XenStore endpoint, or <c>null</c> to pick it like libxenstore.</param>
/// <param name="DomainId">The guest's domain id.</param>
/// <param name="Timeout">How long to wait for the response.</param>
/// <param name="Command">The command name.</param>
/// <param name="ValueJson">The request value as compact JSON text (a JSON string unless VALUE was a JSON object or array).</param>
internal sealed record CallInvocation(
    string? XenStorePath,
    int DomainId,
    TimeSpan Timeout,
    string Command,
    string ValueJson) : Invocation;

/// <summary><c>guest-agent set-password</c>: keyinit then password, with Nova's key exchange and cipher.</summary>
internal sealed record SetPasswordInvocation(string? XenStorePath, int DomainId, TimeSpan Timeout) : Invocation;

/// <summary><c>guest-agent schema</c>: the JSON contracts of every registered command.</summary>
internal sealed record SchemaInvocation : Invocation;

/// <summary><c>guest-agent demo</c>: the first-boot sequence on an embedded XenStore and a temporary root.</summary>
internal sealed record DemoInvocation : Invocation;
