# Mutants of "zero key material after use" (session 56), killed only by reading the published daemon's
# memory: each leaves one copy of a secret unzeroed, and SecretsInMemoryTests (tests/Agent.Daemon.Tests/
# EndToEnd/) must then find the password, the shared secret's decimal text or a derived AES key or IV in
# the agent's writable memory after Nova's keyinit and password. This is also the proof that the
# memory test can fail: a scan that read nothing useful, or a needle of the wrong bytes, lets them live.
# Stack buffers (2, 4, 7) may be overwritten by later calls before the scan; a survivor there says the
# zeroing is not observable end to end, not that it is useless (the stack of a thread that sleeps keeps it).
# Not mutated: SecretArray's `pinned: true` (a moved array's stale copy shows only when the collector runs
# at the wrong moment, 3 of 8 runs before the fix: a mutant would be killed or not by chance).
# The batch publishes the mutated daemon (PUBLISH).
# Run: scripts/mutants/mutate.py scripts/mutants/commands_s56_secrets.py (a build, a NativeAOT publish, then
# some 12 s a mutant).
# Outcome (session 56, run before and after SecretArray): 9 mutants, 6 killed (1, 3, 5, 6, 8, 9: every
# heap array); 2, 4 and 7 survived both times, the stack buffers, which later calls overwrite before the
# scan. They stay as a record that the stack zeroing is not what this test observes.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*.SecretsInMemoryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
TIMEOUT = 300
S = "src/Agent.Commands/Security/"
MUTANTS = [
    (S + "PasswordCommand.cs", "CryptographicOperations.ZeroMemory(plaintext);", "", "stmt",
     "password: the decrypted plaintext left unzeroed"),
    (S + "NovaPasswordCipher.cs", "CryptographicOperations.ZeroMemory(key);", "", "stmt",
     "decryption: the AES key's stack buffer left unzeroed",
     "CryptographicOperations.ZeroMemory(padded);\n            CryptographicOperations.ZeroMemory(key);"),
    (S + "NovaPasswordCipher.cs", "CryptographicOperations.ZeroMemory(padded);", "", "stmt",
     "decryption: the padded plaintext buffer left unzeroed"),
    (S + "NovaPasswordCipher.cs", "CryptographicOperations.ZeroMemory(hash);", "", "stmt",
     "SHA-256 derivation: the digest (key and IV) left on the stack"),
    (S + "NovaPasswordCipher.cs", "CryptographicOperations.ZeroMemory(keyAndSecret);", "", "stmt",
     "MD5 derivation: the key and passphrase array left unzeroed"),
    (S + "NovaSessionKey.cs", "CryptographicOperations.ZeroMemory(SharedSecret);", "", "stmt",
     "session key: the passphrase left unzeroed when the key is disposed"),
    (S + "NovaDiffieHellman.cs", "CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(digits));", "", "stmt",
     "keyinit: the secret's UTF-16 digits left on the stack"),
    (S + "RootPasswordSetter.cs", "CryptographicOperations.ZeroMemory(passwordCopy);", "", "stmt",
     "setter: its copy of the password left unzeroed"),
    (S + "ShaCrypt.cs", "CryptographicOperations.ZeroMemory(p);", "", "stmt",
     "SHA-crypt: its copy of the password left unzeroed"),
]
