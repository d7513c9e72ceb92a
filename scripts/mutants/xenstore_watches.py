# Mutants of the XenStore server's watch index (session 15): the order a change's matches go out in
# (registration order over all connections, merged from the per-path lists), which paths a change
# looks up (its own and each ancestor, its own only for exact-only and special changes), the
# per-connection (path, token) look-up of WATCH/UNWATCH/a connection's end with the device's
# duplicates, the per-domain count, nothing kept once the last watch of a path, connection or domain
# is gone, and a quota-refused request's events dropped from its transaction.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_watches.py
# Outcome (session 15): 21 killed of 21 (8 and 11 by the run's timeout: wire tests wait for an event
# that no longer comes, or a WATCH refused as a duplicate; WatchRegistryTests' own assertions fail on
# both first). WatchRegistryTests' footprint and byte-for-byte tests were written with the batch for
# mutants 15, 16, 19 (an emptied path, connection or domain kept: memory only, no reply shows it) and
# 9 (paths matched ignoring case), which no earlier test looked at (the batch was not run without them).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-namespace", "GuestAgent.XenStore.Tests.Server"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
I = "src/Agent/XenStore/Server/WatchIndex.cs"
W = "src/Agent/XenStore/Server/WatchRegistry.cs"
D = "src/Agent/XenStore/Server/RequestDispatcher.cs"
MUTANTS = [
    # Order
    (I, "found.Sort(static (a, b) => a.Order.CompareTo(b.Order));", "", "stmt",
     "order: matches from several paths not merged (deepest path's watches first)"),
    (I, "lists > 1", "lists > 2", "expr",
     "order: merged only when three or more paths have watches"),
    (I, "a.Order.CompareTo(b.Order)", "b.Order.CompareTo(a.Order)", "expr",
     "order: latest registration first"),
    (I, "a.Order.CompareTo(b.Order)", "0", "expr",
     "order: every watch's number the same (the merge keeps the paths' order, deepest first)"),
    (I, "(onPath ??= new()).AddLast(new Registered(_registered++, watch))", "(onPath ??= new()).AddFirst(new Registered(_registered++, watch))", "expr",
     "order: watches on one path kept newest first"),
    # Which paths a change looks up
    (I, "!andAncestors || current.Length <= 1 || slash < 0", "current.Length <= 1 || slash < 0", "expr",
     "paths: an exact-only change matches its ancestors' watches too"),
    (I, "slash == 0 ? \"/\" : current[..slash]", "current[..slash]", "expr",
     "paths: the walk stops before / (watches on / never fire)"),
    (I, "found.AddRange(onPath);", "found.AddRange(onPath.Take(1));", "stmt",
     "paths: only the first watch on each path fires"),
    (I, "new(StringComparer.Ordinal)", "new(StringComparer.OrdinalIgnoreCase)", "expr",
     "paths: watch paths matched ignoring case"),
    (W, "!change.ExactOnly && !XenStorePath.IsSpecial(change.Path)", "!XenStorePath.IsSpecial(change.Path)", "expr",
     "paths: a removed subtree's descendants fire their ancestors' watches"),
    # Per connection: WATCH's duplicate check, UNWATCH, a connection's end
    (I, "watches.ContainsKey((resolvedPath, token))", "watches.Count > 0", "expr",
     "connection: any watch of the connection counts as the duplicate"),
    (I, "(copies ??= []).Add(node);", "copies = [node];", "stmt",
     "connection: a device's duplicate replaces the first in the look-up (UNWATCH leaves one firing)"),
    (I, "Unlink(copies);\n        return true;", "return true;", "stmt",
     "connection: UNWATCH answers OK and the watch keeps firing"),
    (I, "foreach (var copies in watches.Values)\n        {\n            Unlink(copies);\n        }", "", "stmt",
     "connection: a connection's end leaves its watches firing"),
    (I, "if (watches.Count == 0)\n        {\n            _byConnection.Remove(connection);\n        }", "", "stmt",
     "footprint: a connection without watches kept in the index"),
    (I, "if (onPath.Count == 0)\n            {\n                _byPath.Remove(watch.ResolvedPath);\n            }", "", "stmt",
     "footprint: a path without watches kept in the index"),
    # Per domain
    (I, "CollectionsMarshal.GetValueRefOrAddDefault(_perDomain, DomainOf(watch), out _)++;", "CollectionsMarshal.GetValueRefOrAddDefault(_perDomain, DomainOf(watch), out _) += 2;", "stmt",
     "domain: a watch counted twice"),
    (I, "--CollectionsMarshal.GetValueRefOrNullRef(_perDomain, domain) == 0", "false", "expr",
     "domain: removed watches still counted"),
    (I, "_perDomain.Remove(domain);", "", "stmt",
     "footprint: a domain without watches kept in the count"),
    # A quota-refused request's events
    # (Retargeted in session 17: since 27b671e each request queues its events in a list of its own,
    # recorded into the transaction only when the quota let it through.)
    (D, "transaction!.Failed = true;", "transaction!.Failed = true; transaction.Record(events);", "stmt",
     "quota: a refused request's events stay queued in the transaction"),
    (D, "transaction?.Record(events);", "", "stmt",
     "quota: an accepted request's events in a transaction never fire at its commit"),
]
