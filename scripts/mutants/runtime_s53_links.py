# Session 53: root mode's links taken as in a chroot by every RootedFileSystem method
# (RootedFileSystem.Links.cs): the directories of a path resolved as the walk resolves them, an absolute
# target starting again at the root; the final component followed or not by each method's rule; with
# "/" as the root, Resolve's path and no extra system call.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s53_links.py
# Session 53: run, 8 of 9 killed; 3 (the trailing "/") survived, killed since by
# RootedFileSystemLinkTests.A_final_link_is_looked_at_where_the_walk_leads_not_where_the_kernel_would. 9 of 9.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*RootedFileSystemLinkTests", "-class", "*RootedFileSystemTests", "-class", "*RootedFileSystemAppendTests",
             "-class", "*RealPathTests", "-class", "*DeleteTreeTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
L = "src/Agent/System/RootedFileSystem.Links.cs"
R = "src/Agent/System/RootedFileSystem.cs"
MUTANTS = [
    (L, "!IsRooted", "true", "expr", "root mode hands the kernel Resolve's path: an absolute link target is the host's"),
    (L, "return host;", "", "stmt", "with / as the root the walk runs too (system calls of its own on every call)"),
    (L, 'followFinalLink ? agentPath + "/" : agentPath[..^name.Length]', 'followFinalLink ? agentPath : agentPath[..^name.Length]', "expr",
     "a final link read by the name given, its directories resolved against the host's /"),
    (L, "TryHostPath(path, followFinalLink: false) is { } entry ? StatusOf(entry) : null", "null", "expr",
     "FileExists of a final link leading nowhere under the root is false (File.Exists says true)"),
    (L, "(found.Kind == FileKind.Directory) == directory", "true", "expr", "FileExists true for a directory, DirectoryExists for a file"),
    (R, "false", "true", "expr", "GetStatus follows a final link", "StatusOf(HostPath(path, followFinalLink: false))"),
    (R, "HostPath(to, followFinalLink: false)", "Resolve(to)", "expr", "Move's target reached the host's way"),
    (R, "IsRooted ? ExistsUnderRoot(path, directory: false) : File.Exists(Resolve(path))", "File.Exists(Resolve(path))", "expr",
     "FileExists asks the kernel the host's way in root mode"),
    (R, "true", "false", "expr", "ReadAllText does not follow a final link", "File.ReadAllText(HostPath(path, followFinalLink: true)"),
]
