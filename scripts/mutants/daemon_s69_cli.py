# Mutants of session 69's command-line and configuration-file leftovers: --help/-h after a verb taking no
# value (VerbOptions.Read), and the configuration file read no further than its 1 MiB limit with a read
# failure named in the system's words (ConfigurationReader.ReadAtMostLimit, SystemReason). Killed by
# CommandLineParserTests and ConfigurationFileLimitsTests (in-process). The XENSTORED_RUNDIR changes
# (UnixSocketPathLength.EnvironmentEndpoint's UTF-8 check, AnchorRunDirectory) read the process's own
# environment and are covered end to end only (NonUtf8ArgumentTests, XenstoredPathVariableTests, published binary).
# Outcome (session 69): 5 of 5 killed (run from a clone of main): 1 by CommandLineParserTests, 2–5 by ConfigurationFileLimitsTests.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*CommandLineParserTests", "-class", "*ConfigurationFileLimitsTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
V = "src/Agent.Daemon/Cli/VerbOptions.cs"
C = "src/Agent.Daemon/Configuration/ConfigurationReader.cs"
MUTANTS = [
    (V, "text is null ? null : throw reader.Error($\"option '{option}' takes no value\")", "null", "expr",
     "--help=x after a verb taken as the help"),
    (C, "length > MaxFileBytes", "length > MaxFileBytes + 1", "expr",
     "one byte past the limit accepted"),
    (C, "(int)Math.Min(stream.Length, MaxFileBytes) + 1", "(int)Math.Min(stream.Length, MaxFileBytes)", "expr",
     "the read stopping at the limit: an oversized file read as its first mebibyte"),
    (C, "System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(io.HResult)", "io.Message", "expr",
     "a read failure named in .NET's sentence (stat failed for '…': …)"),
    (C, "bytes = ReadAtMostLimit(path);", "bytes = File.ReadAllBytes(path);", "stmt",
     "the file read whole, whatever its size"),
]
