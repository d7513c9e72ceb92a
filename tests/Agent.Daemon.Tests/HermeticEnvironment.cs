using System.Runtime.CompilerServices;

namespace GuestAgent.Daemon.Tests;

/// <summary>
/// Clears, before any test runs, the variables with which libxenstore (and so the agent) picks its
/// XenStore endpoint. A Xen developer who exports <c>XENSTORED_PATH</c> to use the real tools would
/// otherwise see the verbs run in process here (check-config's warnings, the endpoint choice) and
/// the programs the tests start judge that endpoint instead of the one each test names. Tests that
/// need a variable pass it explicitly: to the code as an environment function, to a child process in
/// its environment.
/// </summary>
internal static class HermeticEnvironment
{
    [ModuleInitializer]
    internal static void ClearXenStoreEndpointVariables()
    {
        Environment.SetEnvironmentVariable("XENSTORED_PATH", null);
        Environment.SetEnvironmentVariable("XENSTORED_RUNDIR", null);
    }
}
