# Session 70: agentupdate's archives judged by GNU tar and bsdtar. A hard link to a regular file or symbolic link
# extracted earlier is extracted (a copy of the file, its mode with it, counted against MaxExtractedBytes; a symbolic
# link made again with the same target and checked from the new name's directory), where every hard link but one to
# itself was refused; one naming a later, missing or directory entry, a name below a symbolic link, an absolute target
# or one holding '..' is refused with its own reason (HardLinkArchiveTests: GNU tar, bsdtar and Python tarfile releases
# whose files share an inode, each extracted as GNU tar extracts it, and the refusals). A GNU dumpdir (tar -g's type D)
# and a type 0/7 entry whose name ends in '/' are directories, as GNU tar and bsdtar extract them (DirectoryEntryFormsTests).
# Run: scripts/mutants/mutate.py scripts/mutants/commands_s70_tarlinks.py
# Outcome (session 70): 13 of 13 killed (run from a clone of the branch): 1-8 and 10-11 by HardLinkArchiveTests (its
# refusal reasons, the limit, the setuid/mode check, the nested symbolic link, the GNU tar/bsdtar/tarfile releases and
# the link-to-a-link and link-to-a-symbolic-link cases), 9 by its ./ case, 12-13 by DirectoryEntryFormsTests.
# Before-stop review (session 70): mutant 5 retargeted at the shared Count call of the copy; rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.HardLinkArchiveTests", "-class", "*.DirectoryEntryFormsTests", "-class", "*.GnuTarFileNamedTwiceTests", "-class", "*.TarProducersTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
W = "src/Agent.Commands/Update/TarEntryWriter.cs"
MUTANTS = [
    (W, "linkName.StartsWith('/') || linkName.Split('/').Contains(\"..\")", "linkName.StartsWith('/')", "expr",
     "a target holding '..' not refused as pointing outside (it then names no file: the wrong reason)"),
    (W, "linkName.StartsWith('/') || linkName.Split('/').Contains(\"..\")", "linkName.Split('/').Contains(\"..\")", "expr",
     "an absolute target read from the archive's root, as GNU tar strips its '/', not refused as pointing outside"),
    (W, "!isSymbolicLink && !regularFiles.Contains(existing)", "!isSymbolicLink && false", "expr",
     "any name taken as an earlier file: a later, missing or directory target an unpack failure, a name below a link copied through it"),
    (W, "links.Add(name, symbolicTarget!);", "", "stmt",
     "a link made from a symbolic link not remembered as one: its target never checked from its own directory"),
    (W, "Count(ref total, input.Length, maxBytes);", "", "stmt",
     "a copy's bytes not counted: 10,000 links to one large file write it 10,000 times"),
    (W, "File.SetUnixFileMode(output.SafeFileHandle, File.GetUnixFileMode(input.SafeFileHandle));", "", "stmt",
     "the copy left 0600: a linked program not executable, unlike GNU tar's second name of one inode"),
    (W, "files.Add(name);", "", "stmt",
     "a link's copy not listed: a binary given as a hard link not found by the update",
     "ref total, maxBytes))\n                    {\n                        files.Add(name);"),
    (W, "regularFiles.Add(name);", "", "stmt",
     "a link's copy not remembered as a file: a link to it (GNU tar's link to a link) refused",
     "regularFiles.Add(name);\n                    }\n\n                    break;"),
    (W, "Relative(linkName)", "linkName", "expr",
     "the target's ./ kept: tar's ./d/f named as ./d/./f or ./d/f found nowhere"),
    (W, "CreateDirectories(destination, Parent(name));", "", "stmt",
     "the link's directory not made: a link into a directory no entry made yet fails to unpack",
     "var target = Path.Combine(destination, name);\n        CreateDirectories(destination, Parent(name));"),
    (W, "File.CreateSymbolicLink(target, symbolicTarget!);", "File.CreateSymbolicLink(target, existing);", "stmt",
     "a link to a symbolic link made a link to the link's name, not a second one with its target"),
    (W, "entry.EntryType is TarEntryType.DirectoryList", "false", "expr",
     "a dumpdir (tar -g) not a directory: an incremental archive refused as an unsupported type"),
    (W, "entry.EntryType is TarEntryType.V7RegularFile or TarEntryType.RegularFile or TarEntryType.ContiguousFile && entry.Name.EndsWith('/')",
     "entry.EntryType is TarEntryType.V7RegularFile && entry.Name.EndsWith('/')", "expr",
     "only a V7 header's slash read as a directory (the code before session 70): a type 0 or 7 'd/' made a file and d/f refused"),
]
