# Mutants of the NetworkManager keyfile renderer that only the real daemon can notice (or that show
# what it does not): a connection that never autoconnects, matches another device, or is ignored for
# its mode; a default gateway, an address, a DNS line or an onlink mark left out; the metric that
# makes the first interface's default route win dropped.
# Killed by NetworkManagerDaemonTests (tests/Agent.Commands.Tests/Network/), alone.
# Outcome (session 59): 8 of 10 killed; the two survivors are expected: NetworkManager 1.42 installs a route without its onlink mark by retrying through a direct route to the gateway (KeyfileRoutesInstallInTheKernel, run on the keyfiles as nmcli reads them, is what kills that), and which default route wins is not asserted.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerDaemonTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerRenderer.cs"
MUTANTS = [
    (F, "\"autoconnect=true\"", "\"autoconnect=false\"", "expr",
     "a connection NetworkManager accepts but never activates by itself (nmcli --offline reads it happily)"),
    (F, "$\"interface-name={nic.Name}\"", "$\"interface-name=x{nic.Name}\"", "expr",
     "a connection matching no device"),
    (F, "$\"mac-address={nic.Mac.ToUpperString()}\"", "\"mac-address=02:00:00:00:00:01\"", "expr",
     "a connection whose MAC matches no device"),
    (F, "RenderedFile.Private", "RenderedFile.Public", "expr",
     "a keyfile others can read, which NetworkManager ignores"),
    (F, "text.Line($\"gateway={gateway}\");", ";", "stmt", "the on-link default gateway left out"),
    (F, "i < addresses.Count", "i < 1", "expr", "only the first address of a family written"),
    (F, "text.Line($\"dns={string.Concat(dns.Select(d => $\"{d};\"))}\");", ";", "stmt", "no DNS servers"),
    (F, "text.Line($\"route{i + 1}_options=onlink=true\");", ";", "stmt",
     "no onlink mark (NetworkManager 1.42 retries through a direct route to the gateway: expected to survive here, KeyfileRoutesInstallInTheKernel kills it)"),
    (F, "text.Line($\"route-metric={value.ToString(CultureInfo.InvariantCulture)}\");", ";", "stmt",
     "no metric for a later interface's default route (which default wins is not asserted: expected to survive)"),
    (F, "section == \"ipv6\" ? \"::/0\" : \"0.0.0.0/0\"", "section == \"ipv6\" ? \"::/1\" : \"0.0.0.0/1\"", "expr",
     "an off-link default gateway written as a route to half the space"),
]
