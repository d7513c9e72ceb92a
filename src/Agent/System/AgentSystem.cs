using GuestAgent.Hosting;

namespace GuestAgent.Platform;

/// <summary>
/// Every boundary between the agent and the machine, composed for one root: the file system, the
/// atomic writer, the process runner and the clock. Commands take what they need from it (or from
/// the services it registers), so every side effect is testable under a temporary root.
/// </summary>
/// <param name="FileSystem">The root-relative file system.</param>
/// <param name="Writer">The atomic file writer.</param>
/// <param name="Processes">The process runner (a recording one in root mode).</param>
/// <param name="Time">The clock.</param>
public sealed record AgentSystem(IFileSystem FileSystem, IAtomicFileWriter Writer, IProcessRunner Processes, TimeProvider Time)
{
    /// <summary>
    /// The real machine when <paramref name="root"/> is <c>/</c>; otherwise root mode: files live
    /// under <paramref name="root"/> and programs are recorded in <c>actions.log</c> instead of run.
    /// </summary>
    /// <param name="root">The root directory.</param>
    /// <param name="time">The clock; the system clock when <c>null</c>.</param>
    /// <param name="failingPrograms">In root mode, programs that report failure (see <see cref="RecordingProcessRunner"/>).</param>
    public static AgentSystem ForRoot(string root = "/", TimeProvider? time = null, IEnumerable<string>? failingPrograms = null)
    {
        var fileSystem = new RootedFileSystem(root);
        var clock = time ?? TimeProvider.System;
        IProcessRunner processes = fileSystem.IsRooted
            ? new RecordingProcessRunner(fileSystem, failingPrograms, clock)
            : new ProcessRunner(clock);
        return new AgentSystem(fileSystem, new AtomicFileWriter(fileSystem), processes, clock);
    }

    /// <summary>Registers the system and each of its parts in <paramref name="services"/>.</summary>
    public ServiceMap AddTo(ServiceMap services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services
            .Add(this)
            .Add(FileSystem)
            .Add(Writer)
            .Add(Processes)
            .Add(Time);
    }
}
