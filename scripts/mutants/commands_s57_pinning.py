# Mutants of session 57's pinning check: each puts one secret-holding array back on the ordinary heap,
# where the collector may move it before its zeroing and leave a stale copy. SecretsInMemoryTests (the
# published daemon's memory) sees such a copy only when a collection moves the array at the wrong moment,
# about one run in three, so commands_s56_secrets.py left `pinned: true` unmutated; SecretArrayPinningTests
# (tests/Agent.Commands.Tests/Security/) checks the generation a fresh array is in and must kill each every time.
# Outcome (session 57): 8 of 8 killed, each by the test of the array it unpins (the allocator's three forms
# by several).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.SecretArrayPinningTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
S = "src/Agent.Commands/Security/"
MUTANTS = [
    (S + "SecretArray.cs", "GC.AllocateArray<byte>(length, pinned: true)", "GC.AllocateArray<byte>(length, pinned: false)", "expr",
     "Allocate(int): an ordinary array"),
    (S + "SecretArray.cs", "GC.AllocateArray<T>(checked((int)length), pinned: true)", "GC.AllocateArray<T>(checked((int)length), pinned: false)", "expr",
     "Allocate<T>(long): ordinary words"),
    (S + "SecretArray.cs", "GC.AllocateUninitializedArray<byte>(source.Length, pinned: true)", "GC.AllocateUninitializedArray<byte>(source.Length, pinned: false)", "expr",
     "CopyOf: an ordinary copy"),
    (S + "NovaDiffieHellman.cs", "SecretArray.Allocate(written)", "new byte[written]", "expr",
     "keyinit: the shared secret's digits in an ordinary array"),
    (S + "NovaPasswordCipher.cs", "SecretArray.CopyOf(padded.AsSpan(0, length))", "padded.AsSpan(0, length).ToArray()", "expr",
     "decryption: the plaintext returned in an ordinary array"),
    (S + "YescryptWorkspace.cs", "SecretArray.Allocate<uint>(checked((long)s * (long)n))", "new uint[checked((long)s * (long)n)]", "expr",
     "yescrypt: V on the ordinary heap"),
    (S + "YescryptWorkspace.cs", "SecretArray.Allocate(32)", "new byte[32]", "expr",
     "yescrypt: the HMAC key on the ordinary heap"),
    (S + "YescryptPwxform.cs", "SecretArray.Allocate<uint>(SWords)", "new uint[SWords]", "expr",
     "yescrypt: a lane's S-boxes on the ordinary heap"),
]
