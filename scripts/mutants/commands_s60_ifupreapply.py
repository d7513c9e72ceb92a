# Mutants of session 60's address flush before ifup (ifupdown, and the ifcfg network service): only
# addresses of scope global are flushed, so a link that was up without ifupdown keeps its IPv6
# link-local address. Killed by IfupdownReapplyKernelTests (Debian's ifup on real links in a network
# namespace) and the step lists of BackendApplyStepsTests.
# Outcome (session 60): 2 of 2 killed (the second, nothing flushed, only once each link started with an address of
# the image's own set-up: ifdown --force alone removes a stanza's addresses it knows).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownReapplyKernelTests", "-class", "GuestAgent.Commands.Tests.Network.BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
A = "src/Agent.Commands/Network/Applying/ApplyStep.cs"
MUTANTS = [
    (A, "Try(\"ip\", \"addr\", \"flush\", \"dev\", interfaceName, \"scope\", \"global\")",
     "Try(\"ip\", \"addr\", \"flush\", \"dev\", interfaceName)", "expr",
     "every address flushed, the link-local one too, which ifup on a link already up never brings back"),
    (A, "Try(\"ip\", \"addr\", \"flush\", \"dev\", interfaceName, \"scope\", \"global\")",
     "Try(\"ip\", \"addr\", \"show\", \"dev\", interfaceName, \"scope\", \"global\")", "expr",
     "nothing flushed: an old stanza's addresses stay beside the new ones"),
]
