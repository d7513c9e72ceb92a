# Mutants of session 62's refusal of a foreign networkd file or NetworkManager keyfile whose name is not valid UTF-8
# (NetworkdForeignFiles, NetworkManagerForeignKeyfiles): such a name, listed as its bytes (IFileView.ListUndecodable,
# FileSystemView over IFileSystem.ListUndecodableNames), counts as matching since no path can open it; networkd's refusal
# only for a *.network name sorting before ours by its bytes (a name in an earlier directory hiding the same bytes in a
# later one), NetworkManager's for every name its keyfile plugin reads; the file named with its bytes %XX-escaped
# (MessageText.EscapedPath(directory, name)).
# Killed by UndecodableForeignFileTests (tests/Agent.Commands.Tests/Network/: the real networkd and NetworkManager reading
# such a file, the renderers over the real file system, and which names are refused).
# Outcome (session 62): 11 of 12 killed (the refusals and the names by UndecodableForeignFileTests, the defect put back by its daemon
# tests over the real file system); 12, RenderedFileView hiding such names, survives: only NetplanDns reads through that view,
# never the foreign-file checks (an equivalent mutant for now, kept so a renderer that starts reading through it is noticed).
# Session 69: 3 retargeted (9, 10, 11 at MessageText.EscapedName's call of EscapedText.ForAnswer, the escape now shared
# in src/Agent, another switch project: each mutant's effect written at the call); rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.UndecodableForeignFileTests", "-class", "*.NetworkdForeignFilesTests", "-class", "*.NetworkManagerForeignKeyfilesTests",
             "-class", "*.MessageTextTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NM = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
ND = "src/Agent.Commands/Network/Rendering/NetworkdForeignFiles.cs"
MT = "src/Agent.Commands/Network/Parsing/MessageText.cs"
FSV = "src/Agent.Commands/Network/FileSystemView.cs"
RFV = "src/Agent.Commands/Network/Rendering/RenderedFileView.cs"
MUTANTS = [
    (FSV, "_fileSystem.ListUndecodableNames(directory)", "new List<byte[]>()", "expr",
     "the defect put back: the real file system's names that are not UTF-8 never seen"),
    (ND, "undecodable.Count > 0 && string.CompareOrdinal(undecodable.First().Key, ours) < 0", "false", "expr",
     "networkd: a name that is not UTF-8 never refused"),
    (ND, "string.CompareOrdinal(undecodable.First().Key, ours) < 0", "true", "expr",
     "networkd: one refused wherever it sorts (99-caf\\xE9.network, after ours, too)"),
    (ND, "n.AsSpan().EndsWith(\".network\"u8)", "true", "expr",
     "networkd: any such name refused, .network.bak and .networ too, which networkd does not read"),
    (ND, "undecodable.TryAdd(Encoding.Latin1.GetString(name), MessageText.EscapedPath(directory, name));",
     "undecodable[Encoding.Latin1.GetString(name)] = MessageText.EscapedPath(directory, name);", "stmt",
     "networkd: the same bytes in /run named over the /etc file that hides it"),
    (NM, "CheckUndecodable(configuration, current);", ";", "stmt",
     "NetworkManager: a keyfile name that is not UTF-8 never refused"),
    (NM, "ReadInEtc(Encoding.Latin1.GetString(name))", "true", "expr",
     "NetworkManager: a hidden name, a backup, a temporary or a certificate in /etc refused, which it does not read"),
    (NM, "name.AsSpan().EndsWith(\".nmconnection\"u8)", "true", "expr",
     "NetworkManager: a name without .nmconnection in /run or /usr/lib refused, which it does not read"),
    (MT, "EscapedText.ForAnswer(name)", "EscapedText.ForAnswer(name.AsSpan()).Replace(\"%25\", \"%\", StringComparison.Ordinal)", "expr",
     "a name's % kept as it is: %E9 and a byte 0xE9 read alike"),
    (MT, "EscapedText.ForAnswer(name)", "EscapedText.ForAnswer((ReadOnlySpan<byte>)name).Replace(\"%27\", \"'\", StringComparison.Ordinal)", "expr",
     "a name's ' kept as it is: the response writer changes quotes"),
    (MT, "EscapedText.ForAnswer(name)", "System.Text.RegularExpressions.Regex.Replace(EscapedText.ForAnswer(name[..]), \"%[0-9A-F]{2}\", \"?\")", "expr",
     "each byte that is not UTF-8 shown as ?, as the response writer would: the file not named"),
    (RFV, "current.ListUndecodable(directory)", "new List<byte[]>()", "expr",
     "the view over rendered files hides such names (no renderer reads the foreign files through it: expected to survive)"),
]
