# Mutants of XenStoreExchange's main loop: a request run twice, a journaled answer not replayed, a
# refused id that stops the others, a changing directory scanned once, the reconnect backoff.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_exchange.py
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-namespace", "GuestAgent.XenStore.Tests.Exchanges"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
P = "src/Agent/Exchanges/XenStoreExchange.Pump.cs"
MUTANTS = [
    (P, "listing.Consistent || pass == MaxScanPasses", "true", "expr",
     "scan: a directory that changed while listed is not listed again"),
    (P, "if (!_pending.Add(id))\n            {\n                return;\n            }", "_pending.Add(id);", "stmt",
     "offer: a request already queued is queued again (run twice)"),
    (P, "await ReplayAsync(client, id, data, hash, response, stopping).ConfigureAwait(false);\n            return;", "", "stmt",
     "offer: a request answered before (journaled) runs again instead of its answer being replayed"),
    (P, "LogRequestFailure(id, exception.ErrorName);\n            return;", "throw;", "stmt",
     "offer: one id the store refuses drops the connection (and the other requests)"),
    (P, "Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks)", "delay.Ticks * 2", "expr",
     "reconnect: the backoff grows past MaxReconnectDelay"),
    (P, "_connected.Task.IsCompleted", "false", "expr",
     "reconnect: the closed connection stays the current one"),
    (P, "slash < 0 ? rest : rest[..slash]", "rest", "expr",
     "watch: an event below a request (data/host/id/x) is offered as the id 'id/x'"),
]
