# Mutants of session 61's ifupdown apply plan, as Alpine's ifup runs it: `ifdown -f` (busybox refuses
# --force), every interface's address flush before the first ifup, and `ifup -f` (every ifup leaves
# an interface its state file says is up alone, answering success). Killed by AlpineIfupReapplyKernelTests
# (ifupdown-ng and busybox on real links in a network namespace with private mounts),
# IfupdownReapplyKernelTests (Debian's ifup) and the step lists of the end-to-end tests.
# Mutants 6 and 7 are network_files.py's 56 and 57, rewritten for the new plan.
# Outcome (session 61): 7 of 7 killed. 3 (ifdown without -f) only by the step lists: with ifup -f after it,
# no kernel case here needs ifdown's own -f (busybox and ifupdown-ng clear their state file on a plain
# ifdown of an interface they brought up). 4 (plain ifup) by the step lists and ifupdown-ng's `requires`
# case; 1 (flush then ifup per interface) by the step lists and Debian's several-interfaces -> off-link-gateways.
# After the merge with commands_s61_dhcpimage (ifup in a systemd scope, IfupdownBackend.Up), 4, 5 and 7 were retargeted and rerun: all killed.
# Session 62: mutant 1 retargeted at the plan with its left-out interfaces (commands_s62_ifupleftout) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.AlpineIfupReapplyKernelTests",
             "-class", "GuestAgent.Commands.Tests.Network.IfupdownReapplyKernelTests",
             "-class", "GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests",
             "-class", "GuestAgent.Commands.Tests.Network.ResetNetworkFailureTests",
             "-class", "GuestAgent.Commands.Tests.Network.HostnameRollbackTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
I = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
MUTANTS = [
    (I, "return new ApplyPlan(before, after) { OnlyOnRollback = [.. leftOut.Select(n => Up(n, facts))] };",
     "return new ApplyPlan(before, [.. interfaces.SelectMany(n => after.Where(step => step.Process.Arguments.Contains(n)))]) { OnlyOnRollback = [.. leftOut.Select(n => Up(n, facts))] };", "stmt",
     "each interface flushed only just before its own ifup: a later one's old address keeps its prefix's route"),
    (I, "ApplyStep.Try(\"ifdown\", \"-f\", n)", "ApplyStep.Try(\"ifdown\", \"--force\", n)", "expr",
     "ifdown --force: busybox refuses the whole command, its state file keeps the interface up"),
    (I, "ApplyStep.Try(\"ifdown\", \"-f\", n)", "ApplyStep.Try(\"ifdown\", n)", "expr",
     "ifdown without -f: an interface it fails to take down stays up in the state file"),
    (I, "ApplyStep.Try(\"ifup\", \"-f\", name)", "ApplyStep.Try(\"ifup\", name)", "expr",
     "ifup without -f: an interface the state file still says is up is left bare after the flush"),
    (I, "ApplyStep.Try(\"ifup\", \"-f\", name)", "ApplyStep.Try(\"ifup\", \"--force\", name)", "expr",
     "ifup --force: busybox refuses it, nothing comes up"),
    (I, "interfaces.Select(ApplyStep.FlushGlobalAddresses).ToList()", "new List<ApplyStep>()", "expr",
     "nothing flushed: the image's addresses stay beside ours"),
    (I, "ApplyStep.Try(\"ifup\", \"-f\", name)", "ApplyStep.Run(\"ifup\", \"-f\", name)", "expr",
     "ifup's failure fails the reset (the original ignores it)"),
]
