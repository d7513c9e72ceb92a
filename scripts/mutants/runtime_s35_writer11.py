# Mutants of session 35's writer11 task (tests/Agent.Tests):
# - The main writer's StageIn opens its target once, first (FileInPlace, shared with ReplaceStreamed,
#   whose errno arms are runtime_s34_writer10.py's 1-5): a link is refused unless ReplaceSymbolicLink
#   (1, 2); the open a backup's copy makes at the commit keeps ReadInPlace's flags (3).
# - AtomicWriteOptions.ExactExtendedAttributes: the attributes asked for replace the old file's but its
#   ACL (4, 5), SkipIfUnchanged compares them (6-8), the names the writer could not set are refused
#   (9-11); IFileSystem.ReadExtendedAttributes leaves the ACL out (12).
# - An EPERM on a security.* name says why and how to remove the attribute; others keep the plain error (13, 14).
# Not mutated: ByName's UTF-8 check (no test sets a name that is not UTF-8), ReadExtendedAttributes'
# O_NOFOLLOW (the same ReadInPlace as ReadAccessControl, runtime_s32_writer8.py's 10).
# Session 35 (review-writer): 3 (O_NOCTTY on the commit's open) moved to runtime_s35_reviewwriter.py
# as its 1 (that open is FileInPlace's look now); the numbers above are the old ones, old 4-14 are 3-13.
# Root is needed (security.* attributes), and the acl, attr and strace packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_writer11.py
# Outcome (session 35, 2026-12-02, as root): 14 mutants, 14 killed (183 tests each).
# Session 36 (writer12): 7 retargeted at HasExactly's new comparison (raw names, value.Span.SequenceEqual(attribute.Value));
# rerun in one build with runtime_s36_writer12.py (197 tests): killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests", "-class", "*ReplaceStreamedTargetTests",
             "-class", "*ReadInPlaceOpenTests", "-class", "*ExtendedAttributesWriteTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
W = "src/Agent/System/AtomicFileWriter.cs"
E = "src/Agent/System/AtomicFileWriter.Exact.cs"
O = "src/Agent/System/AtomicWriteOptions.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
MUTANTS = [
    (W, "options.ReplaceSymbolicLink", "true", "expr",
     "a link at the target replaced without ReplaceSymbolicLink"),
    (W, "options.ReplaceSymbolicLink", "false", "expr",
     "a link at the target refused even with ReplaceSymbolicLink"),
    (E, "attributes = [.. attributes.Where(ExtendedAttributes.IsAccessAcl), .. ExtendedAttributes.FromNames(byName)];", "", "stmt",
     "ExactExtendedAttributes ignored: the old file's attributes kept"),
    (E, "attributes.Where(ExtendedAttributes.IsAccessAcl)", "Array.Empty<ExtendedAttribute>()", "expr",
     "ExactExtendedAttributes drops the old file's ACL"),
    (E, "options.ExactExtendedAttributes is not { } byName || ExtendedAttributes.HasExactly(handle, byName, path)", "true", "expr",
     "SkipIfUnchanged skips a file with other attributes"),
    (X, "current.Count == byName.Count", "true", "expr",
     "a file with one attribute more taken for the same"),
    (X, "value.Span.SequenceEqual(attribute.Value)", "true", "expr",
     "an attribute with another value taken for the same"),
    (X, "name.Length > 0", "true", "expr",
     "an empty attribute name taken"),
    (X, "!name.Contains('\\0', StringComparison.Ordinal)", "true", "expr",
     "an attribute name with a NUL taken"),
    (X, "name != AccessAcl", "true", "expr",
     "the access ACL taken as an ExactExtendedAttributes name (ExactAccessControl's)"),
    (X, "!IsAccessAcl(attribute)", "true", "expr",
     "ReadExtendedAttributes gives the access ACL too", "attributes.Where(attribute => !IsAccessAcl(attribute))"),
    (X, "errno == LibC.EPerm && attribute.Name.AsSpan().StartsWith(SecurityPrefix)", "false", "expr",
     "EPERM on a security.* name gives the plain error (the old code)"),
    (X, "attribute.Name.AsSpan().StartsWith(SecurityPrefix)", "true", "expr",
     "EPERM on a user.* name tells how to remove it as if it were a security.* one"),
]
