# Mutants of the daemon's hosting and its Nova-side client: the instance lock, the probe for a
# resetnetwork waiting at start and the watch for its answer, sd_notify, /proc/self/smaps and the
# release of the executable's start-up pages, the composition of services, registry and exchange
# (Hosting/), and what `call` and `set-password` write and read (NovaHost/: the Python-json request,
# the wait for the answer, its reading and printing, the key exchange).
# Only in-process tests run (no published daemon needed; the end-to-end tests are left out).
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_hosting.py
# Outcome (2026-11-30): 46 mutants (68 now, see below), all killed, every one by the in-process tests (no mutant needed
# the published daemon). Against the tests as they were, 14 survived, all test gaps, now killed by
# new tests: a state directory refused with EACCES (2) and a new one's private mode (3)
# (InstanceLockTests); the probe for a waiting resetnetwork (5-6, PendingRequestProbeTests, against
# the in-process XenStore server) and the watch for its answer (7-8, ResetNetworkWatchTests); an
# empty NOTIFY_SOCKET (10); injected files' owner and agentupdate's staging directory (21, 23,
# AgentCompositionTests); \b and \f as Python writes them (41-42, checked against python3 itself);
# set-password's keyinit answer, its key as a string of digits and the SHA-256 derivation (44-46,
# NovaPasswordSetterTests, playing the agent over the in-process XenStore).
# 2026-12-01: call reads the answer as Nova's plugin does (xenstore-read's escaping, then strip): the
# strip mutant (35) rewritten for it, and 36-41 added (the raw read, the backslash, line feed, tab,
# octal and hex escapes); those 7 run, all killed (NovaReadingTests, against xenstore-read and
# python3; NovaAgentCallTests; PrintableAnswerTests). The batch now has 52 mutants; numbers named
# above from 36 on are 6 higher now.
# Session 22 (nova): 53-68 added for call's request as xenstore-write stores it (NovaAgentCall,
# XenStoreWriteText); run, all 16 killed (NovaWritingTests, against the real xenstore-write;
# 55 also by PrintableAnswerTests).
# Mutants 33 and 42 are killed only by a hang (TIMEOUT): the tests wait on a manual clock for a
# removal or an answer that the mutant never makes.
# Session 28 (keyed): 27 retargeted (the grouping now also takes the service key): re-run, killed.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "GuestAgent.Daemon.Tests.Hosting.*", "-class", "GuestAgent.Daemon.Tests.NovaHost.*",
             "-class", "*DemoVerbTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 120
