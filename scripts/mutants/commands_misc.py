# Mutants of the built-in commands' small parts no other batch covers: yescrypt's pwxform, Salsa20
# core and workspace (the flavour enum is a pure declaration; the flavours are in
# commands_crypto_loader.py), the password and injectfile messages (constants, so mutated where they
# are used), RequestLogger and the log lines that must never carry a secret (the password, an
# injected file's contents), InjectFileOptions, ServiceProviderExtensions, TimerDelay,
# ConfiguredDirectory, IoFailureReason, version and features, NetworkOptions, NetworkCommands, its
# registration, and CountText. NovaCipherDigest is a pure declaration (its use is in password.py).
# Run: scripts/mutants/mutate.py scripts/mutants/commands_misc.py
# Outcome (2026-11-30): 67 mutants, 53 killed at first; 14 survived, all test gaps, now killed
# (re-run: 33, 38, 42, 50, 51, 53, 54, 55, 58, 61, 63, 65, 66, 67). The first run went in three
# parts to spare the loaded shared machine: 1-9 with this selection, 10, 11 and 16-21 with only
# YescryptTests and YescryptWorkspaceTests, 12-15 and 22-67 with all but YescryptTests (so every
# yescrypt mutant met libxcrypt through mkpasswd; none survived, the existing cases already
# compare p > 1, t > 0 and all three flavours). The survivors: 33 (RequestLogger passing on a
# level its inner logger leaves out: RequestLoggerTests, with a sink that does not filter in Log);
# 38 (a new file's owner null instead of root:root, the same while the tests run as root:root; an
# agent whose group is not root's differs: the documented defaults, InjectFileCommandsTests);
# 42 (no AgentSystem registered, the real / guessed: injectfile through a context without one
# must throw and write nothing under a real directory; RecoverAsync's test goes another way);
# 50, 51, 53, 54, 55 (IoFailureReason's wording of EACCES, ENOENT, a final link, a transfer's
# category, PathTooLongException: no test reached them, the disk-full and long-name tests come
# through HResult: IoFailureReasonTests); 58 (build metadata kept: the test build's version 0.1.0
# has none, so the rule moved into AgentVersionInfo.WithoutBuildMetadata, which InfoCommandsTests
# gives '1.2.0+3f1c2ab'; the mutant follows it); 61 (an infinite resetnetwork deadline accepted:
# OptionsValidationTests); 63 and 65 (registered NetworkOptions ignored by NetworkCommands, or not
# registered by AddResetNetwork; ResetNetworkEndToEndTests, outside this selection, catches 63:
# ResetNetworkPipelineTests now registers SetHostname = false through AddResetNetwork); 66 and 67
# (CountText's "0 file" and a group separator: CountTextTests). No equivalent mutant; no bug found.
# 2026-12-01: mutant 42's text follows RequireSystem, which now throws MissingServiceException (see
# packages_s27_sdkuser.py); re-run: killed (BuiltInCommandsTests, InjectFileCommandsTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.YescryptTests", "-class", "*.YescryptWorkspaceTests", "-class", "*.RequestLoggerTests",
             "-class", "*.PasswordCommandTests", "-class", "*.PasswordCrashTests", "-class", "*.PasswordFileLockTests",
             "-class", "*.KeyInitCommandTests", "-class", "*.MasterPasswdTests", "-class", "*.ShadowFileTests",
             "-class", "*.SessionKeyLifetimeTests", "-class", "*.HashCostLimitTests", "-class", "*.InjectFile*",
             "-class", "*.OptionsValidationTests", "-class", "*.InfoCommandsTests", "-class", "*.BuiltInCommandsTests",
             "-class", "*.OpenSslLibraryTests", "-class", "*.NovaWireTests", "-class", "*.ResetNetworkLogTests",
             "-class", "*.ResetNetworkPipelineTests", "-class", "*.NetworkApplierRollbackTests",
             "-class", "*.NetworkApplierDeadlineTests", "-class", "*.NetworkingDocTests", "-class", "*.BuiltInRequestSchemaTests",
             "-class", "*.IoFailureReasonTests", "-class", "*.CountTextTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
