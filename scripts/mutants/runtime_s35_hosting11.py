# Mutants of session 35's hosting11 changes in the host: a loop that fails (its logger throws) stops the
# host as a stop does and RunAsync rethrows its exception, also after giving up on a loop deaf to the
# stop (AgentHost.Faults.cs); and the command a request names, in the not-started lines, read by the
# request's own parser (IParser.ReadCommandName, HostTextForLog.CommandOf(request, parser)).
# The keyed services' runtime half is runtime_s35_hosting11_keyed.py, the generator's generator_s35_hosting11.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_hosting11.py
# Mutants 1 and 5 are the code before session 35.
# Outcome (session 35, 2026-12-02): 8 mutants, 8 killed (the no-mutant run: 14 tests pass). 1 and 2 (the host not
# stopped) by AgentHostLoopFaultTests' two tests at their one-minute safety nets (the host runs on); 3 and 4 by the
# deaf-exchange test's assertion (RunAsync returned normally); 5-8 by AgentHostCustomWireCommandTests' assertions
# (8 also by AgentHostGiveUpBoundaryTests' "command 'late'").
# Session 36 (hosting12): 2 retargeted at the call of CancelLifetimeAsync (which now holds lifetime.CancelAsync for the
# start too), 3 given its context (ThrowIfAnyFaulted is also called on the normal path now), 4 is now
# `loop.IsCanceled || loop.IsCanceled` (faulted loops not looked at); rerun (2026-12-02): 3 of 3 killed, 2 by
# AgentHostLoopFaultTests' two tests at their safety nets (122 s), 3 and 4 by the deaf-exchange test's assertion (4 also the other).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.AgentHostLoopFaultTests", "-class", "*.AgentHostCustomWireCommandTests",
             "-class", "*.AgentHostGiveUpBoundaryTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.Hosting11"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/Hosting/AgentHost.cs"
F = "src/Agent/Hosting/AgentHost.Faults.cs"
S = "src/Agent/Hosting/AgentHost.Stopping.cs"
H = "src/Agent/Protocol/HostTextForLog.cs"
P = "src/Agent/Protocol/IParser.cs"
MUTANTS = [
    (A, r'''ServeOrStopAsync(slot, pair.Exchange, pair.Parser, lifetime, hardStop.Token, deliveryStop.Token)''',
     r'''ServeAsync(slot, pair.Exchange, pair.Parser, serving, hardStop.Token, deliveryStop.Token)''', "expr",
     "a failed loop leaves the host serving the others, its failure unseen until a stop (before session 35)"),
    (F, r'''CancelLifetimeAsync(lifetime)''', r'''Task.CompletedTask''', "expr",
     "a failed loop does not stop the host"),
    (A, r'''ThrowIfAnyFaulted(perPair);''', r'''''', "stmt",
     "a host that gave up on a deaf loop returns normally, the failure lost",
     "ThrowIfAnyFaulted(perPair);\n                return;"),
    (F, r'''loop.IsFaulted''', r'''loop.IsCanceled''', "expr",
     "the failure looked for among cancelled loops"),
    (S, r'''HostTextForLog.CommandOf(request, parser)''', r'''HostTextForLog.CommandOf(request)''', "expr",
     "the not-started line reads Nova's format whatever the parser (before session 35)",
     r'''LogRequestNotStarted(HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request, parser), slot'''),
    (H, r'''return "(unknown)";''', r'''return "(none)";''', "stmt",
     "a parser failing to read the name logged as naming none"),
    (H, r'''name is null ? "(none)" : Cap(name)''', r'''name ?? "(none)"''', "expr",
     "a parser's name quoted uncut"),
    (P, r'''HostTextForLog.NovaCommandName(request)''', r'''null''', "expr",
     "the default reads no name (Nova's requests of a parser without an override logged as naming none)"),
]
