# Mutants of the system layer's security-relevant file operations (root daemon): the descriptor walk
# (PinnedDirectory: O_NOFOLLOW, which links are trusted, ".." at the root, cleanup of a failed walk,
# owner and mode of made directories), RootedFileSystem's lexical mapping and deletes, the sweep of
# stale temp files, sibling (backup / staging) names, the descriptor-only tree removal, the program
# locator, ProcessRunner, the password-file locks, extended attributes and AtomicWriteOptions' defaults.
# (atomic_writer.py mutates AtomicFileWriter itself; LoaderSearchPath and OpenSslLibrary live in
# Agent.Commands, another assembly and test project, and are left to a batch of their own.)
# Run: scripts/mutants/mutate.py scripts/mutants/system_files.py
# Session 30: 46's text follows ExtendedAttributes.Read's new `text` local (runtime_s30_inject.py); rerun: killed.
# Session 33 (writer9): 46 follows the names' one reading, ExtendedAttributes.ListNames, where
# security.capability is told apart before (runtime_s33_writer9.py's 9, and runtime_s30_inject.py's 10-11). Rerun: it
# survived (it had been killed through the capability, now told apart), so AtomicFileWriterTests' root
# attribute test sets security.ima and security.evm too; rerun with it (*AtomicFileWriterTests, 25 tests): killed.
#
# Outcome (2026-11-30, as root): 39/50 killed on the first run; each of the 11 survivors was a test
# gap (no bug found), and the tests added for them kill all 50 (final run 50/50):
#   8, 18  the parents of made directories / Move's source directory never fsynced: invisible without
#          a crash until SyscallTrace (strace attached to the test process) recorded the fsyncs
#          (PinnedDirectoryTests.Directories_made_by_a_failed_walk_..., RootedFileSystemTests.Move_across_...)
#   9      a link in a 0755 directory another user owns: AtomicFileWriterLinkTests.A_link_in_a_directory_another_user_owns_is_never_trusted
#   12     the link limit (the loop test passes with any limit): ...Forty_trusted_links_in_a_row_are_followed_and_a_forty_first_is_too_many
#   15     RootedFileSystemTests.Deleting_a_directory_as_a_file_is_refused_and_it_stays
#   23     AtomicFileWriterLeftoverTests.A_link_named_like_a_temp_file_is_not_one_the_writer_made_and_stays
#   27     Only_exactly_the_writers_staging_pattern_matches: another name of the same length (".hosts…" for "fstab")
#   39, 40 ProcessRunnerTests: a timed-out run's exit code is -1; a caller's cancellation throws (real process)
#   46     security.capability copied: the kernel strips it at the first write of contents, so only an
#          empty rewrite shows it (AtomicFileWriterTests.File_capabilities_are_not_copied_even_to_empty_...)
#   47     a refused fsetxattr ignored: EACCES injected with SyscallTrace
#          (AtomicFileWriterTests.An_attribute_the_new_file_refuses_fails_the_write_and_the_old_file_stays)
# Not mutated, unobservable without a race the tests cannot stage: TryCreate's O_NOFOLLOW re-open and
# owner check, DirectoryTree's O_NOFOLLOW open and retries, the sweep's MaxEntriesListed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Platform.*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 240
P = "src/Agent/System/PinnedDirectory.cs"
R = "src/Agent/System/RootedFileSystem.cs"
T = "src/Agent/System/StaleStagingFiles.cs"
N = "src/Agent/System/SiblingNames.cs"
D = "src/Agent/System/DirectoryTree.cs"
L = "src/Agent/System/ProgramLocator.cs"
PR = "src/Agent/System/ProcessRunner.cs"
F = "src/Agent/System/Native/FileLocks.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
O = "src/Agent/System/AtomicWriteOptions.cs"
MUTANTS = [
    # PinnedDirectory
    (P, "OpenFlags.PathOnly | OpenFlags.Directory | OpenFlags.NoFollow", "OpenFlags.PathOnly | OpenFlags.Directory", "expr",
     "the walk opens each component without O_NOFOLLOW (the kernel follows any link on the way)"),
    (P, "_chain.Count > 1", "_chain.Count > 0", "expr",
     "a followed link's '..' at the root pops the root itself"),
    (P, "links != DirectoryLinkPolicy.FollowTrusted || !IsTrusted(entry)", "links != DirectoryLinkPolicy.FollowTrusted", "expr",
     "FollowTrusted follows every link, trusted or not"),
    (P, "links != DirectoryLinkPolicy.FollowTrusted || !IsTrusted(entry)", "!IsTrusted(entry)", "expr",
     "the Refuse policy follows trusted links"),
    (P, "target.StartsWith('/')", "false", "expr",
     "an absolute link target is taken relative to the link's directory"),
    (P, "pinned.RemoveCreated();", "", "stmt",
     "a failed walk leaves the directories it made"),
    (P, "LibCAt.SetOwner(handle!, owner, path);", "", "stmt",
     "made directories never get their owner"),
    (P, "LibCAt.Sync(readable!, \"the parent of \" + name);", "", "stmt",
     "the parents of made directories are never synced"),
    (P, "!IsPrivileged(directory.Uid)", "false", "expr",
     "a link in a directory another user owns is trusted"),
    (P, "(directory.Mode & WritableByOthers) == 0 || ((directory.Mode & Sticky) != 0 && IsPrivileged(link.Uid))",
     "(directory.Mode & WritableByOthers) == 0 || (directory.Mode & Sticky) != 0", "expr",
     "in a sticky world-writable directory another user's link is trusted"),
    (P, "(directory.Mode & WritableByOthers) == 0 || ((directory.Mode & Sticky) != 0 && IsPrivileged(link.Uid))",
     "true", "expr",
     "a link in a directory others may write is trusted"),
    (P, "++detours > MaxDetours", "++detours > 100000", "expr",
     "a link loop is followed (practically) forever"),
    # RootedFileSystem
    (R, "path.Contains('\\0', StringComparison.Ordinal)", "false", "expr",
     "a path with NUL is accepted"),
    (R, "segments.Count == 0", "false", "expr",
     "'..' above the root is not refused with a clear error"),
    (R, "status.Value.Kind == FileKind.Directory", "false", "expr",
     "DeleteFile of a directory is not refused as such"),
    (R, "components.Length == 0", "false", "expr",
     "DeleteTree of the root is not refused up front",
     "components.Length == 0)\n        {\n            throw new ArgumentException(\"Refusing to delete"),
    (R, "refused.Reason is PathRefusal.DirectoryMissing or PathRefusal.NotADirectoryOnTheWay", "false", "expr",
     "DeleteTree below a missing directory throws instead of reporting nothing there"),
    (R, "LibC.FsyncDirectory(sourceDirectory);", "", "stmt",
     "Move across directories does not sync the source directory"),
    (R, "(raw.Mode & 0xFFF)", "(raw.Mode & 0x1FF)", "expr",
     "status drops the setuid, setgid and sticky bits"),
    # StaleStagingFiles
    (T, "status.ChangedAtSeconds < staleBefore.ToUnixTimeSeconds()", "true", "expr",
     "the sweep takes live (young) temp files"),
    (T, "SiblingNames.IsStaging(entry, name, \".bak.tmp\")", "false", "expr",
     "a killed write's backup hard link is never swept"),
    (T, "SiblingNames.IsStaging(entry, SiblingNames.Backup(name, backupSuffix), \".tmp\")", "false", "expr",
     "a killed write's copied backup is never swept"),
    (T, "if (LibCAt.StatusAt(directory, entry, entry) is { IsRegularFile: true } status &&\n                    IsStale(status, staleBefore) && LibCAt.TryUnlinkAt(directory, entry))\n                {\n                    removed++;\n                }",
     "if (LibCAt.StatusAt(directory, entry, entry) is { } status &&\n                    IsStale(status, staleBefore) && LibCAt.TryUnlinkAt(directory, entry))\n                {\n                    removed++;\n                }", "stmt",
     "the sweep takes a link (or other non-file) named like a temp file"),
    # SiblingNames
    (N, "Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(suffix) <= MaxNameBytes",
     "Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(suffix) < MaxNameBytes", "expr",
     "a name whose backup is exactly 255 bytes gets the hashed form"),
    (N, "MaxNameBytes - 1 - hash.Length - Encoding.UTF8.GetByteCount(suffix)", "MaxNameBytes - hash.Length - Encoding.UTF8.GetByteCount(suffix)", "expr",
     "a long name's backup is one byte over NAME_MAX"),
    (N, "MaxNameBytes - \".\".Length - \".\".Length - unique.Length - Encoding.UTF8.GetByteCount(suffix)",
     "MaxNameBytes - \".\".Length - unique.Length - Encoding.UTF8.GetByteCount(suffix)", "expr",
     "a long name's staging name is one byte over NAME_MAX"),
    (N, "string.CompareOrdinal(entry, 1, cut, 0, cut.Length) == 0", "true", "expr",
     "a temp file of another name of the same length counts as this name's"),
    (N, "entry[unique - 1] == '.'", "true", "expr",
     "the dot before the unique part is not checked"),
    (N, "entry.AsSpan(unique, UniqueLength).IndexOfAnyExcept(\"0123456789abcdef\")", "entry.AsSpan(unique, UniqueLength).IndexOfAnyExcept(\"0123456789abcdefABCDEFghijklmnopqrstuvwxyz\")", "expr",
     "the unique part may be any lowercase letter or uppercase hex"),
    (N, "bytes > maxBytes", "bytes >= maxBytes", "expr",
     "a cut name keeps one character less than fits"),
    (N, "suffix.Contains('/', StringComparison.Ordinal)", "false", "expr",
     "a backup suffix with '/' (another directory) is accepted"),
    # DirectoryTree
    (D, "Remove(opened!, [.. entry, 0], pathForErrors + \"/\" + DirectoryNames.Shown(entry));", "", "stmt",
     "a directory's entries are not removed before it"),
    # ProgramLocator
    (L, "entry.StartsWith('/')", "true", "expr",
     "relative and empty PATH entries (the current directory) are searched"),
    (L, "program.Contains('/', StringComparison.Ordinal)", "false", "expr",
     "a relative path with a directory part is not refused as such"),
    (L, "Native.LibC.Stat(path) is { IsRegularFile: true } && Native.LibC.CanExecute(path)", "Native.LibC.CanExecute(path)", "expr",
     "a searchable directory counts as an executable program"),
    (L, "string.IsNullOrEmpty(searchPath) ? DefaultSearchPath : searchPath", "searchPath ?? DefaultSearchPath", "expr",
     "an empty PATH searches nothing instead of the system directories"),
    (L, "IsExecutableFile(program)", "true", "expr",
     "an absolute path is started without checking it is an executable file"),
    # ProcessRunner
    (PR, "start.Environment.Clear();", "", "stmt",
     "a given environment is added to the agent's instead of replacing it"),
    (PR, "timedOut ? -1 : process.ExitCode", "process.ExitCode", "expr",
     "a timed-out program reports the kill's exit code"),
    (PR, "cancellationToken.ThrowIfCancellationRequested();", "", "stmt",
     "the caller's cancellation is reported as a timeout"),
    # FileLocks
    (F, "OpenFlags.CloseOnExec | OpenFlags.NoFollow", "OpenFlags.CloseOnExec", "expr",
     "a lock file that is a symbolic link is followed"),
    (F, "Convert.ToUInt32(\"600\", 8)", "Convert.ToUInt32(\"644\", 8)", "expr",
     "a created lock file is world-readable"),
    (F, "Syscalls.FcntlLock(Descriptor(handle), command, flock) == 0", "Syscalls.FcntlLock(Descriptor(handle), FSetLock, flock) == 0", "expr",
     "the record lock is a classic per-process lock, not an open file description lock"),
    (F, "_ = Syscalls.Flock(Descriptor(handle), LockRelease);", "", "stmt",
     "a flock is not released before the close"),
    (F, "_ = Syscalls.FcntlLock(Descriptor(handle), FOfdSetLock, flock);", "", "stmt",
     "a record lock is not released before the close"),
    # ExtendedAttributes
    (X, "!name.IsEmpty && !name.SequenceEqual(ImaName) && !name.SequenceEqual(EvmName)", "!name.IsEmpty", "expr",
     "security.ima / security.evm are copied to the new contents"),
    (X, "errno != ENotSupported", "false", "expr",
     "a refused attribute (an SELinux label) is silently dropped"),
    # AtomicWriteOptions
    (O, "DirectoryLinkPolicy.Refuse", "DirectoryLinkPolicy.FollowTrusted", "expr",
     "by default trusted links among the target's directories are followed"),
    (O, "SiblingNames.ValidateBackupSuffix(value)", "value", "expr",
     "an invalid backup suffix is accepted"),
    (O, "ArgumentOutOfRangeException.ThrowIfNegative(value);", "", "stmt",
     "a negative backup copy limit is accepted"),
]
