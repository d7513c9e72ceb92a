# Mutants of agentupdate (arguments, download limit, archive extraction) and of injectfile's link
# policy. Run: scripts/mutants/mutate.py scripts/mutants/update_and_injectfile.py
# Outcome (2026-12-01): 27 mutants, 25 killed at first (8-18 and 22-26, added with the URL's Basic
# credentials, RedirectFollower's checks, GNU tar's sparse and large-uid archives and the named
# compressions, all killed); 2 survived. 7 (the declared
# Content-Length not checked) was a test gap, now killed by a server that declares too much and
# stalls. 2 (a URL without a host) stays: equivalent, since .NET's Uri refuses every http(s) URL
# with an empty host ("https:///x", "https://@/x", "https://:443/x") before the check is reached.
# Session 70: mutant 19 given its context only (`total > maxBytes` is now written for a hard link's copy too); the
# mutated code is unchanged, so its outcome stands.
# Re-run 2026-12-01 with .tar.bz2 and .tar.xz (25-31 new or retargeted): 32 mutants, 30 killed;
# 2 and 29 survived. 29 (tolerateTruncatedStream: true) stays: a stream cut inside a block is refused either
# way, and one cut at a block's end would end the tar early, which the reader refuses as unreadable.
# 2026-12-01 (s23): 33-39 added with agentupdate's TLS wording (ServerCertificateCheck, the
# SecureConnectionError branch), all 7 killed; 40 (the rest of a bzip2/xz stream read after the tar
# refusal, so a block decoding to garbage is named as the compression's) killed; 30 given a sixth
# element (its throw now occurs twice), re-run, killed. 40 mutants: 38 killed, 2 and 29 survive as before.
# Session 24: 40 placed by its catch clause (its text now occurs twice); 41-42 added (the rest of an
# xz or bzip2 stream read after the tar's end, so a block decoding to a wrong byte of a file fails
# its check), 43-44 (injectfile's cap of 128 components); run 40-44, all killed (GnuTarArchiveTests,
# InjectFileCommandsTests). 44 mutants: 42 killed, 2 and 29 survive as before.
# Session 24 (gzip): the rest of a gzip stream is read after the tar's end too (ChecksAtItsEnd);
# 42 retargeted to the new condition (xz dropped), 45 (gzip dropped) and 46 (GZipStream's
# InvalidDataException not taken as a failed check) added; run 40-42 and 45-46, all killed
# (GnuTarArchiveTests, SafeTarExtractorTests, AgentUpdateCommandTests). 46 mutants: 44 killed, 2 and 29 survive.
# Session 25 (fuzz): 47-49 added with agentupdate's refusal of a URL holding a control character
# (BuiltInRequestSchemaTests joins the classes run); run 47-49, all killed by BuiltInRequestSchemaTests.
# Session 25 (hangup; numbered after fuzz's 47-49 at the merge): anything but zeros after a whole gzip stream refused, as gzip's "trailing
# garbage" fails GNU tar (GzipTrailingData, PrefixThenBytes; GzipTrailingDataTests joins the classes);
# 50-58 added; run, all 9 killed (GzipTrailingDataTests; 51, 53, 55-58 also by every gzip archive the other classes extract).
# Then the probe's cap made twice the first reading's (it had refused a stream decoding past the cap after the
# tar's end, which the first reading accepts unchecked): 56 retargeted, 59 added, 51 placed by its comment;
# 51 and 56 killed; 59 survived until GzipTrailingDataTests got a stream decoding between the cap and twice
# it, then garbage (refused, as gzip -t does), then killed. 59 mutants: 57 killed, 2 and 29 survive as before.
# Session 25 (xz): streams back to back read as one archive and anything but padding after a stream refused
# (ConcatenatedXzStream; XzTrailingDataTests joins the classes); 60-64 added and run, all killed (63 after a test put
# three zeros between two streams); 31 retargeted to ConcatenatedXzStream, run, killed. 64 mutants: 62 killed, 2 and 29 survive as before.
# Session 26 (fuzz2): 47 and 49 retargeted (the URL's check now also refuses format characters), 65-67 added
# (format characters, a host name beyond ASCII, a redirect to one); run 47, 49, 65-67: all killed
# (BuiltInRequestSchemaTests, AgentUpdateCommandTests). 67 mutants: 65 killed, 2 and 29 survive as before.
# Session 26 (review): 68 added (a redirect's Location holding a format character); run: killed
# (AgentUpdateCommandTests.Idn.cs). 68 mutants: 66 killed, 2 and 29 survive as before.
# Session 31 (update7): GzipTrailingData removed (bytes after the last gzip member that begin none are ignored, as
# tarfile ignores them) and SharpCompress's concatenated bzip2 mode replaced (ConcatenatedBzip2Stream); 26-29 retargeted
# at the new decoders, 50-56 and 59 at CheckedGzipStream (a file cut short refused without UseStrictValidation), 53 at
# PrefixThenBytes.ReachedTheBytes; the new code's other mutants are in update_s31_update7.py. Run 26-29, 50-59: 12 killed,
# 29 survives as before, and 57 (PrefixThenBytes reading past its prefix) is now equivalent: the prefix is the whole
# rest of the file, so the source never has more to give. 68 mutants: 65 killed, 2, 29 and 57 survive.
# Session 32 (update8): ConcatenatedStream, the base of the bzip2 and xz decoders, holds the Read loop and the sticky
# refusal: 62 and 64 moved there (62 now stops bzip2's second stream too), 28 retargeted at bzip2's own part (a second
# stream read as garbage: `return Open(start, head[3]);` dropped); 27 and 31 follow the decoders' token argument.
# PrefixThenBytes lost its length (always the rest of the file): 53 and 58 retargeted, and the equivalent 57 replaced in
# place, keeping the numbering, by our bytes copied past a short buffer (killed by a direct test of PrefixThenBytes).
# Run 26-28, 31, 53, 57, 58, 62, 64: all 9 killed (baseline 404 tests passing). 68 mutants: 66 killed, 2 and 29 survive.
# Session 33 (review-update): 40, 41 (rewritten by update9 to build) and 64 (retargeted at ForwardReadStream's remembered
# failure) run: all 3 killed (baseline 407 tests passing; 40 by 6 tests, 41 by 23, 64 by 175).
# Session 51: 16-18 follow UrlCredentials' octets (each escape its octet, Octets); run: all killed.
# Session 70 before-stop review: mutant 19 retargeted at TarEntryWriter.Count (one place for the limit); rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*AgentUpdateCommandTests", "-class", "*BuiltInRequestSchemaTests", "-class", "*SafeTarExtractorTests", "-class", "*TarFieldGuardTests",
             "-class", "*DownloadDiskFullTests", "-class", "*InjectFile*", "-class", "*AgentInstallerTests",
             "-class", "*GnuTarArchiveTests", "-class", "*RedirectFollowerTests", "-class", "*ServerCertificateCheckTests",
             "-class", "*GzipTrailingDataTests", "-class", "*XzTrailingDataTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
