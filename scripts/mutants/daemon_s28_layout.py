# Mutants of session 28's check of the daemon's layout list (src/Agent.Daemon/hot-methods.order) against the
# build: the NativeAOT names worked out from metadata (NativeAotNames: sanitizing, numbering clashes, type,
# nested-type and method names) and the reading of the list (HotMethodsOrder: which entries are ours, the
# bracketed instantiations taken off, the compiler's own methods, which assemblies are ours). The code under
# test is in the test project itself, so the switches go there. NativeAotSymbolsTests compares the names with
# the published daemon's symbols: run with GUEST_AGENT_BINARY naming one, or it skips.
# Not mutated: the order of a type's methods (the set of names a type's methods get does not depend on it,
# so no check of the list could tell), the skip of an empty line (an empty entry is not ours either way).
# Run: GUEST_AGENT_BINARY=$PWD/artifacts/guest-agent/linux-x64/guest-agent scripts/mutants/mutate.py scripts/mutants/daemon_s28_layout.py
# Outcome (session 28, 2026-12-01, with GUEST_AGENT_BINARY set): 26 mutants, all killed (NativeAotNamesTests,
# HotMethodsOrderTests, NativeAotSymbolsTests; one build, then about 2 s a mutant). 17 survived the first run
# (no framework entry with ours inside its name) and was killed once Entries_naming_the_framework_are_not_checked
# had one.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*NativeAotNamesTests", "-class", "*HotMethodsOrderTests", "-class", "*NativeAotSymbolsTests"]
SWITCH_NS = "GuestAgent.Daemon.Tests.MutantSwitches"
SWITCH_DIR = "tests/Agent.Daemon.Tests"
TIMEOUT = 300
N = "tests/Agent.Daemon.Tests/Layout/NativeAotNames.cs"
H = "tests/Agent.Daemon.Tests/Layout/HotMethodsOrder.cs"
MUTANTS = [
    (N, "char.IsAsciiLetterOrDigit(c) ? c : '_'", "char.IsAsciiLetter(c) ? c : '_'", "expr",
     "names: digits made underscores"),
    (N, "char.IsAsciiLetterOrDigit(c) ? c : '_'", "char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_'", "expr",
     "names: dots kept (a namespace written as in C#)"),
    (N, "char.IsAsciiDigit(c) && i == 0", "false", "expr",
     "names: no underscore before a leading digit"),
    (N, "char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])", "false", "expr",
     "names: a character outside the BMP made two underscores"),
    (N, "$\"{name}_{counter}\"", "$\"{name}_{counter + 1}\"", "expr",
     "clashes: numbered from 1, not 0"),
    (N, "$\"{name}_{counter}\"", "$\"{name}{counter}\"", "expr",
     "clashes: the number without its underscore"),
    (N, "own.Add(name);", "", "stmt",
     "clashes: overloads not numbered (every constructor _ctor)"),
    (N, "types.Add(typeName);", "", "stmt",
     "clashes: types whose names clash not numbered"),
    (N, "reader.TypeDefinitions", "reader.TypeDefinitions.Reverse()", "expr",
     "clashes: types numbered in reverse metadata order",
     "foreach (var handle in reader.TypeDefinitions)"),
    (N, "typeName + \"__\" + name", "typeName + \"_\" + name", "expr",
     "methods: one underscore between type and method"),
    (N, "TypeName(reader, declaring) + \"_\" + name", "TypeName(reader, declaring) + \"__\" + name", "expr",
     "nested types: two underscores after the containing type"),
    (N, "TypeName(reader, declaring) + \"_\" + name", "name", "expr",
     "nested types: named without their containing type"),
    (N, "space.Length == 0 ? name : Sanitize(space) + \"_\" + name", "name", "expr",
     "types: named without their namespace"),
    (N, "Sanitize(reader.GetString(reader.GetAssemblyDefinition().Name)) + \"_\"",
     "reader.GetString(reader.GetAssemblyDefinition().Name) + \"_\"", "expr",
     "assemblies: the name not sanitized (guest-agent, GuestAgent.Commands)"),
    (H, "line.Trim()", "line", "expr",
     "list: an entry read with its surrounding blanks"),
    (H, "(name ?? called).StartsWith(a.AssemblyPrefix, StringComparison.Ordinal)",
     "entry.StartsWith(a.AssemblyPrefix, StringComparison.Ordinal)", "expr",
     "list: an entry with a bracketed prefix (<Boxed>) never checked"),
    (H, "(name ?? called).StartsWith(a.AssemblyPrefix, StringComparison.Ordinal)",
     "(name ?? called).Contains(a.AssemblyPrefix, StringComparison.Ordinal)", "expr",
     "list: the framework's entries checked when they name one of our types anywhere"),
    (H, "unboxed < 0 ? entry : entry[(unboxed + Unbox.Length)..]", "entry", "expr",
     "list: an unboxing stub looked up by its own name, not the method it calls"),
    (H, "name is null", "false", "expr",
     "list: an entry whose brackets do not pair up looked up anyway"),
    (H, "IsSynthesized(name, assemblies)", "false", "expr",
     "list: the compiler's own methods (the entry point's wrappers) called stale"),
    (H, "assemblies.Any(a => a.Types.Contains(name[..^suffix.Length]))", "true", "expr",
     "list: a compiler's own method accepted on a type that does not exist"),
    (H, "\"StartupCodeMain\"", "\"StartupCode\"", "expr",
     "list: the start-up wrapper not known as the compiler's own"),
    (H, "name.StartsWith(\"GuestAgent\", StringComparison.Ordinal)", "name == \"GuestAgent\"", "expr",
     "assemblies: the built-in commands' assembly not read"),
    (H, "--depth < 0", "--depth < -1", "expr",
     "brackets: a closing bracket without its opening one let through"),
    (H, "depth == 0 ? result.ToString() : null", "result.ToString()", "expr",
     "brackets: a bracket left open let through"),
    (H, "depth == 0", "true", "expr",
     "brackets: the text inside brackets kept", "else if (depth == 0)"),
]
