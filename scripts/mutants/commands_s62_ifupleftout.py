# Mutants of session 62's ifupdown interfaces left out: each block of ours marked
# ('# Configured by guest-agent: <if>'), every statement of a marked interface a new resetnetwork
# leaves out dropped while unmarked (an administrator's, an earlier version's) stanzas stay, and the
# interfaces the ifup tools' state says are up whose stanza leaves the file brought down with the old
# file before the write (ifdown -f, a missing device tolerated) and up again by a rollback
# (OnlyOnRollback). Killed by IfupdownLeftOutTests (Debian's ifupdown on real links: a detached VIF,
# a left-out static eth1; Alpine's two ifup -a on the new file), IfupdownDhcpImageKernelTests
# (cloud-init's eth1 DHCP with dhclient and dnsmasq) and the golden files.
# Outcome (session 62): 13 of 13 killed (7, no ifup on rollback, by the rollback cases of IfupdownLeftOutTests
# and IfupdownDhcpImageKernelTests and the plan's step list).
# Session 66 (ifupkept): 2 retargeted, the markers now read from the file's physical lines beside the statements'
# logical ones (IfupdownLines); rerun: killed (IfupdownLeftOutTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownLeftOutTests",
             "-class", "GuestAgent.Commands.Tests.Network.IfupdownDhcpImageKernelTests",
             "-class", "GuestAgent.Commands.Tests.Network.AlpineIfupKeptStanzasTests",
             "-class", "GuestAgent.Commands.Tests.Network.RendererGoldenTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
R = "src/Agent.Commands/Network/Rendering/IfupdownRenderer.cs"
K = "src/Agent.Commands/Network/Rendering/IfupdownKeptStanzas.cs"
I = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
MUTANTS = [
    (R, "text.Line(IfupdownKeptStanzas.Marker(nic.Name));", "", "stmt",
     "no marker written: our blocks look like an administrator's and are kept forever"),
    (K, "Marked((existing ?? \"\").Split('\\n')).Concat(configured).ToHashSet(StringComparer.Ordinal)", "configured.ToHashSet(StringComparer.Ordinal)", "expr",
     "markers not read: a detached VIF's 'auto eth1' kept, ifup -a fails at boot"),
    (K, "!IsOurs(words[1], ours)", "!IsOurs(words[1], configured)", "expr",
     "a marked interface's iface stanzas kept (its auto line dropped)"),
    (K, "!IsOurs(n, ours)", "!IsOurs(n, configured)", "expr",
     "a marked interface's auto line kept: ifup -a names a device that is gone"),
    (K, "words.Length > 1 && words[0] is \"iface\" or \"mapping\"", "words.Length > 1 && words[0] is \"iface\"", "expr",
     "a kept mapping's interface counted as left out and taken down"),
    (I, "leftOut.Concat(interfaces).Select(n => ApplyStep.Try(\"ifdown\", \"-f\", n))", "interfaces.Select(n => ApplyStep.Try(\"ifdown\", \"-f\", n))", "expr",
     "left-out interfaces not taken down: addresses and dhclient stay until the reboot"),
    (I, "[.. leftOut.Select(n => Up(n, facts))]", "[]", "expr",
     "the rollback leaves the left-out interfaces down"),
    (I, "name != \"lo\"", "true", "expr",
     "the loopback taken down with the left-out interfaces"),
    (I, "!kept.Contains(name)", "true", "expr",
     "an administrator's kept interface (a bridge) taken down"),
    (I, "!interfaces.Contains(name.Split(':')[0])", "true", "expr",
     "configured interfaces counted as left out too"),
    (I, "name[0] != '-'", "true", "expr",
     "a state line starting with '-' reaches ifdown as an option"),
    (I, "[\"/run/network/ifstate\", \"/run/ifstate\", \"/var/run/ifstate\"]", "[\"/run/ifstate\", \"/var/run/ifstate\"]", "expr",
     "Debian's state file not read: nothing left out is taken down under Debian's ifupdown"),
    (I, "line.Split('=')[0].Trim()", "line.Trim()", "expr",
     "the state's 'name=logical' taken whole: no interface name, nothing taken down"),
]