Q = "src/Agent.Commands/Update/AgentUpdateRequest.cs"
D = "src/Agent.Commands/Update/UpdateDownloader.cs"
T = "src/Agent.Commands/Update/SafeTarExtractor.cs"
TE = "src/Agent.Commands/Update/TarEntryWriter.cs"
AC = "src/Agent.Commands/Update/ArchiveCompression.cs"
F = "src/Agent.Commands/Files/FileInjector.cs"
U = "src/Agent.Commands/Update/UrlCredentials.cs"
R = "src/Agent.Commands/Update/RedirectFollower.cs"
C = "src/Agent.Commands/Update/ServerCertificateCheck.cs"
P = "src/Agent.Commands/Files/InjectedPath.cs"
CG = "src/Agent.Commands/Update/CheckedGzipStream.cs"
CB = "src/Agent.Commands/Update/ConcatenatedBzip2Stream.cs"
PT = "src/Agent.Commands/Update/PrefixThenBytes.cs"
XT = "src/Agent.Commands/Update/ConcatenatedXzStream.cs"
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
FR = "src/Agent.Commands/Update/ForwardReadStream.cs"
MUTANTS = [
    (Q, "text.LastIndexOf(',')", "text.IndexOf(',')", "expr", "agentupdate: split at the first comma (URL with a comma)"),
    (Q, "uri.Host.Length == 0", "false", "expr", "agentupdate: URL without a host"),
    (Q, "text.All(char.IsAsciiHexDigit)", "true", "expr", "agentupdate: non-hex checksum of the right length"),
    (Q, "Kind == ChecksumKind.Md5 ? actualMd5 : actualSha256", "actualMd5", "expr", "agentupdate: sha256 compared with the md5"),
    (D, "total > options.MaxDownloadBytes", "false", "expr", "download: no limit while streaming"),
    (D, "total > options.MaxDownloadBytes", "total >= options.MaxDownloadBytes", "expr", "download: exactly the limit refused"),
    (D, "response.Content.Headers.ContentLength > options.MaxDownloadBytes", "false", "expr", "download: declared length not checked"),
    (R, "redirects == 0 ? UrlCredentials.BasicAuthorization(url) : null", "null", "expr", "download: the URL's user and password not sent"),
    (R, "redirects == 0 ? UrlCredentials.BasicAuthorization(url) : null", "UrlCredentials.BasicAuthorization(url)", "expr", "redirects: the URL's credentials sent on to where a redirect leads"),
    (R, "!IsRedirect(response.StatusCode)", "true", "expr", "redirects: none followed"),
    (R, "redirects == MaxRedirects", "redirects == MaxRedirects - 1", "expr", "redirects: only four followed"),
    (R, "current", "url", "expr", "redirects: a relative location resolved against the first URL", "TryCreate(current,"),
    (R, "target.Scheme is not (\"https\" or \"http\")", "false", "expr", "redirects: file:// and ftp:// targets followed"),
    (R, "target.Scheme == \"http\" && !options.AllowHttp", "false", "expr", "redirects: a plain http target followed where http is not allowed"),
    (U, "userInfo.Length == 0", "false", "expr", "credentials: an empty Basic header sent for a URL without user info"),
    (U, "part[i] == '%'", "false", "expr", "credentials: no escape percent-decoded (session 51: the octets of each, Octets)"),
    (U, "i += 2;", "", "stmt", "credentials: an escape's two hex digits sent again after its octet (session 51)"),
    (U, "colon < 0 ? [] : Octets(userInfo[(colon + 1)..])", "Octets(userInfo[(colon + 1)..])", "expr", "credentials: a user without a password sent with the user as password"),
    (TE, "total > maxBytes", "total >= maxBytes", "expr", "tar: exactly the extraction limit refused",
     "total += length;\n        if (total > maxBytes)"),
    (TE, "(entry.Mode & FileModeMask)", "entry.Mode", "expr", "tar: setuid / group-write bits kept on staged files"),
    (TE, "File.Exists(current)", "false", "expr", "tar: a file as a directory on the way"),
    (TE, "key.StartsWith(\"GNU.sparse.\", StringComparison.Ordinal)", "false", "expr", "tar: a GNU PAX sparse entry extracted as its packed bytes"),
    (TE, "\"GNU.sparse.\"", "\"GNU.sparse.major\"", "expr", "tar: only the 1.0 sparse format refused"),
    (T, "throw Unsafe(\"a number in an entry's header is out of range (its uid, gid, time or device number)\");", "throw;", "stmt", "tar: the reader's overflow on a large uid escapes as an unexpected failure"),
    (T, "compression is not (null or \"gzip\" or \"bzip2\" or \"xz\")", "false", "expr", "tar: a zstd archive refused only as unreadable"),
    (AC, "new CheckedGzipStream(archive)", "null", "expr", "tar: a gzip archive read as plain tar"),
    (AC, "new ConcatenatedBzip2Stream(archive, maxBytes, cancellationToken)", "null", "expr", "tar: a bzip2 archive read as plain tar"),
    (CB, "return Open(start, head[3]);", "return null;", "stmt", "tar: only the first of concatenated bzip2 streams read"),
    (CB, "false", "true", "expr", "tar: a bzip2 stream cut short taken as its end", "tolerateTruncatedStream: false"),
    (T, "throw Unsafe($\"the {compression} stream is corrupt or cut short\");", "throw;", "stmt", "tar: the bzip2 or xz decompressor's refusal escapes as an unexpected failure",
     "a check mismatch, a stream cut short.\n            throw Unsafe($\"the {compression} stream is corrupt or cut short\");"),
    (AC, "new ConcatenatedXzStream(archive, cancellationToken)", "null", "expr", "tar: an xz archive read as plain tar"),
    (F, "options.AllowedDirectories.Any(directory => directory.TrimEnd('/').Length == 0)", "true", "expr", "injectfile: trusted links followed under a narrow allow-list"),
    (C, "errors == SslPolicyErrors.None", "true", "expr", "tls: every server certificate accepted"),
    (C, "refusal.Errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)", "false", "expr", "tls: an untrusted chain worded as a name mismatch"),
    (C, "refusal.Errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)", "false", "expr", "tls: a name mismatch not named beside an untrusted chain"),
    (C, "refusal.Errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)", "false", "expr", "tls: no certificate at all worded as an untrusted one"),
    (C, "names.Length <= MaxNames", "true", "expr", "tls: every name of a certificate listed in the log"),
    (C, "errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? NamesOf(certificate) : []", "Array.Empty<string>()", "expr", "tls: the certificate's names not logged on a mismatch"),
    (D, "exception.HttpRequestError == HttpRequestError.SecureConnectionError", "false", "expr", "tls: a TLS failure answered with HttpRequestError's name"),
    (T, "ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken)", "false", "expr", "tar: a bzip2 block decoding to garbage named as a bad tar",
     "if (ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken))"),
    (T, "ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken)", "false", "expr", "tar: an xz block decoding to a wrong byte of a file accepted (the check after the tar's end not read)",
     "if (ArchiveCompression.ChecksAtItsEnd(compression) && ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken))"),
    (AC, "compression is \"gzip\" or \"bzip2\" or \"xz\"", "compression is \"gzip\" or \"bzip2\"", "expr", "tar: the rest of an xz stream not read after the tar's end"),
    (P, "path.Count('/') > MaxComponents", "false", "expr", "injectfile: a path of any depth walked (a descriptor per component)"),
    (P, "path.Count('/') > MaxComponents", "path.Count('/') >= MaxComponents", "expr", "injectfile: a path of exactly 128 components refused"),
    (AC, "compression is \"gzip\" or \"bzip2\" or \"xz\"", "compression is \"bzip2\" or \"xz\"", "expr", "tar: the rest of a gzip stream not read after the tar's end (its last member's CRC32 unchecked)"),
    (AC, "exception is SharpCompressException or InvalidDataException", "exception is SharpCompressException", "expr", "tar: GZipStream's CRC32, ISIZE or truncation refusal in the rest of the stream named as a bad tar"),
    (Q, "char.IsControl(c)", "false", "expr", "agentupdate: a URL holding a control character percent-escaped and fetched"),
    (Q, "url.AsSpan().Trim(JsonWhiteSpace).ToString()", "url", "expr", "agentupdate: the object form's URL not trimmed, so a line break after it is refused"),
    (Q, "char.IsControl(c)", "c < ' '", "expr", "agentupdate: DEL and C1 controls in a URL let through"),
    # Session 25: what follows a whole gzip stream. Session 31: GzipTrailingData removed (bytes after the last
    # member ignored, as tarfile ignores them); 50-56 and 59 retargeted at CheckedGzipStream, which refuses a
    # file cut short whatever the host's UseStrictValidation.
    (CG, "_source.ReachedTheBytes", "false", "expr",
     "gzip end: a file cut short (in its trailer, after the tar's end) taken as whole without the runtime's strict validation"),
    (CG, "_held = 0;", "", "stmt",
     "gzip end: our member's nonce handed out as data"),
    (CG, "_held == NonceBytes && _decoded.AsSpan(0, NonceBytes).SequenceEqual(_nonce)", "false", "expr",
     "gzip end: a file whose last member ends at its end refused as cut short"),
    (PT, "_then > 0", "true", "expr",
     "gzip end: bytes after the last member that begin none refused as a cut (gzip's trailing garbage, which tarfile ignores)"),
    (CG, "Math.Max(0, available - NonceBytes)", "available", "expr",
     "gzip end: nothing held back, so the nonce is never recognised"),
    (CG, "_decoded.AsSpan(handed, _held).CopyTo(_decoded);", "", "stmt",
     "gzip end: the held bytes not moved to the front (a wrong byte of a file)"),
    (CG, "handed > 0", "true", "expr",
     "gzip end: a read that decoded no more than the held bytes taken as the end"),
    (PT, "Math.Min(buffer.Length, then.Length - _then)", "then.Length - _then", "expr",
     "gzip end: our own member's bytes copied past a short read's buffer"),
    (PT, "then.AsSpan(_then, count).CopyTo(buffer);", "buffer[..count].Clear();", "stmt",
     "gzip end: the probe's own member given as zeros"),
    (CG, "_decoded.AsSpan(0, handed).CopyTo(buffer);", "", "stmt",
     "gzip end: decoded bytes not handed out"),
    # Session 25: what follows an xz stream (ConcatenatedXzStream).
    (XT, "padding % 4 != 0", "false", "expr", "xz end: padding of any length taken (xz refuses three zeros)"),
    (XT, "_archive.Position == _archive.Length", "true", "expr", "xz end: whatever follows a stream ignored (garbage accepted)"),
    (CS, "_current = NextStream();", "_current = null;", "stmt", "xz end: a second stream not read (a tar split across streams refused; bzip2's too, since session 32)"),
    (XT, "return zeros + nonZero;", "return zeros;", "stmt", "xz end: zeros in the block that ends them not counted (odd padding taken)"),
    (FR, "_failure?.Throw();", "return 0;", "stmt", "xz end: a refused tail read again as the end (a tar cut by it named the tar's fault; since session 33 ForwardReadStream says any failed read again)"),
    # Session 26 (fuzz2): format characters and host names beyond ASCII.
    (Q, "CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format", "false", "expr", "agentupdate: a format character in the URL, which Uri drops from a host, let through"),
    (Q, "!Ascii.IsValid(uri.Host)", "false", "expr", "agentupdate: a host name beyond ASCII converted by .NET's IDNA without ICU"),
    (R, "!System.Text.Ascii.IsValid(target.Host)", "false", "expr", "agentupdate: a redirect to a host name beyond ASCII followed"),
    (R, "AgentUpdateRequest.HoldsUnwritable(location.OriginalString)", "false", "expr", "agentupdate: a redirect's Location holding a format character followed (Uri drops it from the host)"),
]
