# Mutants of session 61's first resetnetwork on a Debian 12 cloud image (cloud-init's DHCP eth0 under
# ifupdown and dhclient): the ifdown before the write that stops dhclient and releases its lease, the ifup
# after it, the source line dropped so cloud-init's file is no longer read, and the rollback's take-down
# and repeated steps that bring the DHCP configuration and dhclient back. Killed (or not) by
# IfupdownDhcpImageKernelTests alone: the real ifup, dhclient, resolvconf hooks and a dnsmasq DHCP server.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownDhcpImageKernelTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
B = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
R = "src/Agent.Commands/Network/Applying/NetworkApplier.Rollback.cs"
K = "src/Agent.Commands/Network/Rendering/IfupdownKeptStanzas.cs"
MUTANTS = [
    (B, "interfaces.Select(n => ApplyStep.Try(\"ifdown\", \"--force\", n)).ToList()",
     "new List<ApplyStep>()", "expr",
     "nothing taken down before the write: the image's dhclient keeps its lease and renews it"),
    (B, "ApplyStep.Try(\"ifdown\", \"--force\", n)",
     "ApplyStep.Try(\"ip\", \"link\", \"set\", n, \"down\")", "expr",
     "the link set down without ifupdown: dhclient is never stopped, and ifup finds eth0 still configured"),
    (B, "after.Add(ApplyStep.Try(\"ifup\", name));",
     "", "stmt",
     "no ifup after the write: the static configuration never comes up"),
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
