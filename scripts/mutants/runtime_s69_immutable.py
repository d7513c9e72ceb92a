# Mutants of session 69's IFileSystem.IsImmutable in RootedFileSystem and the statx attribute it reads
# (RawStatus.IsImmutable, STATX_ATTR_IMMUTABLE in stx_attributes at offset 8). Killed by
# ImmutableResolvConfResetTests (the real chattr +i on a Debian root: resetnetwork leaves the file and succeeds).
# Outcome (session 69): 3 of 3 killed (run from a clone of main), all by ImmutableResolvConfResetTests; mutant 1 survived
# the first run (every test file either pinned or left alone) and was killed once a test wrote an unpinned resolv.conf.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.ImmutableResolvConfResetTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
L = "src/Agent/System/Native/LibC.cs"
R = "src/Agent/System/RootedFileSystem.cs"
MUTANTS = [
    (L, "(BitConverter.ToUInt64(buffer, 8) & StatxAttributeImmutable) != 0", "(BitConverter.ToUInt64(buffer, 56) & StatxAttributeImmutable) != 0", "expr",
     "the attribute read from stx_attributes_mask (what the file system supports), not stx_attributes"),
    (L, "(BitConverter.ToUInt64(buffer, 8) & StatxAttributeImmutable) != 0", "(BitConverter.ToUInt64(buffer, 8) & 0x20) != 0", "expr",
     "the append-only bit taken for the immutable one"),
    (R, "LibC.LStat(HostPath(path, followFinalLink: false)) is { IsImmutable: true }", "false", "expr",
     "no file ever immutable"),
]
