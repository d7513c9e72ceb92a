# Session 67: agentupdate judged by real tar and a real HTTP exchange. A GNU tar volume label (`tar --label`,
# a type 'V' header at the archive's start, naming the archive rather than a file) is skipped as GNU tar
# skips it, where it was refused as an unsupported type (GnuTarVolumeLabelTests, archives made by the real
# GNU tar and extracted by it and by Python's tarfile too); a file named twice on GNU tar's command line, which
# it archives again as a hard link to itself, is taken as the one file where the agent refused every hard link
# (GnuTarFileNamedTwiceTests: GNU tar and tarfile extract it; any other hard link is still refused); a V7 header of
# a regular file whose name ends in '/', as bsdtar --format=v7 writes a directory, is a directory, as GNU tar and
# tarfile read it (TarProducersTests.A_bsdtar_v7_directory_written_as_a_file_with_a_trailing_slash_is_a_directory); and the download asks for no content coding and
# keeps the bytes as sent, so a .tar.gz a server labels `Content-Encoding: gzip` is hashed as stored, as md5sum
# hashed it (AgentUpdateCommandTests.A_tar_gz_served_with_content_encoding_gzip_is_hashed_and_installed_as_stored).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s67_hunt.py
# Outcome (session 67): 8 of 8 killed (1 by GnuTarVolumeLabelTests; 2 by the Content-Encoding test; 3-7 by GnuTarFileNamedTwiceTests,
# 4 and 5 by its refusal controls, 7 by the `./guest-agent .` case; 8 by the bsdtar v7 test in TarProducersTests).
# Session 70: 2 retargeted (6 given its context, `regularFiles.Add(name);` now written for a hard link's copy too; 8 onto
# DirectoryOrType, which reads types 0 and 7 with a trailing slash as directories too: V7 dropped from it). Rerun from a clone
# of the branch: 8 of 8 killed (8 still by the bsdtar v7 test).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.GnuTarVolumeLabelTests", "-class", "*.GnuTarFileNamedTwiceTests", "-class", "*.AgentUpdateCommandTests", "-class", "*.TarProducersTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
W = "src/Agent.Commands/Update/TarEntryWriter.cs"
D = "src/Agent.Commands/Update/UpdateDownloader.cs"
MUTANTS = [
    (W, "entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes or TarEntryType.TapeVolume",
     "entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes", "expr",
     "a volume label not skipped (the code before session 67): a `tar --label` archive refused as an unsupported type"),
    (D, "DecompressionMethods.None", "DecompressionMethods.All", "expr",
     "the download decoded: a .tar.gz served with Content-Encoding: gzip hashed as the plain tar, a checksum mismatch"),
]
MUTANTS += [
    (W, "entry.EntryType == TarEntryType.HardLink && regularFiles.Contains(name) && Relative(entry.LinkName) == name", "false", "expr",
     "a hard link to the file before it refused (the code before session 67): a file named twice to GNU tar refused"),
    (W, "entry.EntryType == TarEntryType.HardLink && regularFiles.Contains(name) && Relative(entry.LinkName) == name",
     "entry.EntryType == TarEntryType.HardLink && Relative(entry.LinkName) == name", "expr",
     "a hard link to itself skipped with no regular file before it: a link to nothing, or to a directory, let through"),
    (W, "entry.EntryType == TarEntryType.HardLink && regularFiles.Contains(name) && Relative(entry.LinkName) == name",
     "entry.EntryType == TarEntryType.HardLink && regularFiles.Contains(name)", "expr",
     "any hard link over a file skipped: one naming another file, which GNU tar would extract as that file, let through"),
    (W, "regularFiles.Add(name);", "", "stmt",
     "the files written not remembered: a file named twice refused again",
     "files.Add(name);\n                    regularFiles.Add(name);\n                    break;"),
    (W, "linkName.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != \".\")", "linkName.Split('/', StringSplitOptions.RemoveEmptyEntries)", "expr",
     "a link target's ./ kept: `tar ./guest-agent .` (the link names ./guest-agent) refused"),
]
MUTANTS += [
    (W, "entry.EntryType is TarEntryType.V7RegularFile or TarEntryType.RegularFile or TarEntryType.ContiguousFile && entry.Name.EndsWith('/')",
     "entry.EntryType is TarEntryType.RegularFile or TarEntryType.ContiguousFile && entry.Name.EndsWith('/')", "expr",
     "a V7 directory read as a file (the code before session 67): bsdtar --format=v7's archive of a directory refused"),
]
