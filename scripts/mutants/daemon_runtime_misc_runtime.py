# daemon_runtime_misc's SDK part (tests/Agent.Tests; a batch builds one test project): the protocol's
# generic texts (ProtocolMessages), CommandException's defaults and result, ProcessSpec, AgentSystem,
# Ownership, CommandContext, and the log events CommandExecutor.Log.cs and AgentHost.Log.cs declare.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_runtime_misc_runtime.py
# About 15 minutes on two shared cores (a build, then some 20 s a mutant; 13 and 19 wait out TIMEOUT).
#
# Not mutated: a [LoggerMessage]'s level and text are attribute arguments a switch cannot reach, so
# a call logging at another level or with another text (through ILogger's extension methods) stands
# in for a wrong attribute (22, 23, 26, 28, 29). CommandException's first constructor chains
# `: this(message, ReturnCodes.Error)`, and its inner-exception constructor is expression-bodied:
# neither has an expression a switch can replace. ProcessSpec's real runner in root mode
# (AgentSystem.ForRoot's IsRooted) is left alone: that mutant would run the tests' programs
# (hostname, netplan, passwd) on this machine as root. FileOwner.Effective with its ids swapped and
# Ownership.Effective's `!IsOwn(owner)` only differ for an agent that is not root; the tests run as
# root (AtomicFileWriterOwnerTests needs it). CommandDescriptor, CommandAttribute, CommandOutcomeKind,
# DirectoryLinkPolicy, FileStatus, IFileSystem and IAtomicFileWriter hold only declarations (no
# default interface members), CommandAttribute's AttributeUsage included.
#
# Outcome (session 20, 2026-11-30, as root): 29 mutants, all killed; none equivalent; ONE BUG found.
# First run: 22/29 killed. The 7 survivors, each killed by a test added with this batch (re-run: all 7):
#   8, 9   ProcessSpecTests: an empty or null program refused; the default timeout on a fake clock
#          (still running a tick before 30 s, killed and reported at 30 s; the 60 s mutant fails at
#          the safety net)
#   17     AtomicFileWriterOwnerTests: a root:staff 2775 directory (Debian's /usr/local) is root's,
#          not a user's. Writing that test found the BUG: AtomicFileWriter and PinnedDirectory skipped
#          the chown when the wanted owner was the agent's own ids, but in a setgid directory the
#          kernel gives a new file or directory the directory's group, so root's new entries there
#          were root:staff. Fixed: the chown is decided from the new entry's own statx
#          (Ownership.Differs); mutant 18 is that bug put back, and the same test kills it (18 first
#          mutated IsOwn, which now only matters to an agent that is not root; killed before the fix)
#   25, 26 HostTextForLogTests: the executor's own entry point (a plugin parser's), with a long
#          request id: every line's id capped, "received" and "completed" at Information, an error
#          answer at Warning
#   28, 29 AgentHostFailureTests: an exchange that cannot deliver: one Error line per request naming
#          it, serving goes on; "Serving 1 exchange(s)" at Information
# Killed by TIMEOUT only: 13 (a root-mode runner on the system clock never reaches the fake clock's
# timeout) and 19 (a command that never sees its cancellation).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = []
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 200
PM = "src/Agent/Protocol/ProtocolMessages.cs"
CE = "src/Agent/Commands/CommandException.cs"
PS = "src/Agent/System/ProcessSpec.cs"
AS = "src/Agent/System/AgentSystem.cs"
OW = "src/Agent/System/Ownership.cs"
CC = "src/Agent/Commands/CommandContext.cs"
EX = "src/Agent/Protocol/CommandExecutor.cs"
AH = "src/Agent/Hosting/AgentHost.cs"
MUTANTS = [
    # ProtocolMessages (nova-agent-protocol.md section 3.2's texts)
    (PM, "$\"No such agent command '{name}'\"", "$\"No such agent command {name}\"", "expr",
     "messages: the unknown command's name without its quotes"),
    (PM, "$\"Command '{name}' failed with an internal error\"", "$\"Command '{name}' failed\"", "expr",
     "messages: the internal error's text cut short"),
    (PM, "$\"Command '{name}' was cancelled\"", "$\"Command '{name}' was canceled\"", "expr",
     "messages: 'canceled' (US) for 'cancelled'"),
    (PM, "$\"Command '{name}' returned no result\"", "NoResultUnnamed", "expr",
     "messages: no result, without the command's name"),
    # CommandException
    (CE, "string.IsNullOrEmpty(returnCode) ? ReturnCodes.Error : returnCode", "returnCode", "expr",
     "exception: an empty return code kept (an answer without a code)"),
    (CE, "string.IsNullOrWhiteSpace(message) ? DefaultMessage : message", "string.IsNullOrEmpty(message) ? DefaultMessage : message", "expr",
     "exception: a blank message kept (the host reads nothing)"),
    (CE, "new(ReturnCode, Message)", "new(ReturnCode, ToString())", "expr",
     "exception: the result's message is ToString() (type, inner exception, stack: a leak)"),
    # ProcessSpec
    (PS, "ArgumentException.ThrowIfNullOrEmpty(program);", "", "stmt",
     "process spec: an empty program accepted"),
    (PS, "TimeSpan.FromSeconds(30)", "TimeSpan.FromSeconds(60)", "expr",
     "process spec: the default timeout 60 s"),
    (PS, "SecretArguments.Contains(index) ? \"<secret>\" : argument", "argument", "expr",
     "process spec: a secret argument shown (activation key in actions.log and logs)"),
    (PS, "SecretArguments.Contains(index)", "SecretArguments.Contains(index + 1)", "expr",
     "process spec: the argument before the secret hidden instead of the secret"),
    (PS, "' '", "','", "expr",
     "process spec: the display string joined by commas"),
    # AgentSystem
    (AS, "time ?? TimeProvider.System", "TimeProvider.System", "expr",
     "agent system: the given clock ignored"),
    (AS, "new RecordingProcessRunner(fileSystem, failingPrograms, clock)", "new RecordingProcessRunner(fileSystem, null, clock)", "expr",
     "agent system: the failing programs dropped"),
    (AS, """return services
            .Add(this)
            .Add(FileSystem)
            .Add(Writer)
            .Add(Processes)
            .Add(Time);""", "return services.Add(this).Add(FileSystem).Add(Processes).Add(Time);", "stmt",
     "agent system: the writer not registered"),
    # Ownership
    (OW, "LibC.GetEffectiveUserId() != 0", "true", "expr",
     "ownership: requested owners dropped in root mode even as root"),
    (OW, "directoryOwner.UserId != 0", "directoryOwner.UserId != 0 || directoryOwner.GroupId != 0", "expr",
     "ownership: a root-owned directory with another group counts as a user's"),
    (OW, "created.Uid != wanted.UserId || created.Gid != wanted.GroupId", "created.Uid != wanted.UserId", "expr",
     "ownership: a new entry's group taken for the wanted one (chown skipped in a setgid directory)"),
    # CommandContext
    (CC, "CancellationToken = cancellationToken;", "CancellationToken = default;", "stmt",
     "context: the command's cancellation token dropped"),
    (CC, "RequestId = requestId;", "RequestId = commandName;", "stmt",
     "context: the request id is the command's name"),
    # The log events of CommandExecutor.Log.cs and AgentHost.Log.cs, at their calls (a switch
    # cannot change an attribute's level or text; a call logging differently stands for it).
    (EX, "LogFailed(HostTextForLog.Cap(id), name, exception.GetType().FullName ?? exception.GetType().Name);",
     "LogFailed(HostTextForLog.Cap(id), name, exception.Message);", "stmt",
     "executor log: a failed command's exception message logged at Error (a leak)"),
    (EX, "LogFailed(HostTextForLog.Cap(id), name, exception.GetType().FullName ?? exception.GetType().Name);",
     "_logger.LogWarning(\"Request {RequestId}: command '{Command}' failed with {ExceptionType}\", HostTextForLog.Cap(id), name, exception.GetType().FullName ?? exception.GetType().Name);", "stmt",
     "executor log: a failed command at Warning instead of Error"),
    (EX, "LogFailureDetails(HostTextForLog.Cap(id), name, exception);",
     "_logger.LogInformation(exception, \"Request {RequestId}: command '{Command}' failure details\", HostTextForLog.Cap(id), name);", "stmt",
     "executor log: the failure details (the exception's message) at Information instead of Debug"),
    (EX, "kind != CommandOutcomeKind.Succeeded", "kind == CommandOutcomeKind.Refused", "expr",
     "executor log: only refusals log their answer (failures, 404s, cancellations silent)"),
    (EX, "LogReceived(HostTextForLog.Cap(request.Id), HostTextForLog.Cap(name), value.Length);",
     "LogReceived(request.Id, HostTextForLog.Cap(name), value.Length);", "stmt",
     "executor log: the host's request id logged uncapped"),
    (EX, "LogCompleted(HostTextForLog.Cap(id), name, result.ReturnCode, result.Message.Length);",
     "_logger.LogDebug(\"Request {RequestId}: command '{Command}' completed with code '{ReturnCode}' ({MessageLength} characters of message)\", HostTextForLog.Cap(id), name, result.ReturnCode, result.Message.Length);", "stmt",
     "executor log: completion at Debug instead of Information"),
    (AH, "LogParserFailed(HostTextForLog.Cap(request.Id), exception.GetType().Name);",
     "LogParserFailed(HostTextForLog.Cap(request.Id), exception.Message);", "stmt",
     "host log: a failed parser's exception message logged (a leak)"),
    (AH, "LogDeliveryFailed(HostTextForLog.Cap(request.Id), exception.GetType().Name, exception.Message);",
     "_logger.LogWarning(\"Request {RequestId}: response could not be delivered ({ExceptionType}: {Reason})\", HostTextForLog.Cap(request.Id), exception.GetType().Name, exception.Message);", "stmt",
     "host log: an undelivered response at Warning instead of Error"),
    (AH, "LogServing(_pairs.Count);", "_logger.LogDebug(\"Serving {Count} exchange(s)\", _pairs.Count);", "stmt",
     "host log: 'Serving' at Debug instead of Information"),
]
