# Mutants of the XenStore client's chunked listing (DIRECTORY_PART): restarts, tolerated changes,
# the closing chunk, malformed replies. Run: scripts/mutants/mutate.py scripts/mutants/directory_part.py
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*ChangingDirectoryTests", "-class", "*SettlingDirectoryTests", "-class", "*XenStoreClientTests", "-class", "*DirectoryPartTests", "-class", "*MalformedReplyTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
P = "src/Agent/XenStore/Client/XenStoreOperations.DirectoryParts.cs"
MUTANTS = [
    (P, "names.Clear();", "", "stmt", "restart keeps the names read before it"),
    (P, "                    offset = 0;", "", "stmt", "restart reads on from the current offset"),
    (P, "                    generation = null;", "", "stmt", "restart compares with the old generation"),
    (P, "changed && !consistent", "!consistent", "expr", "every chunk after giving up loses its first name"),
    (P, "restarts < MaxListingRestarts", "restarts <= MaxListingRestarts", "expr", "one restart too many"),
    (P, "consistent ? names : names.Distinct(StringComparer.Ordinal).ToList()", "names", "expr", "no de-duplication of an inconsistent listing"),
    (P, "chunk.Length == 1 && chunk[0] == 0", "false", "expr", "a lone terminator chunk not taken as the end"),
    (P, "nul <= 0", "nul < 0", "expr", "empty generation accepted"),
]
