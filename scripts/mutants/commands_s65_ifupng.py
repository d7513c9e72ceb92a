# Mutants of session 65's ifupdown-ng router advertisement rule: on an ifupdown-ng guest
# (/usr/libexec/ifupdown-ng there) an IPv4-only change keeps the interface's own accept_ra/autoconf
# even where an 'iface <if> inet6' stanza named it, since none of ifupdown-ng's executors sets either;
# conf/default's only under Debian's ifupdown, whose inet6 methods do. Killed by
# AlpineIfupRouterAdvertisementTests (the plan's step per tool; the plan's steps run with the real
# ifupdown-ng and compared with a reboot), IfupdownSourcedStanzasTests and BackendApplyStepsTests.
# Outcome (session 65): 4 of 4 killed (run from a clone of the branch): 1 and 4 by both AlpineIfupRouterAdvertisementTests
# cases (the kernel one too), 2 and 3 by IfupdownSourcedStanzasTests' plan cases (Debian's ifupdown).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.AlpineIfupRouterAdvertisementTests", "-class", "GuestAgent.Commands.Tests.Network.IfupdownSourcedStanzasTests", "-class", "GuestAgent.Commands.Tests.Network.BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
I = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
R = "src/Agent.Commands/Network/Detection/ResolverProbe.cs"
MUTANTS = [
    (I, "withoutIPv6.Contains(n) && !facts.Resolver.IfupdownNg && HasInet6Stanza(n, current)",
     "withoutIPv6.Contains(n) && HasInet6Stanza(n, current)", "expr",
     "session 64's rule on ifupdown-ng too: conf/default's in place of the interface's own"),
    (I, "!facts.Resolver.IfupdownNg", "facts.Resolver.IfupdownNg", "expr",
     "the rule turned round: conf/default's only under ifupdown-ng"),
    (I, "!facts.Resolver.IfupdownNg", "false", "expr",
     "the interface's own values everywhere, Debian's ifupdown too"),
    (R, "files.Exists(\"/usr/libexec/ifupdown-ng\")", "false", "expr",
     "ifupdown-ng never recognised"),
]
