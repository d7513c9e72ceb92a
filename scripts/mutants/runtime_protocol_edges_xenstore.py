# The XenStore server's part of runtime_protocol_edges (its tests live in the XenStore test project,
# and a batch builds one): DirectoryChunks (DIRECTORY_PART's chunks: where a chunk starts, how much
# it holds, the end marker) and DomainTable (which domains exist and are introduced, which
# permission entries an access check honours).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_protocol_edges_xenstore.py
# Outcome (session 18): 13/13 killed. First run: 9/13 killed; the 4 survivors were test gaps, each
# killed by a new test (re-run: all 4 killed):
#   2, 3 the chunk budget one byte too big or a name exactly filling it left out: the existing
#     offsets never put a name's end on the boundary -> DirectoryPartTests computes, from the
#     node's generation, the offset whose names end exactly at C's maxlen, and the one a byte before.
#   9 an introduced domain that does not exist: every test's introduced domain also had a listener
#     -> DomainPermissionTests, an entry set after INTRODUCE and before the domain connects.
#   12 only the last entry deciding whether any is left out -> DomainPermissionTests, a missing
#     domain's entry between the owner and an existing domain's.
# Not mutated: DomainTable.Release's dom0 guard (RELEASE refuses dom0 before it gets there, so no
# request reaches it), NameStarts' Latin1 count (node names are ASCII) and the cache of name
# offsets (a mutant there changes only the cost).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*DirectoryPartTests", "-class", "*DomainRequestTests", "-class", "*DomainReleaseTests",
             "-class", "*DomainPermissionTests", "-class", "*GuestAccessRuleTests", "-class", "*DomainTableTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
D = "src/Agent/XenStore/Server/DirectoryChunks.cs"
T = "src/Agent/XenStore/Server/DomainTable.cs"
X = "src/Agent/XenStore/Server/XenStoreServer.cs"
MUTANTS = [
    # DirectoryChunks
    (D, "index = ~index - 1;", "index = ~index;", "stmt",
     "chunk: an offset inside a name starts at the next name (its tail is lost)"),
    (D, "XenStoreLimits.PayloadMax - prefix.Length - 1", "XenStoreLimits.PayloadMax - prefix.Length", "expr",
     "chunk: the budget forgets the end marker's byte (a chunk one name too long)"),
    (D, "starts[last + 1] - offset <= budget", "starts[last + 1] - offset < budget", "expr",
     "chunk: a name that exactly fills the budget is left for the next chunk"),
    (D, "end >= total", "end > total", "expr",
     "chunk: the last chunk has no end marker"),
    (D, "i == index ? offset - starts[i] : 0", "0", "expr",
     "chunk: a name cut by the offset is copied whole"),
    (D, "last < children.Count", "last < children.Count - 1", "expr",
     "chunk: the list's last name is never sent"),
    # DomainTable
    (T, "_introduced.Remove(domainId);", "", "stmt",
     "domains: a released domain still reads as introduced"),
    (T, "if (domainId != 0)\n        {\n            _known.Remove(domainId);\n        }", "", "stmt",
     "domains: a released domain's entries are still honoured"),
    (T, "_known.Add(domainId);\n        return _introduced.Add(domainId);", "var added = _introduced.Add(domainId); return added;", "stmt",
     "domains: an introduced domain does not exist (its entries grant nothing)"),
    (T, "return _introduced.Add(domainId);", "_introduced.Add(domainId); return true;", "stmt",
     "domains: introducing a domain again counts as new (a second @introduceDomain)"),
    (X, "_state.Domains.Know(who.DomainId);", "", "stmt",
     "domains: a listener's domain does not exist (entries naming it grant nothing)"),
    (T, "i < entries.Length && all", "i < entries.Length", "expr",
     "honoured: only the last entry decides whether any is left out"),
    (T, "honoured.Add(entries[0]);", "", "stmt",
     "honoured: the owner entry is dropped when another is left out"),
]
