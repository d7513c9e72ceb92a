# Mutants of the kernel-like link walk (GuestAgent.Platform.RealPath), shared by the daemon's check of
# who can change its files (PathAccess) and netplan's reader. 1-4 moved here from netplan_settings.py
# (its 30-33) when the walk moved from NetplanFileReader to src/Agent (session 18).
# Outcome (session 18): 10 mutants (9, 10 added by the review: both killed), all killed by RealPathTests (6, no link counted, by timeout: the
# loop test never ends).
# Session 19 (cleanup): 11-15 for ResolvedPath's value equality (Equals, GetHashCode), ResolvedPathTests added
# to the filter: 5 of 5 killed by ResolvedPathTests.
# Run: scripts/mutants/mutate.py scripts/mutants/real_path.py
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*RealPathTests", "-class", "*ResolvedPathTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
R = "src/Agent/System/RealPath.cs"
V = "src/Agent/System/ResolvedPath.cs"
MUTANTS = [
    (R, "readLink(next)", "(string?)null", "expr",
     "a link inside the path (a directory link, merged /usr) is not followed"),
    (R, "component == \"..\"", "false", "expr",
     "'..' in a path or link target is kept, not taken"),
    (R, "target.StartsWith('/')", "false", "expr",
     "an absolute target is appended, not started from the root"),
    (R, "walk.Push(path[..lastSlash]);", "", "stmt",
     "a relative target of the path's own link starts from the root, not the link's directory"),
    (R, "_linkDirectories.Count == MaximumLinks", "_linkDirectories.Count == MaximumLinks - 1", "expr",
     "the 40th link is taken for a loop"),
    (R, "_linkDirectories.Add(Current);", "", "stmt",
     "the directories holding the links followed are not named"),
    (R, "name is not (\"\" or \".\")", "false", "expr",
     "the path's own link is read only through its real directory (a view knowing it by name alone misses it)"),
    (R, "component == \".\"", "false", "expr",
     "'.' is kept as a component"),
    # Session 18 (review): a path with '..' walked whole; the path's own link under the limit.
    (R, "!path.Split('/').Contains(\"..\")", "true", "expr",
     "a path with '..' has its own link read by its text (FileInfo folds the '..', reading another link)"),
    (R, "walk.LinksFollowed == MaximumLinks", "false", "expr",
     "the path's own link is followed past the limit the links in its directory reached"),
    # Session 19 (cleanup): ResolvedPath's value equality over its link directories.
    (V, "LinkDirectories.SequenceEqual(other.LinkDirectories, StringComparer.Ordinal)", "LinkDirectories.Count == other.LinkDirectories.Count", "expr",
     "results with as many link directories are equal, whichever they are"),
    (V, "Complete == other.Complete", "true", "expr",
     "a walk stopped at a loop equals a finished one"),
    (V, "string.Equals(Path, other.Path, StringComparison.Ordinal)", "string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase)", "expr",
     "paths differing only in case are equal"),
    (V, "other is not null", "true", "expr",
     "Equals(null) throws"),
    (V, "hash.Add(directory, StringComparer.Ordinal);", "hash.Add(LinkDirectories);", "stmt",
     "the hash code takes the list's identity (equal results hash apart)"),
]
