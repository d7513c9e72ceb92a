# Mutants of session 26's Alpine work (alpine): which default gateways the ifupdown renderer writes as a
# `gateway` line (on the link, no metric, in the family's last stanza) and which as a post-up route of
# their own (`ip route add default via G dev IF [onlink] [metric N]`), so that one interfaces file
# brings every route up under Debian's ifupdown, ifupdown-ng and busybox's ifup.
# A batch of its own, not appended to network_gateways.py: mutants are numbered by position, and other
# helpers add to the network batches in the same session.
# Run: scripts/mutants/mutate.py scripts/mutants/network_ifupdown_alpine.py
# Outcome (2026-12-01, session 26, on c61db9e): 4 mutants, all 4 killed (the goldens, and the real ifup of
# ifupdown-ng, busybox or Debian in a network namespace: 1 and 4 by both Alpine tools on off-link-gateways,
# 2 by both on several-gateways, the default routes then colliding). None equivalent.
# Then (on 51fb885) 5 (kept mapping stanzas last, for busybox; TEST_ARGS gained AlpineIfupKeptStanzasTests):
# killed (AlpineIfupKeptStanzasTests, busybox's "misplaced option").

TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*AlpineIfupKernelTests", "-class", "*AlpineIfupKeptStanzasTests", "-class", "*OnLinkGatewayKernelTests",
             "-class", "*IfqueryTests", "-class", "*RendererGoldenTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
IU = "src/Agent.Commands/Network/Rendering/IfupdownRenderer.cs"
IK = "src/Agent.Commands/Network/Rendering/IfupdownKeptStanzas.cs"
MUTANTS = [
    (IU, "!nic.IsOffLink(gateway)", "true", "expr",
     "ifupdown: an off-link gateway stays a gateway line (ifupdown-ng and busybox add it without onlink)"),
    (IU, "metric is null", "true", "expr",
     "ifupdown: a gateway with a metric stays a gateway line, without its metric"),
    (IU, "gateway is not null && !plainGateway", "gateway is not null", "expr",
     "ifupdown: a plain gateway written twice, as a line and as a route"),
    (IU, "nic.IpRouteOnLink(gateway)", "\"\"", "expr",
     "ifupdown: a default route of its own without onlink"),
    (IK, "keyword == \"mapping\" ? mappings : kept", "kept", "expr",
     "ifupdown: a kept mapping stays where it was (busybox refuses an allow- line after it)"),
]
