# Mutants of the SDK's native layer and small runtime parts no other batch covers: LibC (statx's
# offsets and file types, the errno that means "nothing there", faccessat, directory fsync), LibCAt
# (close-on-exec, modes, the *at flags, linkat's refusals, readlink's buffer, fsync's EINVAL),
# TerminalEcho, UnixListeningSocket, UnixFiles, OpenFlags' architecture values, Fnv1a64, KernelBootId,
# CommandNameCache, InheritedStopSignals and HostTextForLog. (PinnedDirectory, the atomic writer and
# the other callers are system_files.py's and atomic_writer.py's; this batch mutates the wrappers.)
# Only tests/Agent.Tests runs, all of it (about 20 s a run).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_native.py
#
# Not mutated: Syscalls.cs is only [LibraryImport] declarations (attribute arguments and signatures,
# which a switch cannot put behind a condition); CommandResultEncoding is an enum with no code; the
# constants of OpenFlags, LibC and TerminalEcho can only be mutated where they are used (below).
#
# Not mutated, unobservable here: CanExecute's AT_EACCESS (the tests' real and effective ids are the
# same), FsyncDirectory's O_CLOEXEC (its descriptor is closed before it returns), readlink's "too
# long" check (Linux stores at most 4095 bytes of target), AT_SYMLINK_NOFOLLOW beside AT_EMPTY_PATH
# (no effect on a descriptor), KernelBootId's empty and unreadable cases (the real /proc file, as
# root), the name cache's hash codes (speed only), and the order SIGTERM, SIGINT (the JIT probe has
# only SIGINT left ignored; the daemon's NativeAOT tests cover it). TryUnlinkAt's AT_REMOVEDIR has
# the same text as UnlinkAt's, so only UnlinkAt's is mutated (LibCAtTests checks both).
#
# Outcome (2026-11-30, as root): 22/63 killed against the tests as they were; the 41 survivors were
# test gaps (no bug found) but one, and the tests added for them kill all 62 others (final run 62/63):
#   3, 4, 12-14, 16-19  LibCStatusTests: every statx field against Python's os.lstat (distinct uid and
#          gid, setgid mode, size, ctime with mtime set back, inode, device), a socket, /dev/null and a
#          block device are no directory, file or link, ENOTDIR is "nothing there" but ELOOP throws
#   5, 10, 11  a failed rename names the target and keeps its errno as HResult; Utf8's NUL
#   6, 7, 9, 33  LibCSyncTests: EINVAL/EIO injected into fsync with SyscallTrace, a file refused as a
#          directory, and (SyscallTrace.Calls, new) FsyncDirectory's descriptor closed after the open
#   22-25, 27-30, 32  LibCAtTests: O_CLOEXEC read from /proc/thread-self/fdinfo, the created file's and
#          directory's modes, a link linked as itself, linkat's EPERM (false) against EIO (thrown),
#          a 1000- and 4095-byte link target, ENOTDIR from StatusAt
#   35-41  TerminalEchoTests: a real pty (openpty), its settings read back by Python's termios: echo
#          off, canonical even from raw mode, typed-ahead input discarded (TCSAFLUSH), the very
#          settings restored, once only; IsTerminal
#   42, 43, 45, 46  UnixListeningSocketTests: close-on-exec, the socket file's mode and exact name,
#          a client connects, EADDRINUSE as HResult and the failed socket closed (SyscallTrace.Calls)
#   49     UnixFilesTests: a stream it opens holds the file alone (FileShare.None, .NET's flock)
#   55     KernelBootIdTests; 56-58 CommandNameCacheTests (the first of one name, exact bytes only,
#          the registry's own string instance)
# (20 was killed by a timeout: FileLock's tests wait for a lock that never looks replaced; LibCStatusTests
# now fails it directly.)
# Equivalent: 44, bind given one byte less: .NET's serialized sockaddr_un ends with the path's NUL
# (strace: 41 bytes for a 38-byte path), which is all the mutant drops; the kernel reads the path up
# to the length it is given.
# Session 22: 64-65 added for TerminalEcho.Reapply; run, both killed by TerminalEchoTests.
# Session 22 (nova): 35-36 retargeted to the ECHONL line, 66 added (ECHONL left on); run 35, 36, 66: all 3 killed by TerminalEchoTests (66 by the echonl test alone).
# Session 34 (writer10): LibCAt.Open now opens through the new TryOpen, so 22's text is TryOpen's
# (the same call, still Open's O_CLOEXEC); rerun: killed (793 tests, by LibCAtTests' close-on-exec test).
# Session 66 (rh): 30 placed by the readlink it mutates (ReadLink's buffer; the new TryReadLinkBytes has one of its own);
# the text is unchanged.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = []
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 150
L = "src/Agent/System/Native/LibC.cs"
A = "src/Agent/System/Native/LibCAt.cs"
T = "src/Agent/System/Native/TerminalEcho.cs"
U = "src/Agent/System/Native/UnixListeningSocket.cs"
O = "src/Agent/System/Native/OpenFlags.cs"
F = "src/Agent/System/Native/UnixFiles.cs"
N = "src/Agent/System/Fnv1a64.cs"
K = "src/Agent/System/KernelBootId.cs"
C = "src/Agent/Protocol/CommandNameCache.cs"
I = "src/Agent/Hosting/InheritedStopSignals.cs"
H = "src/Agent/Protocol/HostTextForLog.cs"
TUPLE = "(BitConverter.ToUInt64(buffer, 32), BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140))"
OPTIONS = "new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, UnixCreateMode = createMode }"
MUTANTS = [
    # LibC
    (L, "Syscalls.FaccessAt(AtFdCwd, Utf8(path), ExecuteOk, AtEAccess) == 0", "Syscalls.FaccessAt(AtFdCwd, Utf8(path), 4, AtEAccess) == 0", "expr",
     "CanExecute asks R_OK (root may read anything) instead of X_OK"),
    (L, "StatusOf(path, OpenFlags.AtSymlinkNoFollow)", "StatusOf(path, 0)", "expr",
     "LStat follows a final link"),
    (L, "errno is ENoEnt or ENotDir", "errno is ENoEnt", "expr",
     "stat of a path through a file (ENOTDIR) throws instead of answering 'nothing there'"),
    (L, "errno is ENoEnt or ENotDir", "true", "expr",
     "stat answers 'nothing there' for any error (a link loop, a name too long)"),
    (L, "Failure(\"rename\", to, Marshal.GetLastPInvokeError())", "Failure(\"rename\", from, Marshal.GetLastPInvokeError())", "expr",
     "a failed rename names its source, not the target being written"),
    (L, "OpenFlags.Directory | OpenFlags.CloseOnExec", "OpenFlags.CloseOnExec", "expr",
     "FsyncDirectory opens without O_DIRECTORY (a file passes for a directory)"),
    (L, "Syscalls.Fsync(fd) != 0 && Marshal.GetLastPInvokeError() != EInval", "Syscalls.Fsync(fd) != 0", "expr",
     "FsyncDirectory throws on EINVAL (a file system that cannot sync directories)"),
    (L, "Syscalls.Fsync(fd) != 0 && Marshal.GetLastPInvokeError() != EInval", "false", "expr",
     "FsyncDirectory ignores a failed fsync (EIO)"),
    (L, "_ = Syscalls.Close(fd);", "", "stmt",
     "FsyncDirectory leaks the directory's descriptor"),
    (L, "new byte[Encoding.UTF8.GetByteCount(path) + 1]", "new byte[Encoding.UTF8.GetByteCount(path)]", "expr",
     "a path passed to the C library without its NUL terminator"),
    (L, "new($\"{operation} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)}\", errno)",
     "new IOException($\"{operation} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)}\")", "expr",
     "a native failure's exception loses the errno (HResult)"),
    (L, "(Mode & TypeMask) == 0x4000", "(Mode & 0x4000) != 0", "expr",
     "a socket or block device (0xC000, 0x6000) counts as a directory"),
    (L, "(Mode & TypeMask) == 0x8000", "(Mode & 0x8000) != 0", "expr",
     "a socket (0xC000) or link (0xA000) counts as a regular file"),
    (L, "(Mode & TypeMask) == 0xA000", "(Mode & 0x2000) != 0", "expr",
     "a character device (0x2000) counts as a link"),
    (L, "BitConverter.ToUInt32(buffer, 20)", "BitConverter.ToUInt32(buffer, 24)", "expr",
     "statx: the owner read from stx_gid"),
    (L, "BitConverter.ToInt64(buffer, 40)", "BitConverter.ToInt64(buffer, 48)", "expr",
     "statx: the size read from stx_blocks"),
    (L, "BitConverter.ToInt64(buffer, 96)", "BitConverter.ToInt64(buffer, 112)", "expr",
     "statx: the change time read from stx_mtime (which touch can set back)"),
    (L, TUPLE, "(BitConverter.ToUInt64(buffer, 40), BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140))", "expr",
     "statx: the inode read from stx_size"),
    (L, TUPLE, "(BitConverter.ToUInt64(buffer, 32), BitConverter.ToUInt32(buffer, 128), BitConverter.ToUInt32(buffer, 132))", "expr",
     "statx: the device read from stx_rdev (0:0 for a file)"),
    (L, "BitConverter.ToUInt32(buffer, 16)", "BitConverter.ToUInt32(buffer, 20)", "expr",
     "LinkCount reads stx_uid (offset 20) instead of stx_nlink"),
    (L, "Syscalls.Statx((int)handle.DangerousGetHandle(), [0], atEmptyPath, statxNlink, buffer)", "Syscalls.Statx((int)handle.DangerousGetHandle(), [0], 0, statxNlink, buffer)", "expr",
     "LinkCount without AT_EMPTY_PATH (the empty name is looked up, ENOENT)"),
    # LibCAt
    (A, "Syscalls.OpenAt(LibC.AtFdCwd, LibC.Utf8(path), flags | OpenFlags.CloseOnExec, 0)", "Syscalls.OpenAt(LibC.AtFdCwd, LibC.Utf8(path), flags, 0)", "expr",
     "LibCAt.Open without O_CLOEXEC (the descriptor leaks into programs started meanwhile)"),
    (A, "Syscalls.OpenAt(Fd(directory), LibC.Utf8(name), flags | OpenFlags.CloseOnExec, (uint)createMode)", "Syscalls.OpenAt(Fd(directory), LibC.Utf8(name), flags, (uint)createMode)", "expr",
     "TryOpenAt without O_CLOEXEC"),
    (A, "Syscalls.OpenAt(Fd(directory), LibC.Utf8(name), flags | OpenFlags.CloseOnExec, (uint)createMode)", "Syscalls.OpenAt(Fd(directory), LibC.Utf8(name), flags | OpenFlags.CloseOnExec, 0x1B6u)", "expr",
     "TryOpenAt creates files 0666 whatever mode is asked"),
    (A, "Syscalls.MkdirAt(Fd(directory), LibC.Utf8(name), (uint)mode) == 0", "Syscalls.MkdirAt(Fd(directory), LibC.Utf8(name), 0x1FFu) == 0", "expr",
     "mkdirat makes directories 0777 (until the walk sets their mode)"),
    (A, "Syscalls.UnlinkAt(Fd(parent), LibC.Utf8(name), directory ? OpenFlags.AtRemoveDirectory : 0) == 0 ? 0 : Marshal.GetLastPInvokeError()",
     "Syscalls.UnlinkAt(Fd(parent), LibC.Utf8(name), 0) == 0 ? 0 : Marshal.GetLastPInvokeError()", "expr",
     "UnlinkAt never passes AT_REMOVEDIR (a directory is never removed)"),
    (A, "Syscalls.LinkAt(Fd(directory), LibC.Utf8(existing), Fd(directory), LibC.Utf8(created), 0)",
     "Syscalls.LinkAt(Fd(directory), LibC.Utf8(existing), Fd(directory), LibC.Utf8(created), 0x400)", "expr",
     "linkat with AT_SYMLINK_FOLLOW (a link's target is linked, not the link)"),
    (A, "errno is LibC.EPerm or LibC.EXDev or LibC.EMLink or LibC.ENotSup", "errno is LibC.EXDev or LibC.EMLink or LibC.ENotSup", "expr",
     "linkat's EPERM (a file system without hard links) throws instead of falling back to a copy"),
    (A, "errno is LibC.EPerm or LibC.EXDev or LibC.EMLink or LibC.ENotSup", "true", "expr",
     "every linkat failure (EEXIST, EIO) falls back to a copy"),
    (A, "new byte[MaxLinkBytes]", "new byte[256]", "expr",
     "readlink's buffer is 256 bytes (a longer target is 'too long')",
     "new byte[MaxLinkBytes];\n        var length = Syscalls.ReadLinkAt(directory, name, buffer, (nuint)buffer.Length);"),
    (A, "Syscalls.Statx(Fd(directory), LibC.Utf8(name), OpenFlags.AtSymlinkNoFollow, LibC.StatxBasicStats, buffer)",
     "Syscalls.Statx(Fd(directory), LibC.Utf8(name), 0, LibC.StatxBasicStats, buffer)", "expr",
     "StatusAt follows a link at the entry"),
    (A, "errno is LibC.ENoEnt or LibC.ENotDir", "errno is LibC.ENoEnt", "expr",
     "StatusAt throws on ENOTDIR"),
    (A, "errno != LibC.EInval", "true", "expr",
     "LibCAt.Sync throws on EINVAL (a file system that cannot sync directories)"),
    (A, "Syscalls.Fsync(Fd(handle)) != 0", "false", "expr",
     "LibCAt.Sync ignores a failed fsync (EIO)"),
    # TerminalEcho
    (T, "flags = (flags & ~(Echo | EchoNewline)) | Canonical;", "flags = flags | Canonical;", "stmt",
     "echo is left on"),
    (T, "flags = (flags & ~(Echo | EchoNewline)) | Canonical;", "flags &= ~(Echo | EchoNewline);", "stmt",
     "a terminal in raw mode stays raw (a character at a time)"),
    (T, "quiet.AsSpan(LocalFlagsOffset, sizeof(uint))", "quiet.AsSpan(8, sizeof(uint))", "expr",
     "the flags changed are c_cflag's (offset 8), not c_lflag's"),
    (T, "Syscalls.SetTerminalAttributes(fd, AfterFlush, quiet)", "Syscalls.SetTerminalAttributes(fd, 0, quiet)", "expr",
     "TCSANOW: input typed before the prompt is read as the secret"),
    (T, "Interlocked.Exchange(ref _restored, 1) == 0", "true", "expr",
     "a second restore writes the old settings again (over what changed since)"),
    (T, "_ = Syscalls.SetTerminalAttributes(_fd, AfterFlush, _saved);", "", "stmt",
     "the settings are never put back"),
    (T, "Syscalls.IsTerminal(fd) == 1", "Syscalls.IsTerminal(fd) == 0", "expr",
     "IsTerminal answers the opposite"),
    # UnixListeningSocket
    (U, "SockStream | SockCloexec", "SockStream", "expr",
     "the listening socket without SOCK_CLOEXEC"),
    (U, "LibC.FChmod(fd, mode, path);", "", "stmt",
     "the socket's file gets bind's default mode (0777 less the umask)"),
    (U, "(uint)bytes.Length", "(uint)bytes.Length - 1", "expr",
     "bind is given an address one byte short"),
    (U, "Syscalls.Listen(fd, backlog) != 0", "false", "expr",
     "the socket is bound but never listens"),
    (U, "handle.Dispose();", "", "stmt",
     "a failed bind leaks the socket"),
    # UnixFiles
    (F, "File.SetUnixFileMode(handle, mode);", "", "stmt",
     "SetMode of a handle does nothing"),
    (F, OPTIONS, OPTIONS.replace("UnixCreateMode = createMode", "UnixCreateMode = createMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead"), "expr",
     "files are created readable by others until their mode is set"),
    (F, OPTIONS, OPTIONS.replace("FileShare.None", "FileShare.ReadWrite"), "expr",
     "streams are opened shared (.NET takes no lock on them)"),
    # OpenFlags
    (O, "(0x10000, 0x20000)", "(0x10000, 0x8000)", "expr",
     "x86's O_NOFOLLOW given ARM's value (O_DIRECT on x86)"),
    (O, "(0x4000, 0x8000)", "(0x10000, 0x20000)", "expr",
     "ARM and PowerPC given the generic values (O_LARGEFILE and O_DIRECT there)"),
    # Fnv1a64
    (N, "foreach (var b in bytes)\n        {\n            hash = (hash ^ b) * Prime;\n        }",
     "foreach (var b in bytes)\n        {\n            hash = (hash * Prime) ^ b;\n        }", "stmt",
     "FNV-1 (multiply, then xor) over bytes"),
    (N, "utf8[..length]", "utf8", "expr",
     "a character's hash takes all four bytes of the buffer"),
    (N, "hash.ToString(\"x16\", CultureInfo.InvariantCulture)", "hash.ToString(\"x\", CultureInfo.InvariantCulture)", "expr",
     "the hex form is not zero-padded to 16 digits"),
    # KernelBootId
    (K, "File.ReadAllText(Path).Trim()", "File.ReadAllText(Path)", "expr",
     "the boot id keeps the kernel's newline"),
    # CommandNameCache
    (C, "commands.TryAdd(Encoding.UTF8.GetBytes(command.Name), command);", "commands[Encoding.UTF8.GetBytes(command.Name)] = command;", "stmt",
     "of two commands with one name the last wins"),
    (C, "Find(utf8Name)?.Name ?? Encoding.UTF8.GetString(utf8Name)", "Encoding.UTF8.GetString(utf8Name)", "expr",
     "a known name is decoded into a new string every time"),
    (C, "alternate.SequenceEqual(other)", "alternate.StartsWith(other)", "expr",
     "a request name that starts with a command's name finds that command"),
    # InheritedStopSignals
    (I, "MemoryMarshal.Read<nuint>(current) == IgnoredHandler", "true", "expr",
     "a stop signal with a handler (or at its default) is reset too"),
    (I, "Syscalls.SignalAction(number, new byte[ActionSize], null) == 0", "Syscalls.SignalAction(number, current, null) == 0", "expr",
     "the ignored action is set again (nothing changes) and reported restored"),
    (I, "restored.Add(signal);", "", "stmt",
     "a restored signal is not reported"),
    # HostTextForLog
    (H, "text.Length <= MaxCharacters", "text.Length < MaxCharacters", "expr",
     "a text of exactly 128 characters is cut"),
    (H, "text.Length.ToString(CultureInfo.InvariantCulture)", "(text.Length - MaxCharacters).ToString(CultureInfo.InvariantCulture)", "expr",
     "the marker gives the characters cut, not the full length"),
    # Session 22: TerminalEcho.Reapply (echo off again after a Ctrl-Z, or after .NET's SIGCONT).
    (T, "Syscalls.SetTerminalAttributes(_fd, AfterFlush, _quiet)", "Syscalls.SetTerminalAttributes(_fd, AfterFlush, _saved)", "expr",
     "reapply: the saved settings (echo on) applied again instead of the quiet ones"),
    (T, "Interlocked.Exchange(ref _restored, 0);", "", "stmt",
     "reapply: a restore before it makes the final restore do nothing (echo left off)"),
    # Session 22: ECHONL cleared as getpass does.
    (T, "flags = (flags & ~(Echo | EchoNewline)) | Canonical;", "flags = (flags & ~Echo) | Canonical;", "stmt",
     "ECHONL left on: with stty echonl the Enter shows as an extra line"),
]
