# Mutants of `guest-agent xenstored`'s limit options: the BYTES parser (ByteCount: K/M/G suffixes,
# overflow), the counts and their bounds (VerbOptions), the option names, the refusal of a guest
# quota without --guest-socket (CommandLineParser), the mapping to the server's options
# (XenstoredLimits), the limits line at start-up (XenstoredVerb.DescribeLimits) and the help layout
# of a syntax wider than its column (HelpText). Only in-process tests run (no published daemon needed).
# Run: scripts/mutants/mutate.py scripts/mutants/xenstored_limits.py
# Outcome (session 14): 29 killed of 29. Before this batch's tests, 6 survived in-process: the
# overflow check (a suffixed count wrapping to a small positive number), the limits line's guest part
# and its transaction-node figure, the server ignoring the limits (only the published daemon's
# XenstoredLimitsTests saw that), and the help layout at and past the option column. Killed by
# CommandLineParserTests' 18014398509481989K case and zero-quota test, XenstoredLimitsDescriptionTests
# (DescribeLimits, and the verb run in-process until it logs its limits) and HelpLayoutTests.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*CommandLineParserTests", "-class", "*ProgramTests", "-class", "*HelpDocumentationTests",
             "-class", "*XenstoredLimitsDescriptionTests", "-class", "*HelpLayoutTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 300
