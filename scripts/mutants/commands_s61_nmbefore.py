# Mutants of session 61's question to NetworkManager before a resetnetwork (NetworkManagerActiveConnections:
# which connection is active on each device, `nmcli --terse --escape yes --fields DEVICE,UUID,NAME connection
# show --active`) and the rollback steps the NetworkManager backend plans from its answer: a connection not
# ours that was active on an interface the change configures or drops is brought up again by UUID, last,
# its failure tolerated; ours adds nothing; a question that fails, or no time left, answers none.
# Killed by NetworkManagerActiveBeforeTests (the real daemon asked, then the rollback run by it, and the plan
# and the reading of the answer; tests/Agent.Commands.Tests/Network/), with ResetNetworkEndToEndTests and
# ResetNetworkFailureTests (root mode records the question) run too. NetworkManagerLeftoversTests' own case of
# it (an operator's connection on eth0, alone or over cloud-init's) is left out for time: two daemon runs each.
# Outcome (session 61): 14 of 14 killed (the plan's mutants by the real daemon's case of an operator's connection over ours
# on a dropped interface, at its plan assertion before the rollback runs, and by the planning test; the reading of the
# answer by its cases; the time and failures by the runner-answer tests; the question never asked by root mode's actions).
# Session 65 (nmblock): 13 retargeted at the first question's call (AskRunningAsync now asks two) and rerun from a
# clone of the branch: killed (root mode's actions).
# Session 66: 6 and 9 to 12 retargeted at NmcliQuestion (both questions to nmcli share its asking and splitting)
# and rerun from a clone of main: all 5 killed (NetworkManagerActiveBeforeTests).
# Session 63: mutants 1 to 5 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerActiveBeforeTests", "-class", "*.ResetNetworkEndToEndTests", "-class", "*.ResetNetworkFailureTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NB = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
NA = "src/Agent.Commands/Network/Detection/NetworkManagerActiveConnections.cs"
Q = "src/Agent.Commands/Network/Detection/NmcliQuestion.cs"
RS = "src/Agent.Commands/Network/NetworkReset.cs"
MUTANTS = [
    (NB, "yield return ApplyStep.Try(\"nmcli\", \"connection\", \"up\", \"uuid\", connection.Uuid, \"ifname\", interfaceName) with { ThisBootOnly = true };",
     "", "stmt",
     "the defect put back: the rollback leaves eth0 without the operator's connection, or on cloud-init's"),
    (NB, "interfaces.Concat(dropped)", "interfaces", "expr",
     "a dropped interface's operator connection not brought back: ours comes up over it"),
    (NB, "interfaces.Concat(dropped)", "(facts.NetworkManagerActive?.Keys ?? Enumerable.Empty<string>())", "expr",
     "every device's connection brought up again, the loopback's and those of interfaces the change never touched"),
    (NB, "connection.Name != NetworkManagerRenderer.ConnectionId(interfaceName)", "true", "expr",
     "our own active connection brought up a second time"),
    (NB, "ApplyStep.Try(\"nmcli\", \"connection\", \"up\", \"uuid\", connection.Uuid, \"ifname\", interfaceName)",
     "ApplyStep.Run(\"nmcli\", \"connection\", \"up\", \"uuid\", connection.Uuid, \"ifname\", interfaceName)", "expr",
     "the operator's connection required: one removed since fails the rollback's answer"),
    (Q, "field.Append(line[++i]);", "field.Append(line[i++]);", "stmt",
     "an escape kept: a name with ':' read with its backslash"),
    (NA, "line.TrimEnd('\\r')", "line", "expr",
     "a line's carriage return kept in the name"),
    (NA, "active.TryAdd(device, new ActiveConnection(uuid, name));", "active[device] = new ActiveConnection(uuid, name);", "stmt",
     "a device named twice keeps its last connection"),
    (Q, "timeout < Timeout ? timeout : Timeout", "timeout", "expr",
     "the question may take all the change's time"),
    (Q, "timeout < Timeout ? timeout : Timeout", "Timeout", "expr",
     "the question may take longer than the change has left"),
    (Q, "timeout <= TimeSpan.Zero", "false", "expr",
     "asked with no time left"),
    (Q, "!result.Succeeded", "false", "expr",
     "a failing nmcli's output read as an answer"),
    (NB, "await NetworkManagerActiveConnections.ReadAsync(processes, timeout, logger, cancellationToken).ConfigureAwait(false)",
     "null", "expr",
     "the defect put back: NetworkManager never asked"),
    (RS, "budget.Applying().Remaining", "TimeSpan.Zero", "expr",
     "the question never asked: no time given to it"),
]
