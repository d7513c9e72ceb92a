# Mutants of the password path: the cipher's padding and plaintext checks, the shadow file edit,
# injectfile's path validation, the Diffie-Hellman key checks. Run: scripts/mutants/mutate.py scripts/mutants/password.py
# Session 57: mutant 9 retargeted at the last-change statement that leaves day 0 empty; run again, killed.
# Session 67: injectfile now drops a path's empty and '.' components (as the kernel and the original agent read them):
# mutants 11 and 12, which accepted those, now accept a trailing '.' and a '..' instead (commands_s67_injectpath.py has
# the rest of the new rule). Rerun (session 67): both killed.
# Session 68: mutant 9 retargeted at ShadowFile.Replace's last-change statement (the line musl reads gets the day too); rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NovaPasswordCipherTests", "-class", "*PasswordCommandTests", "-class", "*MasterPasswdTests",
             "-class", "*InjectFileCommandsTests", "-class", "*NovaDiffieHellmanTests", "-class", "*KeyInitCommandTests", "-class", "*ShadowFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
C = "src/Agent.Commands/Security/NovaPasswordCipher.cs"
S = "src/Agent.Commands/Security/ShadowFile.cs"
I = "src/Agent.Commands/Files/InjectedPath.cs"
D = "src/Agent.Commands/Security/NovaDiffieHellman.cs"
MUTANTS = [
    (C, "bad |= padded[i] ^ pad;", "bad |= 0;", "stmt", "padding: only the last byte checked"),
    (C, "pad is < 1 or > BlockSize", "pad is < 1 or >= BlockSize", "expr", "padding: a full pad block refused"),
    (C, "length <= 0", "length < 0", "expr", "empty plaintext (one full pad block) reaches padded[-1]"),
    (C, "padded[length - 1] != (byte)'\\n'", "false", "expr", "trailing newline not required"),
    (C, "System.Text.Rune.IsControl(rune)", "false", "expr", "control characters allowed"),
    (S, "user + \":\"", "user", "expr", "shadow: user matched without ':' (root2 matches root)"),
    (S, "fields.Length < 3", "fields.Length < 2", "expr", "shadow: two-field entry accepted"),
    (S, "(carriageReturn ? \"\\r\" : \"\")", "\"\"", "expr", "shadow: CR of a CRLF entry dropped"),
    (S, "fields[2] = lastChange;", "", "stmt", "shadow: last-change day not updated"),
    (S, "string.Concat(text.AsSpan(0, start), replaced, text.AsSpan(lineEnd))", "string.Concat(replaced, text.AsSpan(lineEnd))", "expr", "shadow: lines before the entry dropped"),
    (I, "segments[^1] is \"\" or \".\"", "segments[^1] is \"\"", "expr", "injectfile: a trailing '.' accepted"),
    (I, "segments.Contains(\"..\")", "false", "expr", "injectfile: a '..' segment accepted"),
    (I, "trimmed.Length == 0", "false", "expr", "injectfile: allow-list '/' allows nothing"),
    (I, "path.Contains('\\0', StringComparison.Ordinal)", "false", "expr", "injectfile: NUL not refused early"),
    (D, "text.IsEmpty || text.Length > MaxDigits", "text.IsEmpty", "expr", "DH: no digit limit"),
    (D, "publicKey <= Prime - 2", "publicKey < Prime", "expr", "DH: p-1 accepted"),
]
