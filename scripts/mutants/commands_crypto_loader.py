# Mutants of the crypt implementations and the libssl look-up beyond security_keys.py (which
# mutates the hasher and CryptBase64, not these): yescrypt's parameter parsing, salt decoding,
# base-64 and its p and t paths, SHA-crypt's rounds and prefix, OpenSslLibrary's names and caching,
# and the loader search path (LD_LIBRARY_PATH, ld.so.conf syntax, multiarch, trusted directories,
# ld.so.cache). Run: scripts/mutants/mutate.py scripts/mutants/commands_crypto_loader.py
# Outcome (2026-11-30): 33 mutants, 12 killed at first; 21 survived, all test gaps, now killed
# (re-run): 1 and 3 (LD_LIBRARY_PATH, the trusted directories), 4 and 8 (a path in a comment,
# ld.so.conf's old "DIR=TYPE"), 9 (a '?' include pattern), 10 (a 32-character
# CLR_OPENSSL_VERSION_OVERRIDE), 15 and 16 (a library only /etc/ld.so.cache records), 18 (N = 2^31),
# 19, 20, 21, 24 and 25 (settings libxcrypt refuses: another flavour, the g parameter, a character
# after t, a salt with bits left over, a 65-byte salt), 26, 27 and 28 (no test hashed with t > 0 or
# p > 1: mkpasswd now checks j75.., j75.1, j75/. and j75/0), 30 and 31 (SHA-crypt rounds below
# 1000 raised to 1000, an explicit rounds=5000 still written; checked with openssl passwd, since
# libxcrypt refuses rounds below 1000). No equivalent mutant; no bug found.
# Session 18 (yescrypt flavours . and /, libxcrypt's N and N/p rules): 18 and 19 follow the code;
# 34-43 added; 18, 19 and 34-43 run: all killed by YescryptTests as written.
# Session 70: mutant 17 retargeted at the ELF header's magic (the class and machine check); it survived until
# LoaderSearchPathTests.A_file_whose_header_is_right_but_for_the_elf_magic_is_not_taken was added; rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.ShaCryptTests", "-class", "*.YescryptTests", "-class", "*.LoaderSearchPathTests", "-class", "*.OpenSslLibraryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
L = "src/Agent.Commands/LoaderSearchPath.cs"
O = "src/Agent.Commands/OpenSslLibrary.cs"
Y = "src/Agent.Commands/Security/Yescrypt.cs"
C = "src/Agent.Commands/Security/YescryptCore.cs"
S = "src/Agent.Commands/Security/ShaCrypt.cs"
MUTANTS = [
    (L, "(libraryPath ?? \"\")", "\"\"", "expr", "loader: LD_LIBRARY_PATH ignored"),
    (L, "new[] { \"/lib/\" + multiarch, \"/usr/lib/\" + multiarch }", "new[] { \"/lib/\" + multiarch }", "expr", "loader: /usr/lib/<triplet> not searched"),
    (L, "configured.Concat(multiarchDirectories).Concat(TrustedDirectories)", "configured.Concat(multiarchDirectories)", "expr", "loader: trusted directories (/lib64, /usr/lib...) not searched"),
    (L, "raw.Split('#', 2)[0].Trim()", "raw.Trim()", "expr", "loader: a path in a comment is searched"),
    (L, "[' ', '\\t', ':', ',']", "[' ', '\\t', ',']", "expr", "loader: colon-separated directories not split"),
    (L, "Path.Join(Path.GetDirectoryName(file), pattern)", "Path.Join(\"/\", pattern)", "expr", "loader: relative include taken from / not the file's directory"),
    (L, "depth < MaxIncludeDepth", "true", "expr", "loader: include cycle followed forever"),
    (L, "word.Split('=', 2)[0]", "word", "expr", "loader: old 'dir=TYPE' form taken as a directory named with '='"),
    (L, "name.IndexOfAny(['*', '?']) < 0", "name.IndexOf('*') < 0", "expr", "loader: '?' wildcard in include taken literally"),
    (O, "versionOverride.Length <= MaxVersionLength", "versionOverride.Length < MaxVersionLength", "expr", "openssl: a 32-character override not tried"),
    (O, "[\"3\", \"1.1\", \"1.0.2\", \"1.0.0\", \"10\", \"11\", \"111\"]", "[\"1.1\", \"3\", \"1.0.2\", \"1.0.0\", \"10\", \"11\", \"111\"]", "expr", "openssl: 1.1 tried before 3"),
    (O, "_loaded ?? Names.FirstOrDefault(_installed)", "Names.FirstOrDefault(_installed)", "expr", "openssl: a loaded library not reported as installed"),
    (O, "_loaded ??= Names.FirstOrDefault(_loads)", "Names.FirstOrDefault(_loads)", "expr", "openssl: the loaded name not kept"),
    (O, "$\"libssl is not installed on this system: '{who}' needs OpenSSL, and none of {DescribeNames()} could be loaded\"", "$\"libssl is not installed on this system: '{who}' needs OpenSSL\"", "expr", "openssl: message does not name what was tried"),
    (O, "CachedPaths(root, name)", "Enumerable.Empty<string>()", "expr", "openssl: ld.so.cache not read"),
    (O, "cache.AsSpan(0, at).LastIndexOf((byte)0) + 1", "cache.AsSpan(0, at).LastIndexOf((byte)0)", "expr", "openssl: cached path starts at the NUL before it"),
    (O, "header[..4].SequenceEqual(\"\\u007fELF\"u8)", "true", "expr", "openssl: any file taken for the library"),
    (Y, "nLog2 is < 2 or > 30", "nLog2 is < 2 or > 31", "expr", "yescrypt: N = 2^31 accepted"),
    (Y, "YescryptCore.FlagRw + ((number - YescryptCore.FlagRw) << 2) == YescryptCore.FlagsRwDefaults", "true", "expr", "yescrypt: other flavours accepted"),
    (Y, "(have & ~3u) != 0", "false", "expr", "yescrypt: g/NROM parameters ignored, not refused"),
    (Y, "position != text.Length", "false", "expr", "yescrypt: trailing parameter characters ignored"),
    (Y, "Encode(RandomNumberGenerator.GetBytes(16))", "Encode(RandomNumberGenerator.GetBytes(12))", "expr", "yescrypt: 12-byte salt drawn"),
    (Y, "output.Append(Alphabet[(int)(value & 0x3f)]);", "output.Append(Alphabet[(int)((value >> 18) & 0x3f)]); value <<= 12;", "stmt", "yescrypt: base-64 high bits first"),
    (Y, "value != 0", "false", "expr", "yescrypt: non-canonical salt (leftover bits) accepted"),
    (Y, "salt.Length > 64", "salt.Length > 128", "expr", "yescrypt: salts over 64 bytes accepted"),
    (C, "nLoopAll *= 2;", "", "stmt", "yescrypt core: t = 1 does not double the loop"),
    (C, "nLoopAll *= t - 1;", "nLoopAll *= t;", "stmt", "yescrypt core: t >= 2 loops once more"),
    (C, "i < p - 1 ? nChunk : n - vChunk", "nChunk", "expr", "yescrypt core: the last lane does not take the remainder of N"),
    (C, "n / p * r >= 0x20000", "n / p * r > 0x20000", "expr", "yescrypt core: no pre-hash at exactly 128 KiB·r blocks (j9T)"),
    (S, "Math.Clamp(rounds ?? DefaultRounds, 1000, MaxRounds)", "Math.Clamp(rounds ?? DefaultRounds, 1, MaxRounds)", "expr", "sha-crypt: rounds below 1000 not raised"),
    (S, "rounds is not null", "rounds is not null && rounds != DefaultRounds", "expr", "sha-crypt: explicit rounds=5000 left out"),
    (S, "size == 64 ? \"$6$\" : \"$5$\"", "\"$6$\"", "expr", "sha-crypt: SHA-256 hash written as $6$"),
    (S, "16 + a[0]", "16 + a[1]", "expr", "sha-crypt: S sequence repeated by the wrong byte"),
    # Session 18: the flavours . (classic scrypt) and / (34-43).
    (Y, "flavour == YescryptFlavour.ReadWrite && n / p <= 3", "flavour == YescryptFlavour.ReadWrite && n / p <= 1", "expr", "yescrypt: N/p = 2 accepted in the read-write mode"),
    (Y, "flavour == YescryptFlavour.Scrypt && t != 0", "false", "expr", "yescrypt: t accepted in classic scrypt"),
    (Y, "number <= YescryptCore.FlagRw + 0xFF", "true", "expr", "yescrypt: a flavour number that wraps around to j's accepted"),
    (Y, "p.Flavour == YescryptFlavour.ReadWrite ? 1 : p.P", "1", "expr", "yescrypt: classic lanes' work not counted in the cost"),
    (C, "flavour == YescryptFlavour.ReadWrite && n / p >= 0x100", "n / p >= 0x100", "expr", "yescrypt core: pre-hash in the flavours without pwxform"),
    (C, "flavour == YescryptFlavour.Scrypt", "false", "expr", "yescrypt core: classic scrypt hashed as flavour /"),
    (C, "!scrypt && !prehash", "!prehash", "expr", "yescrypt core: classic scrypt given the client-key step"),
    (C, "nLoop += (nLoop + 1) / 2;", "", "stmt", "yescrypt core: flavour / with t = 1 loops N, not 1.5 N"),
    (C, "nLoop *= t;", "", "stmt", "yescrypt core: flavour / ignores t above 1"),
    (C, "Smix(b, s, n, p, t, v, xy, work.Lanes, key, cancellationToken);", "SmixSalsa(b, s, n, p, t, v, xy, cancellationToken);", "stmt", "yescrypt core: the read-write mode mixed without pwxform"),
]
