# Mutants of the XenStore server's small parts (session 19): C's strtol and atoi as the server reads
# ids and offsets (CStrtol, AtoiArgument, PermissionArgument), the device and socket message readers,
# the output high-water hook, the device quirks, replies, the wire header, the error table and the
# device transport.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_server_parts.py
# Outcome (session 19): 54 killed of 55; one equivalent. First run (mutants 1-54): 34 killed, 20
# survived; each survivor but one was a test gap, killed by a new or tightened test (re-run: all
# killed; 25 by the new test's one-minute safety net):
#   1, 5, 7, 12, 16 strtol's white space, 0X, '0x' with no digit after it, saturation one step early,
#     upper-case digits -> CStrtolTests: CStrtol against this machine's C library strtol (P/Invoke),
#     value and end, bases 10 and 0, edge cases and 20000 generated strings.
#   4, 18 atoi reading a leading 0 as octal -> CStrtolTests and PyxsConformanceTests' leading zeros
#     (pyxs passes "r010" and domain "010" on as given: r8, /local/domain/10).
#   25 a closed emulated device never ending its session -> DeviceEmulationTests' session end (its
#     watch freed from the domain's quota); 27 a 4080-byte payload refused -> its 4080-byte write.
#   32 a socket message cut short by the client closing, applied zero-filled -> RobustnessTests.
#   35, 36, 38, 39 the device quirks: events with ids 0 or a transaction id 0, WATCH replies keeping
#     the transaction id, UNWATCH replies keeping their ids -> DeviceEmulationTests (the existing test
#     said "garbage ids" but asserted none).
#   48, 49 the error table missing a legacy name, compared ignoring case -> WireFormatTests (the
#     whole table, and "eagain" unknown).
#   51, 52 DeviceTransport: a cancelled write sent, the description's path -> DeviceTransportTests.
#   54 the pty's EIO at hang-up thrown: the test read after the hang-up, which gets 0 from the
#     kernel; it now waits until the read is blocked in read() (/proc/self/task/*/syscall) first.
# Equivalent in session 19: 24, the device's full-buffer check (a header passing the 4080-byte
#   check makes a message of at most 4096 bytes, the buffer's size, so the buffer is full only once a
#   message is complete, which returns first). Session 20 removed the unreachable check; 24 is now
#   a partial message overwritten by the next write instead of completed: it survived (no test wrote
#   a message in pieces), killed by DeviceEmulationTests' message written in 7-byte pieces. All 55 killed.
# Session 23 (xs): 56-62 added with the request-reading fixes and the client's NUL refusal; run
# alone (56-62): 7/7 killed, by RequestReadingTests and NulInArgumentTests.
# Found by the differential test, not a difference a caller sees: with no number, CStrtol's end was
# after the white space and sign it skipped; glibc's is the text's start. Fixed (mutant 55 is the
# old code, killed); PermissionArgument refuses no digits before it looks at the end.
# Not written, equivalent: Math.Min in the digit loop (the guard already keeps it at the limit);
# OutputHighWater's compare-exchange retry (every Send runs under the server's gate, so nothing
# races); the socket reader's partial header at end of stream (an empty-payload message changes
# nothing) and its `payload.Length > 0` guard. Not mutable with a switch: XenStoreMessageType's and
# XenStoreErrors' constants (the conformance tests with xenstore-* and pyxs speak them) and
# DirectoryListing (a record, no logic).
# Session 67: mutant 54 retargeted by its surrounding text (DeviceTransport's own write(2), the seam
# the device-refused WATCH tests substitute, added a second `return 0;`); 50-54 rerun against the
# new DeviceTransport: 5/5 killed (50 by timeout: the buffered FileStream now only reads, and waits).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = []  # the whole project: about 15 s a run
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 90
C = "src/Agent/XenStore/Server/CStrtol.cs"
A = "src/Agent/XenStore/Server/AtoiArgument.cs"
P = "src/Agent/XenStore/Server/PermissionArgument.cs"
M = "src/Agent/XenStore/Server/DeviceMessageReader.cs"
S = "src/Agent/XenStore/Server/StreamMessageReader.cs"
O = "src/Agent/XenStore/Server/OutputHighWater.cs"
Q = "src/Agent/XenStore/Server/DeviceQuirks.cs"
R = "src/Agent/XenStore/Server/Reply.cs"
H = "src/Agent/XenStore/Wire/XenStoreHeader.cs"
E = "src/Agent/XenStore/Wire/XenStoreErrors.cs"
T = "src/Agent/XenStore/Transports/DeviceTransport.cs"
Y = "src/Agent/XenStore/Wire/XenStorePayload.cs"
SR = "src/Agent/XenStore/Server/SessionRequests.cs"
ATOI = "unchecked((uint)CStrtol.Parse(text, detectRadix: false, out _, out _))"
STREAM_PAYLOAD = ("payload.Length > 0 && await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, "
                  "cancellationToken).ConfigureAwait(false) < payload.Length")