I = "src/Agent.Daemon/Hosting/InstanceLock.cs"
N = "src/Agent.Daemon/Hosting/PendingRequestProbe.cs"
W = "src/Agent.Daemon/Hosting/ResetNetworkWatch.cs"
Y = "src/Agent.Daemon/Hosting/SystemdNotifier.cs"
K = "src/Agent.Daemon/Hosting/SmapsReader.cs"
MM = "src/Agent.Daemon/Hosting/MemoryMapping.cs"
T = "src/Agent.Daemon/Hosting/StartupPageRelease.cs"
A = "src/Agent.Daemon/Hosting/AgentComposition.cs"
R = "src/Agent.Daemon/NovaHost/AgentResponseReader.cs"
C = "src/Agent.Daemon/NovaHost/NovaAgentCall.cs"
J = "src/Agent.Daemon/NovaHost/PythonJson.cs"
Z = "src/Agent.Daemon/NovaHost/PrintableAnswer.cs"
X = "src/Agent.Daemon/NovaHost/NovaPasswordSetter.cs"
S = "src/Agent.Daemon/NovaHost/XenStoreReadText.cs"
WT = "src/Agent.Daemon/NovaHost/XenStoreWriteText.cs"
MUTANTS = [
    # The instance lock
    (I, "taken ?? throw new DaemonException(\n            $\"another guest-agent run is already serving from this state directory: {LockFileOnHost(fileSystem, path)} is locked; stop it first (the lock is released when it exits)\")", "taken", "expr",
     "lock: a lock held by another run ignored (two agents serve)"),
    (I, "error is IOException or UnauthorizedAccessException", "error is IOException", "expr",
     "lock: a state directory it may not write ends the run instead of serving unguarded"),
    (I, "fileSystem.CreateDirectory(settings.StateDirectory, PrivateDirectory);", "fileSystem.CreateDirectory(settings.StateDirectory, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);", "stmt",
     "lock: a missing state directory created readable by all"),
    (I, "fileSystem.CreateDirectory(settings.StateDirectory, PrivateDirectory);", "", "stmt",
     "lock: a missing state directory not created (the run serves unguarded)"),
    # A resetnetwork waiting at start, and its answer
    (N, "NovaRequestReader.IsCommand(request, \"resetnetwork\"u8)", "true", "expr",
     "probe: any request waiting taken for a resetnetwork"),
    (N, "return true;", "", "stmt",
     "probe: a resetnetwork waiting not seen"),
    (W, "!_firstAnswered.Task.IsCompleted && NovaRequestReader.IsCommand(request, \"resetnetwork\"u8)", "!_firstAnswered.Task.IsCompleted", "expr",
     "watch: any answer taken for the resetnetwork's"),
    (W, "NoticeAnswered(data.Span);", "", "stmt",
     "watch: answers delivered through the exchange not noticed"),
    # sd_notify
    (Y, "address[0] == '@' ? \"\\0\" + address[1..] : address", "address", "expr",
     "notify: an abstract socket name taken for a path"),
    (Y, "string.IsNullOrEmpty(address)", "address is null", "expr",
     "notify: an empty NOTIFY_SOCKET taken for a socket"),
    (Y, "$\"READY=1\\nSTATUS={status}\\nMAINPID={Environment.ProcessId}\"", "$\"READY=1\\nSTATUS={status}\"", "expr",
     "notify: READY without MAINPID"),
    (Y, "$\"STOPPING=1\\nSTATUS={status}\"", "$\"STATUS={status}\"", "expr",
     "notify: STOPPING=1 not sent"),
    # smaps and the start-up pages
    (K, "line.Split(' ').Contains(\"lo\")", "false", "expr",
     "smaps: a locked mapping not read as locked"),
    (K, "yield return finished;", "", "stmt",
     "smaps: only the last mapping returned"),
    (K, "fields.Length == 6 ? fields[5].TrimStart(' ') : \"\"", "fields.Length == 6 ? fields[5] : \"\"", "expr",
     "smaps: the path keeps the run of spaces before it"),
    (K, "space < 0 ? value : value[..space]", "value", "expr",
     "smaps: a size with its unit ('64 kB') not read"),
    (MM, "AnonymousKib == 0 && SwapKib == 0", "AnonymousKib == 0", "expr",
     "mapping: written pages in swap not seen"),
    (MM, "Permissions[1] == '-' && Permissions[3] == 'p'", "Permissions[3] == 'p'", "expr",
     "mapping: a writable mapping taken for read-only"),
    (T, "mapping.ResidentKib > 0", "mapping.ResidentKib >= 0", "expr",
     "release: a mapping with nothing resident released"),
    (T, "!mapping.Locked", "true", "expr",
     "release: a locked mapping released"),
    # Composition
    (A, "settings.Root != \"/\"", "false", "expr",
     "composition: under a development root new injected files given to root"),
    (A, "settings.InjectFileDirectories ?? [\"/\"]", "settings.InjectFileDirectories ?? []", "expr",
     "composition: injectfile allowed nowhere by default"),
    (A, "settings.StateDirectory.TrimEnd('/') + \"/updates\"", "settings.StateDirectory + \"updates\"", "expr",
     "composition: agentupdate staged beside the state directory"),
    (A, "registry.Commands.Count == 0", "false", "expr",
     "composition: no warning when no command is enabled"),
    (A, "enabled is null", "true", "expr",
     "composition: commands.enabled ignored"),
    (A, "settings.StateDirectoryOnDisk", "settings.StateDirectory", "expr",
     "composition: the journal under the state directory as the commands see it, not on disk"),
    (A, "(service.CommandClass, service.Service, service.ServiceKeyText)", "(service.CommandClass, Service: service.CommandName, service.ServiceKeyText)", "expr",
     "composition: a missing service logged once per command, not per class and service"),
    # Reading and printing the answer
    (R, "code.ValueKind == JsonValueKind.String", "true", "expr",
     "response: a number returncode not refused with the reader's error"),
    (R, "message.GetString()!.Replace(\"\\\\r\\\\n\", \"\", StringComparison.Ordinal)", "message.GetString()!", "expr",
     "response: the old agents' literal \\r\\n kept"),
    (Z, "SingleLineText.IsSafe(response)", "true", "expr",
     "print: an answer holding terminal controls printed as is"),
    (Z, "JavaScriptEncoder.Default", "JavaScriptEncoder.UnsafeRelaxedJsonEscaping", "expr",
     "print: the rewritten answer keeps what the relaxed encoder leaves"),
    # The call
    (C, "await _xenstore.TryReadAsync(NamePath, bounded.Token).ConfigureAwait(false) is null", "false", "expr",
     "call: a domain that does not exist not checked (the WRITE creates its nodes)"),
    (C, "sending = true;", "", "stmt",
     "call: a timeout after the WRITE taken for one before it (the request not withdrawn)"),
    (C, "throw cancellationToken.IsCancellationRequested\n                ? NovaCallInterruptedException.NothingSent(cancellationToken)\n                : new DaemonException($\"TIMEOUT: No response from XenStore within {Seconds(timeout)} seconds; the request was not sent.\");", "throw NovaCallInterruptedException.NothingSent(cancellationToken);", "stmt",
     "call: a XenStore mute while the domain is checked reported as an interruption, not a timeout"),
    (C, "XenStoreReadText.Of(response).Trim()", "XenStoreReadText.Of(response)", "expr",
     "call: the response not stripped as the plugin's read_record does"),
    (C, "XenStoreReadText.Of(response).Trim()", "System.Text.Encoding.UTF8.GetString(response).Trim()", "expr",
     "call: the response read raw, not as xenstore-read prints it (escapes and UTF-8 accepted where Nova fails)"),
    (S, "text.Append(@\"\\\\\")", "text.Append('\\\\')", "expr",
     "xenstore-read text: a backslash not doubled"),
    (S, "text.Append(@\"\\n\")", "text.Append(@\"\\x0a\")", "expr",
     "xenstore-read text: a line feed as \\x0a, not \\n"),
    (S, "text.Append(@\"\\t\")", "text.Append('\\t')", "expr",
     "xenstore-read text: a tab printed as it is"),
    (S, "text.Append('\\\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)))", "text.Append(@\"\\x0\").Append((char)('0' + b))", "expr",
     "xenstore-read text: the bytes 0-7 as hex, not three octal digits"),
    (S, "HexDigits[b >> 4]", "char.ToUpperInvariant(HexDigits[b >> 4])", "expr",
     "xenstore-read text: upper-case hex"),
    (C, "await _xenstore.TryReadAsync(NamePath, cancellationToken).ConfigureAwait(false) is null", "false", "expr",
     "call: a domain gone while waiting not reported as a reboot"),
    (C, "failure is null ? \"\" : \".\" + NotWithdrawn(failure)", "\".\" + NotWithdrawn(failure)", "expr",
     "call: a reboot whose request was withdrawn says it was not"),
    (C, "gone.ErrorName == XenStoreErrors.NotFound", "false", "expr",
     "call: a destroyed domain's missing request called a failed withdrawal"),
    # Python's json.dumps
    (J, "firstMember ? \"\" : \", \"", "firstMember ? \"\" : \",\"", "expr",
     "python json: object members separated without the space"),
    (J, "firstItem ? \"\" : \", \"", "firstItem ? \"\" : \",\"", "expr",
     "python json: array items separated without the space"),
    (J, "text.Append(\"\\\\b\")", "text.Append(\"\\\\u0008\")", "expr",
     "python json: a backspace written \\u0008, not \\b"),
    (J, "text.Append(\"\\\\f\")", "text.Append(\"\\\\u000c\")", "expr",
     "python json: a form feed written \\u000c, not \\f"),
    (J, "((int)c).ToString(\"x4\", CultureInfo.InvariantCulture)", "((int)c).ToString(\"X4\", CultureInfo.InvariantCulture)", "expr",
     "python json: upper-case hex escapes"),
    # set-password
    (X, "code != \"D0\"", "code != \"0\" && code != \"D0\"", "expr",
     "set-password: a keyinit answered '0' taken as success"),
    (X, "$\"\\\"{publicKey}\\\"\"", "publicKey", "expr",
     "set-password: the public key sent as a JSON number, not a string of digits"),
    (X, "NovaCipherDigest.Sha256", "NovaCipherDigest.Md5", "expr",
     "set-password: the password encrypted with the MD5 key derivation"),
    # Session 22 (nova): call writes the request as xenstore-write stores it.
    (C, "_xenstore.WriteAsync(requestPath, stored, bounded.Token)", "_xenstore.WriteAsync(requestPath, typed, bounded.Token)", "expr",
     "call: the request written raw, not as xenstore-write stores it"),
    (C, "RequestUnescaped?.Invoke(request, XenStoreReadText.Of(stored));", "", "stmt",
     "call: no note when the agent gets something other than the typed request"),
    (C, "!stored.AsSpan().SequenceEqual(typed)", "true", "expr",
     "call: the note printed for every request"),
    (WT, "stored.Add((byte)'\\t');", "stored.Add((byte)'t');", "stmt",
     "write text: \\t not un-escaped"),
    (WT, "stored.Add((byte)'\\n');", "stored.Add((byte)'n');", "stmt",
     "write text: \\n not un-escaped"),
    (WT, "stored.Add(0);", "", "stmt",
     "write text: a final backslash stores nothing (the tool stores a NUL)"),
    (WT, "stored.Add(escaped);", "stored.Add((byte)'\\\\'); stored.Add(escaped);", "stmt",
     "write text: the backslash before another character kept"),
    (WT, "hexLength == 0 ? (byte)'x' : hex", "hex", "expr",
     "write text: \\x without a number stores 0, not x"),
    (WT, "ScanOctal(argument[(i - 1)..])", "ScanOctal(argument[i..])", "expr",
     "write text: an octal escape's first digit skipped"),
    (WT, "Math.Min(text.Length, 3)", "Math.Min(text.Length, 2)", "expr",
     "write text: octal escapes read two digits, not three"),
    (WT, "Math.Min(text.Length, i + 2)", "Math.Min(text.Length, i + 3)", "expr",
     "write text: hex escapes read three characters, not two"),
    (WT, "negative ? -value : value", "value", "expr",
     "write text: a minus sign in a hex escape ignored"),
    (WT, "i + 1 < end && text[i] == (byte)'0' && text[i + 1] is (byte)'x' or (byte)'X'", "false", "expr",
     "write text: a 0x prefix in a hex escape not read"),
    (WT, "IsSpace(text[i])", "false", "expr",
     "write text: white space before a hex escape's number not skipped"),
    (WT, "b is (byte)' ' or (>= (byte)'\\t' and <= (byte)'\\r')", "b is (byte)' '", "expr",
     "write text: only a space skipped, not tab to carriage return"),
    (WT, "b - 'A' + 10", "-1", "expr",
     "write text: upper-case hex digits not read"),
]
