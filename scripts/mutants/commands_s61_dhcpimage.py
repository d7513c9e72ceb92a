# Mutants of session 61's first resetnetwork on a Debian 12 cloud image (cloud-init's DHCP eth0 under
# ifupdown and dhclient): the ifdown before the write that stops dhclient and releases its lease, the ifup
# after it, the source line dropped so cloud-init's file is no longer read, and the rollback's take-down
# and repeated steps that bring the DHCP configuration and dhclient back, and ifup run in a systemd scope of
# its own where systemd is PID 1, so the dhclient a rollback starts outlives the agent's service. Killed (or
# not) by IfupdownDhcpImageKernelTests (the real ifup, dhclient, resolvconf hooks and a dnsmasq DHCP server),
# IfupdownDhcpImageSystemdTests (the same in a booted systemd sandbox, the steps in a service with the shipped
# unit's settings) and BackendApplyStepsTests (the plan's step names).
# Outcome (session 61): 10 of 10 killed (the scope and probe mutants by IfupdownDhcpImageSystemdTests and
# BackendApplyStepsTests; the first run, before the scope fix, had 6 of 6). network_files.py's ifup mutant, moved to
# the new statement, was rerun: killed.
# After the merge with commands_s61_alpinereapply (ifdown -f, ifup -f in IfupdownBackend.Up), 1-5 were retargeted and rerun: all killed.
# Session 62: mutant 1 retargeted at the plan with its left-out interfaces (commands_s62_ifupleftout) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownDhcpImageKernelTests", "-class", "GuestAgent.Commands.Tests.Network.IfupdownDhcpImageSystemdTests", "-class", "GuestAgent.Commands.Tests.Network.BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
B = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
R = "src/Agent.Commands/Network/Applying/NetworkApplier.Rollback.cs"
K = "src/Agent.Commands/Network/Rendering/IfupdownKeptStanzas.cs"
P = "src/Agent.Commands/Network/Detection/SystemProbe.cs"
MUTANTS = [
    (B, "leftOut.Concat(interfaces).Select(n => ApplyStep.Try(\"ifdown\", \"-f\", n)).ToList()",
     "new List<ApplyStep>()", "expr",
     "nothing taken down before the write: the image's dhclient keeps its lease and renews it"),
    (B, "ApplyStep.Try(\"ifdown\", \"-f\", n)",
     "ApplyStep.Try(\"ip\", \"link\", \"set\", n, \"down\")", "expr",
     "the link set down without ifupdown: dhclient is never stopped, and ifup finds eth0 still configured"),
    (B, "after.AddRange(interfaces.Select(n => Up(n, facts)));",
     "", "stmt",
     "no ifup after the write: the static configuration never comes up"),
    (B, "facts.SystemdBooted",
     "false", "expr",
     "ifup in the agent's own service under systemd: the dhclient a rollback starts dies when the agent stops"),
    (B, "ApplyStep.Try(\"systemd-run\", \"--scope\", \"--quiet\", \"--collect\", \"ifup\", \"-f\", name)",
     "ApplyStep.Try(\"systemd-run\", \"--quiet\", \"--collect\", \"ifup\", \"-f\", name)", "expr",
     "a transient service instead of a scope: systemd-run returns before ifup has run, and the service's end kills dhclient"),
    (P, "files.Exists(\"/run/systemd/system\") && AnyBin(files, \"systemd-run\")",
     "AnyBin(files, \"systemd-run\")", "expr",
     "systemd-run used wherever it is installed, also where systemd is not PID 1 and it cannot run anything"),
    (P, "files.Exists(\"/run/systemd/system\") && AnyBin(files, \"systemd-run\")",
     "files.Exists(\"/run/systemd/system\")", "expr",
     "systemd-run used where systemd runs but the program is missing: ifup never runs"),
    (K, "keyword is \"auto\" or \"no-auto-down\" or \"no-scripts\"",
     "keyword is \"auto\" or \"no-auto-down\" or \"no-scripts\" or \"source\"", "expr",
     "the source line kept: cloud-init's DHCP stanza is read beside ours and starts dhclient again"),
    (R, "plan.BeforeWrite",
     "new List<ApplyStep>()", "expr",
     "the rollback takes nothing down: ifup finds eth0 still configured and never starts dhclient"),
    (R, "step.RepeatOnRollback",
     "!step.RepeatOnRollback", "expr",
     "the rollback repeats no ifup: the DHCP configuration is put back but never brought up"),
]