B = "src/Agent.Daemon/Cli/ByteCount.cs"
V = "src/Agent.Daemon/Cli/VerbOptions.cs"
C = "src/Agent.Daemon/Cli/CommandLineParser.cs"
L = "src/Agent.Daemon/Cli/XenstoredLimits.cs"
H = "src/Agent.Daemon/Cli/HelpText.cs"
X = "src/Agent.Daemon/Verbs/XenstoredVerb.cs"
MUTANTS = [
    # BYTES
    (B, "1L << 10", "1000L", "expr",
     "bytes: K is a thousand, not 1024"),
    (B, "1L << 20", "1_000_000L", "expr",
     "bytes: M is a million, not 1024 * 1024"),
    (B, "1L << 30", "(1L << 20)", "expr",
     "bytes: G read as M"),
    (B, "char.ToUpperInvariant(text[^1])", "text[^1]", "expr",
     "bytes: a lower-case suffix (1k) refused"),
    (B, "NumberStyles.None", "NumberStyles.Integer", "expr",
     "bytes: signs and surrounding white space accepted"),
    (B, "count > long.MaxValue / multiplier", "false", "expr",
     "bytes: a count that overflows with its suffix wraps around instead of being refused"),
    (B, "digits = text[..^1];", "digits = text;", "stmt",
     "bytes: the suffix is kept in the digits (every suffixed value refused)"),
    # Counts and bounds
    (V, "bytes >= minimum && bytes <= maximum", "bytes > minimum && bytes <= maximum", "expr",
     "bytes: the minimum itself (4112, node size 0) refused"),
    (V, "bytes >= minimum && bytes <= maximum", "bytes >= minimum", "expr",
     "bytes: no maximum (a node size of 2G cast to a negative int)"),
    (V, "ParseBytes(reader, option, value, XenStoreServerOptions.MinQueuedBytesPerConnection, long.MaxValue)",
     "ParseBytes(reader, option, value, 0, long.MaxValue)", "expr",
     "--max-queued-bytes: below one message (4112) accepted (the server then throws at start)"),
    (V, "Limits = Limits with { GuestMaxNodeSize = (int)ParseBytes(reader, option, value, 0, int.MaxValue) };",
     "Limits = Limits with { GuestMaxNodeSize = ParseCount(reader, option, value) };", "stmt",
     "--guest-max-node-size: no K/M/G suffix"),
    (V, "(int)ParseBytes(reader, option, value, 0, int.MaxValue)", "(int)ParseBytes(reader, option, value, 1, int.MaxValue)", "expr",
     "--guest-max-node-size: 0 refused"),
    (V, "int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)\n            ? count\n            : throw reader.Error($\"option '{option}' needs a whole number from 0 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}, not '{text}'\")",
     "int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var signed) ? signed : throw reader.Error($\"option '{option}' needs a whole number, not '{text}'\")", "expr",
     "counts: a negative quota accepted"),
    (V, "Limits = Limits with { GuestMaxTransactionNodes = ParseCount(reader, option, value) };",
     "Limits = Limits with { GuestMaxTransactions = ParseCount(reader, option, value) };", "stmt",
     "--guest-max-transaction-nodes sets the transaction quota"),
    (V, "Limits = Limits with { GuestMaxPermissions = ParseCount(reader, option, value) };", "Limits = Limits with { GuestMaxWatches = ParseCount(reader, option, value) };", "stmt",
     "--guest-max-permissions read as --guest-max-watches"),
    (V, "options.Given = given;", "", "stmt",
     "the options given are not kept (a quota without a guest socket goes unnoticed)"),
    # Quota without a guest socket
    (C, "options.GuestSocketPath is null", "options.GuestDomainId is null", "expr",
     "xenstored: a quota with --guest-domid but no --guest-socket accepted"),
    (C, "options.Given & VerbCatalog.GuestQuotas", "options.Given & (VerbCatalog.GuestQuotas & ~VerbOption.GuestMaxTransactionNodes)", "expr",
     "xenstored: --guest-max-transaction-nodes without a guest socket accepted"),
    (C, "options.Given & VerbCatalog.GuestQuotas", "options.Given & (VerbCatalog.GuestQuotas | VerbOption.MaxQueuedBytes)", "expr",
     "xenstored: --max-queued-bytes (which limits dom0 too) refused without a guest socket"),
    (C, "new XenstoredInvocation(socket, options.GuestDomainId, options.GuestSocketPath, options.Limits)",
     "new XenstoredInvocation(socket, options.GuestDomainId, options.GuestSocketPath)", "expr",
     "xenstored: the limits given are dropped"),
    # Mapping to the server's options
    (L, "MaxQueuedBytes ?? defaults.MaxQueuedBytesPerConnection", "defaults.MaxQueuedBytesPerConnection", "expr",
     "limits: --max-queued-bytes never reaches the server"),
    (L, "GuestMaxWatches ?? defaults.MaxWatchesPerDomain", "GuestMaxTransactions ?? defaults.MaxWatchesPerDomain", "expr",
     "limits: the watch quota takes the transaction quota's value"),
    (L, "GuestMaxTransactionNodes ?? defaults.MaxNodesPerTransaction", "GuestMaxTransactionNodes ?? 0", "expr",
     "limits: no transaction-node quota given means 0, not the default"),
    # The limits line
    (X, "invocation.GuestSocketPath is not null", "true", "expr",
     "limits line: guest quotas listed without a guest socket"),
    (X, "options.MaxNodesPerTransaction", "options.MaxNodesPerDomain", "expr",
     "limits line: the transaction-node quota shows the node quota"),
    (X, "new XenStoreServer(invocation.Limits.ToServerOptions())", "new XenStoreServer()", "expr",
     "xenstored: the server ignores the limits given"),
    # Help layout
    (H, "syntax.Length < OptionColumn", "true", "expr",
     "help: a syntax wider than its column runs into its explanation"),
    (H, "syntax.Length < OptionColumn", "syntax.Length <= OptionColumn", "expr",
     "help: a syntax exactly as wide as its column runs into its explanation"),
    (H, "text.Append(indent).Append(syntax).Append('\\n').Append(column).Append(explanation[0]).Append('\\n');",
     "text.Append(indent).Append(syntax).Append('\\n').Append(indent).Append(explanation[0]).Append('\\n');", "stmt",
     "help: a long syntax's explanation is not indented to the column"),
]