KNOWN = ('[\n        "EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM", "ENOSPC", "EIO",\n'
         '        "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN", "E2BIG", "EPERM",\n    ]')
MUTANTS = [
    # CStrtol: glibc's strtol
    (C, r"text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r'", r"text[i] is ' ' or '\t'", "expr",
     "strtol: only space and tab skipped, not the rest of C's isspace (\\n \\v \\f \\r)"),
    (C, "text[i] is '+' or '-'", "text[i] is '-'", "expr",
     "strtol: a '+' sign not taken"),
    (C, "negative = text[i] == '-';", "negative = false;", "stmt",
     "strtol: the sign ignored (-1 read as 1)"),
    (C, "detectRadix && i < text.Length && text[i] == '0'", "i < text.Length && text[i] == '0'", "expr",
     "strtol: base 10 (atoi) reads a leading 0 as octal"),
    (C, "text[i + 1] is 'x' or 'X'", "text[i + 1] is 'x'", "expr",
     "strtol: 0X (capital) not a hexadecimal prefix"),
    (C, "i + 2 < text.Length", "i + 2 <= text.Length", "expr",
     "strtol: a trailing '0x' looked at past the end"),
    (C, "DigitValue(text[i + 2]) < 16", "true", "expr",
     "strtol: '0x' taken as a prefix with no hexadecimal digit after it"),
    (C, "i += 2;", "i += 1;", "stmt",
     "strtol: the x of 0x left to be read as a digit"),
    (C, "radix = 8;", "radix = 10;", "stmt",
     "strtol: a leading 0 read as decimal, not octal"),
    (C, "DigitValue(text[i]) < radix", "DigitValue(text[i]) <= radix", "expr",
     "strtol: the digit equal to the base accepted (8 in octal)"),
    (C, "magnitude > (Limit - digit) / radix ? Limit : Math.Min(Limit, (magnitude * radix) + digit)",
     "unchecked((magnitude * radix) + digit)", "expr",
     "strtol: no saturation, the magnitude wraps"),
    (C, "magnitude > (Limit - digit) / radix", "magnitude >= (Limit - digit) / radix", "expr",
     "strtol: saturates one step early"),
    (C, "magnitude >= Limit ? long.MaxValue : (long)magnitude", "(long)magnitude", "expr",
     "strtol: a positive overflow not saturated at LONG_MAX"),
    (C, "magnitude >= Limit ? long.MinValue : -(long)magnitude", "-(long)Math.Min(magnitude, long.MaxValue)", "expr",
     "strtol: a negative overflow saturated at -LONG_MAX, not LONG_MIN"),
    (C, "(uint)(c - 'a' + 10)", "(uint)(c - 'a')", "expr",
     "strtol: lower-case hexadecimal letters valued from 0"),
    (C, "(uint)(c - 'A' + 10)", "(uint)(c - 'a' + 10)", "expr",
     "strtol: upper-case hexadecimal letters not digits"),
    (C, "end = digits == 0 ? 0 : i;", "end = text.Length;", "stmt",
     "strtol: the whole text counted as read"),
    # AtoiArgument
    (A, ATOI, "unchecked((uint)CStrtol.Parse(text, detectRadix: true, out _, out _))", "expr",
     "atoi: reads 0x and leading-0 prefixes (strtol base 0)"),
    (A, ATOI, "unchecked((uint)Math.Clamp(CStrtol.Parse(text, detectRadix: false, out _, out _), int.MinValue, int.MaxValue))", "expr",
     "atoi: clamped to an int instead of keeping strtol's low 32 bits"),
    # PermissionArgument
    (P, "digits == 0 || end != id.Length", "end != id.Length", "expr",
     "set_perms: an entry with no digits ('r') accepted as domain 0"),
    (P, "digits == 0 || end != id.Length", "digits == 0", "expr",
     "set_perms: text after the id accepted"),
    (P, "text.AsSpan(1)", "text.AsSpan(1).Trim()", "expr",
     "set_perms: white space around the id trimmed ('r1 ' accepted)"),
    (P, "unchecked((uint)value)", "checked((uint)value)", "expr",
     "set_perms: an id past 32 bits throws (EIO) instead of keeping the low bits"),
    # DeviceMessageReader
    (M, "_buffer.AsMemory(_filled)", "_buffer.AsMemory(0)", "expr",
     "device: the next write overwrites a partial message instead of completing it"),
    (M, "read == 0", "read < 0", "expr",
     "device: the end of the stream not noticed"),
    (M, "_filled < XenStoreLimits.HeaderSize", "_filled <= XenStoreLimits.HeaderSize", "expr",
     "device: a message with an empty payload waits for more bytes"),
    (M, "header.Length > XenStoreLimits.DevicePayloadMax", "header.Length >= XenStoreLimits.DevicePayloadMax", "expr",
     "device: a 4080-byte payload refused"),
    (M, "header.Length > XenStoreLimits.DevicePayloadMax", "header.Length > XenStoreLimits.PayloadMax", "expr",
     "device: the socket's 4096-byte limit instead of the device's 4080"),
    (M, "_filled = 0;", "_buffer.AsSpan(total, _filled - total).CopyTo(_buffer); _filled -= total;", "stmt",
     "device: bytes after the first message of a chunk kept (stream rules)"),
    # StreamMessageReader
    (S, "header.Length > XenStoreLimits.PayloadMax", "header.Length >= XenStoreLimits.PayloadMax", "expr",
     "socket: a 4096-byte request refused"),
    (S, "header.Length > XenStoreLimits.PayloadMax", "header.Length > XenStoreLimits.PayloadMax + 1", "expr",
     "socket: a 4097-byte request accepted"),
    (S, STREAM_PAYLOAD, STREAM_PAYLOAD.replace("< payload.Length", "< 1"), "expr",
     "socket: a payload cut short by the peer closing is handled (zero-filled)"),
    # OutputHighWater
    (O, "queuedBytes > seen", "false", "expr",
     "high water: nothing observed"),
    (O, "queuedBytes > seen", "queuedBytes != seen", "expr",
     "high water: a lower figure replaces the peak"),
    # DeviceQuirks
    (Q, "RandomNumberGenerator.Fill(message.AsSpan(4, 8));", "", "stmt",
     "quirks: events keep ids 0 (no garbage)"),
    (Q, "RandomNumberGenerator.Fill(message.AsSpan(4, 8));", "RandomNumberGenerator.Fill(message.AsSpan(4, 4));", "stmt",
     "quirks: only an event's request id garbled, its transaction id stays 0"),
    (Q, "message.AsSpan(4, 8).Clear();", "", "stmt",
     "quirks: WATCH and UNWATCH replies keep the caller's ids"),
    (Q, "message.AsSpan(4, 8).Clear();", "message.AsSpan(4, 4).Clear();", "stmt",
     "quirks: WATCH and UNWATCH replies keep the caller's transaction id"),
    (Q, "(XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(message)",
     "(XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(message) is XenStoreMessageType.Unwatch ? XenStoreMessageType.Read"
     " : (XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(message)", "expr",
     "quirks: UNWATCH replies keep the caller's ids (only WATCH's cleared)"),
    # Reply
    (R, "payload.Length > XenStoreLimits.PayloadMax", "payload.Length >= XenStoreLimits.PayloadMax", "expr",
     "reply: a 4096-byte reply turned into E2BIG"),
    (R, "Error(XenStoreErrors.TooBig);\n            return;", "Error(XenStoreErrors.TooBig);", "stmt",
     "reply: the oversized reply sent after its E2BIG"),
    (R, "Connection.Send(XenStoreMessage.Encode(Header.Type, Header.RequestId, Header.TransactionId, payload));",
     "Connection.Send(XenStoreMessage.Encode(Header.Type, Header.RequestId, 0, payload));", "stmt",
     "reply: success replies carry transaction id 0"),
    (R, 'name + "\\0"', "name", "expr",
     "reply: error names sent without their NUL"),
    (R, "_staged ?? []", "[]", "expr",
     "reply: the staged payload dropped (every success reply empty)"),
    # XenStoreHeader
    (H, "BinaryPrimitives.ReadUInt32LittleEndian(source[12..])", "BinaryPrimitives.ReadUInt32BigEndian(source[12..])", "expr",
     "header: the length read big-endian"),
    (H, "BinaryPrimitives.ReadUInt32LittleEndian(source[8..])", "BinaryPrimitives.ReadUInt32LittleEndian(source[4..])", "expr",
     "header: the transaction id read from the request id's field"),
    (H, "BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], TransactionId);", "", "stmt",
     "header: the transaction id not written"),
    # XenStoreErrors
    (E, KNOWN, KNOWN.replace(' "EISCONN",', ""), "expr",
     "errors: a legacy name (EISCONN) left out of the table"),
    (E, "StringComparer.Ordinal", "StringComparer.OrdinalIgnoreCase", "expr",
     "errors: names compared ignoring case (C's get_error uses strcmp)"),
    # DeviceTransport
    (T, "new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0)", "new FileStream(handle, FileAccess.ReadWrite, bufferSize: 4096)", "expr",
     "device transport: buffered, a message can sit unwritten"),
    (T, "cancellationToken.ThrowIfCancellationRequested();", "", "stmt",
     "device transport: a cancelled write still sent"),
    (T, '"device " + path', '"device " + Path.GetFileName(path)', "expr",
     "device transport: the description names only the file name"),
    (T, "XenStoreLimits.DevicePayloadMax", "XenStoreLimits.PayloadMax", "expr",
     "device transport: the socket's 4096-byte payload limit"),
    (T, "return 0;", "throw;", "stmt",
     "device transport: a pty's EIO at hang-up thrown instead of read as the end",
     "that is the end of the stream.\n            return 0;"),
    # Added after the first run, with the fix it tests
    (C, "digits == 0 ? 0 : i", "i", "expr",
     "strtol: with no number, the end after the white space and sign it skipped (the code before this batch)"),
    # Session 23 (xs): how requests are read and refused as 4.17 does, and the client's NUL refusal
    (Y, "last < 0 ? [] : Split(payload[..(last + 1)])", "Split(payload)", "expr",
     "payload: bytes after the last NUL of a multi-string request read as one more string"),
    (Y, "RefuseNul(value);", "", "stmt",
     "payload: a string holding a NUL sent (a path, token or permission entry naming something else)"),
    (Y, "RefuseNul(path);", "", "stmt",
     "payload: WRITE's path holding a NUL sent (another node written)"),
    (SR, "type == XenStoreMessageType.Control", "false", "expr",
     "session: CONTROL from a guest is ENOSYS, not EACCES"),
    (SR, "!caller.IsPrivileged && current[0].DomainId != caller.DomainId", "!caller.IsPrivileged", "expr",
     "session: a special path's owner may not set its permissions"),
    (SR, "removed || connection.EmulatesDevice", "removed", "expr",
     "session: the emulated device answers ENOENT to UNWATCH of a watch it did not hold"),
    (SR, "XenStoreErrors.InvalidArgument", "XenStoreErrors.NotFound", "expr",
     "session: SET_PERMS of an unknown special path is ENOENT (the code before this session)",
     "TryGetValue(path, out var current))\n        {\n            return XenStoreErrors.InvalidArgument;"),
]