PX = "src/Agent.Commands/Security/YescryptPwxform.cs"
WS = "src/Agent.Commands/Security/YescryptWorkspace.cs"
SA = "src/Agent.Commands/Security/YescryptSalsa20.cs"
RPS = "src/Agent.Commands/Security/RootPasswordSetter.cs"
SF = "src/Agent.Commands/Security/ShadowFile.cs"
KI = "src/Agent.Commands/Security/KeyInitCommand.cs"
PC = "src/Agent.Commands/Security/PasswordCommand.cs"
RL = "src/Agent.Commands/RequestLogger.cs"
FI = "src/Agent.Commands/Files/FileInjector.cs"
IO = "src/Agent.Commands/Files/InjectFileOptions.cs"
IM = "src/Agent.Commands/Files/InjectFileMessages.cs"
IP = "src/Agent.Commands/Files/InjectedPath.cs"
SP = "src/Agent.Commands/ServiceProviderExtensions.cs"
TD = "src/Agent.Commands/TimerDelay.cs"
CD = "src/Agent.Commands/ConfiguredDirectory.cs"
IF = "src/Agent.Commands/IoFailureReason.cs"
IC = "src/Agent.Commands/Info/InfoCommands.cs"
AV = "src/Agent.Commands/Info/AgentVersionInfo.cs"
NO = "src/Agent.Commands/Network/NetworkOptions.cs"
NC = "src/Agent.Commands/Network/NetworkCommands.cs"
NS = "src/Agent.Commands/Network/NetworkServiceRegistration.cs"
CT = "src/Agent.Commands/Network/CountText.cs"
MUTANTS = [
    # yescrypt's pwxform (1-11)
    (PX, "_s1 = (1 << SWidth) * PwxSimple * 2;", "_s1 = (1 << SWidth) * PwxSimple;", "stmt", "pwxform: S1 starts half-way into S2's third"),
    (PX, "_s0 = 2 * (1 << SWidth) * PwxSimple * 2;", "_s0 = 0;", "stmt", "pwxform: S0 starts where S2 does"),
    (PX, "(x[baseWord] & SMask) / 4", "(x[baseWord] & SMask) / 8", "expr", "pwxform: S0 index scaled as bytes/8, not words"),
    (PX, "(x[baseWord + 1] & SMask)", "(x[baseWord + 2] & SMask)", "expr", "pwxform: S1 index from the next pair's low word"),
    (PX, "((ulong)S[p0 + (2 * k) + 1] << 32) + S[p0 + (2 * k)]", "((ulong)S[p0 + (2 * k)] << 32) + S[p0 + (2 * k) + 1]", "expr", "pwxform: S0 entry's halves swapped"),
    (PX, "value ^= s1;", "value += s1;", "stmt", "pwxform: S1 added, not xored"),
    (PX, "((ulong)x[at + 1] * x[at])", "((ulong)x[at] * x[at])", "expr", "pwxform: low word squared, not multiplied by the high one"),
    (PX, "i != 0 && i != PwxRounds - 1", "i != 0", "expr", "pwxform: the last round writes S2 too"),
    (PX, "(_s0, _s1, _s2) = (_s2, _s0, _s1);", "(_s0, _s1, _s2) = (_s1, _s2, _s0);", "stmt", "pwxform: S-boxes rotated the wrong way"),
    (PX, "_w &= (1 << SWidth) * PwxSimple - 1;", "_w &= (1 << SWidth) - 1;", "stmt", "pwxform: write pointer wraps at half of S2"),
    (PX, "i < PwxRounds", "i < PwxRounds - 1", "expr", "pwxform: five rounds, not six"),
    # its workspace (12-15)
    (WS, "Array.Clear(Xy);", "", "stmt", "workspace: XY not cleared"),
    (WS, "CryptographicOperations.ZeroMemory(Key);", "", "stmt", "workspace: the HMAC key not cleared"),
    (WS, "lane.Clear();", "lane.Reset();", "stmt", "workspace: S-boxes not cleared"),
    (WS, "Array.Clear(V);", "Array.Clear(V, 0, V.Length / 2);", "stmt", "workspace: half of V cleared"),
    # Salsa20 (16-21)
    (SA, "x[i * 5 % 16] = block[i];", "x[i] = block[i];", "stmt", "salsa20: block loaded without the SIMD shuffle"),
    (SA, "x[4] ^= uint.RotateLeft(x[0] + x[12], 7);", "x[4] ^= uint.RotateLeft(x[0] + x[12], 8);", "stmt", "salsa20: first rotation 8, not 7"),
    (SA, "x[10] ^= uint.RotateLeft(x[6] + x[2], 18);", "x[10] ^= uint.RotateLeft(x[6] + x[2], 16);", "stmt", "salsa20: a column rotation 16, not 18"),
    (SA, "i < rounds", "i < 2 * rounds", "expr", "salsa20: twice the rounds"),
    (SA, "block[i] += x[i * 5 % 16];", "block[i] = x[i * 5 % 16];", "stmt", "salsa20: no feed-forward"),
    (SA, "x[3] ^= uint.RotateLeft(x[2] + x[1], 13);", "x[3] ^= uint.RotateLeft(x[2] + x[0], 13);", "stmt", "salsa20: row round reads the wrong word"),
    # the password messages, where they are used (22-26)
    (RPS, "new CommandException(PasswordMessages.RebuildFailed)", "new CommandException(PasswordMessages.WriteFailed)", "expr", "password: pwd_mkdb failure answered with the write failure's text"),
    (SF, ": PasswordMessages.NoEntry;", ": PasswordMessages.UnknownFormat;", "expr", "password: no root entry reported as an unknown format"),
    (KI, "new CommandException(PasswordMessages.PeerKeyOutOfRange)", "new CommandException(PasswordMessages.BadPeerKey)", "expr", "keyinit: an out-of-range key reported as not a number"),
    (PC, "new CommandException(PasswordMessages.EmptyPassword)", "new CommandException(PasswordMessages.InvalidData)", "expr", "password: an empty password answered as invalid data"),
    (RPS, "new CommandException(PasswordMessages.Locked, exception)", "new CommandException(PasswordMessages.LockFailed, exception)", "expr", "password: a held lock answered as a lock failure"),
    # secrets in log lines, through RequestLogger (27-33)
    (RPS, "LogUnlocked(logger);", "logger.LogWarning(\"password: root unlocked with {Password}\", System.Text.Encoding.UTF8.GetString(passwordCopy));", "stmt", "leak: the password logged when root is unlocked"),
    (RPS, "LogCostReduced(logger, ShadowPasswordHasher.MaxShaCryptRounds, ShadowPasswordHasher.MaxYescryptWork / (1024 * 1024));", "logger.LogWarning(\"password: cost reduced for {Password}\", System.Text.Encoding.UTF8.GetString(passwordCopy));", "stmt", "leak: the password logged when the cost is reduced"),
    (FI, "LogWritten(logger, Encoding.UTF8.GetString(pathBytes));", "LogWritten(logger, Encoding.UTF8.GetString(pathBytes) + \",\" + Encoding.UTF8.GetString(contents));", "stmt", "leak: injected contents logged with the path written"),
    (FI, "exception.Message", "exception.Message + \" (\" + Convert.ToBase64String(contents) + \")\"", "expr", "leak: injected contents logged with a refusal"),
    (RL, "HostTextForLog.Cap(requestId)", "requestId", "expr", "request logger: a 2 KB id repeated whole"),
    (RL, "inner is NullLogger || requestId is null", "requestId is null", "expr", "request logger: a discarding logger wrapped"),
    (RL, "if (!_inner.IsEnabled(logLevel))\n        {\n            return;\n        }", "", "stmt", "request logger: a disabled level formatted and passed on"),
    # InjectFileOptions, InjectFileMessages and one use of them (34-41)
    (IO, "Normalized(value)", "value.ToArray()", "expr", "injectfile options: allowed directories not checked"),
    (IO, "ArgumentNullException.ThrowIfNull(directories, nameof(AllowedDirectories));", "", "stmt", "injectfile options: a null list fails with NullReferenceException"),
    (IO, "normalized[i] = AgentPaths.TryNormalizeConfiguredDirectory(directories[i], out var directory, out var problem)\n                ? directory\n                : throw new ArgumentException($\"Every directory allowed for injection {problem}, not '{directories[i]}'\", nameof(AllowedDirectories));",
     "normalized[i] = AgentPaths.TryNormalizeConfiguredDirectory(directories[i], out _, out var why) ? directories[i] : throw new ArgumentException($\"Every directory allowed for injection {why}, not '{directories[i]}'\", nameof(AllowedDirectories));",
     "stmt", "injectfile options: trailing slashes kept"),
    (IO, "UnixFileMode.OtherRead | UnixFileMode.OtherExecute", "UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute", "expr", "injectfile options: new directories world-writable"),
    (IO, "FileOwner.Root", "null", "expr", "injectfile options: new files owned by the agent's user, not root"),
    (IM, "$\"{WriteFailed}: {IoFailureReason.Of(exception)}\"", "$\"{WriteFailed}: {exception.Message}\"", "expr", "injectfile messages: a write failure quotes the exception (and its path)"),
    (IM, "$\"{WrittenUnconfirmed}: {IoFailureReason.Of(exception)}\"", "WrittenUnconfirmed", "expr", "injectfile messages: unconfirmed write without its reason"),
    (IP, "InjectFileMessages.NotNormalised", "InjectFileMessages.NotAbsolute", "expr", "injectfile: a '..' path reported as not absolute"),
    # ServiceProviderExtensions (42-45)
    (SP, "context.Services.Get<AgentSystem>()\n        ?? throw new InvalidOperationException(BindingErrors.MissingService(commandClass.FullName ?? commandClass.Name, typeof(AgentSystem).FullName!))", "context.Services.Get<AgentSystem>() ?? AgentSystem.ForRoot()", "expr", "services: a missing AgentSystem replaced by the real root"),
    (SP, "library.Load() is null", "false", "expr", "services: a missing libssl not refused"),
    (SP, "context.Services.Get<OpenSslLibrary>() ?? OpenSslLibrary.ForThisProcess()", "OpenSslLibrary.ForThisProcess()", "expr", "services: the registered OpenSslLibrary ignored"),
    (SP, "RequestLogger.For(logger, context.RequestId)", "logger", "expr", "services: command lines without the request id"),
    # TimerDelay and ConfiguredDirectory (46-49)
    (TD, "value.TotalMilliseconds <= MaxMilliseconds", "value.TotalMilliseconds < MaxMilliseconds", "expr", "timer delay: the longest delay refused"),
    (TD, "allowZero && value == TimeSpan.Zero", "value == TimeSpan.Zero", "expr", "timer delay: zero always accepted"),
    (TD, "value == Timeout.InfiniteTimeSpan", "false", "expr", "timer delay: infinite never accepted"),
    (CD, "$\"The {what} {problem}\"", "$\"The {what} is invalid\"", "expr", "configured directory: the message says not why"),
    # IoFailureReason (50-55)
    (IF, "Marshal.GetPInvokeErrorMessage(EAcces)", "exception.GetType().Name", "expr", "io reason: permission denied worded by its type"),
    (IF, "Marshal.GetPInvokeErrorMessage(ENoEnt)", "Marshal.GetPInvokeErrorMessage(EAcces)", "expr", "io reason: a missing file worded as permission denied"),
    (IF, "Marshal.GetPInvokeErrorMessage(io.HResult)", "io.Message", "expr", "io reason: the exception's message (with its path) instead of the errno's text"),
    (IF, "\"it is a symbolic link\"", "\"a directory on the way is a symbolic link\"", "expr", "io reason: a final link worded as one on the way"),
    (IF, "http.HttpRequestError.ToString()", "http.Message", "expr", "io reason: a transfer failure's message instead of its category"),
    (IF, "Marshal.GetPInvokeErrorMessage(ENameTooLong)", "exception.GetType().Name", "expr", "io reason: a long path worded by its type"),
    # version and features (56-58)
    (IC, "context.Services.Get<AgentVersionInfo>() ?? AgentVersionInfo.Build", "AgentVersionInfo.Build", "expr", "version: an application's own version ignored"),
    (IC, "string.Join(',', registry.Commands.Select(command => command.Name))", "string.Join(\", \", registry.Commands.Select(command => command.Name))", "expr", "features: names joined with ', '"),
    (AV, "version.Split('+')[0]", "version", "expr", "version: build metadata kept"),
    # NetworkOptions, NetworkCommands, registration, CountText (59-67)
    (NO, "TimeSpan.FromSeconds(50)", "TimeSpan.FromSeconds(60)", "expr", "network options: default deadline 60 s, all of Nova's wait"),
    (NO, "value is > 0 and < 1", "value is >= 0 and < 1", "expr", "network options: a rollback share of 0 accepted"),
    (NO, "TimerDelay.Fits(value, allowZero: false, allowInfinite: false)", "TimerDelay.Fits(value, allowZero: false, allowInfinite: true)", "expr", "network options: an infinite deadline accepted"),
    (NO, "ConfiguredDirectory.Require(value, \"state directory\", nameof(StateDirectory))", "value", "expr", "network options: state directory not checked"),
    (NC, "options ?? new NetworkOptions()", "new NetworkOptions()", "expr", "resetnetwork: registered options ignored"),
    (NC, "RequestLogger.For(_logger, context.RequestId)", "_logger", "expr", "resetnetwork: lines without the request id"),
    (NS, "options is null ? services : services.Add(options)", "services", "expr", "registration: the options not registered"),
    (CT, "count == 1 ? one : many", "count <= 1 ? one : many", "expr", "count text: '0 file'"),
    (CT, "count.ToString(CultureInfo.InvariantCulture)", "count.ToString(\"N0\", CultureInfo.InvariantCulture)", "expr", "count text: thousands separated"),
]
