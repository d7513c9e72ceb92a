# Mutants of session 60's /etc/hosts rule for a loopback hostname: a line of one of our addresses whose single
# name is a loopback name (what the original agent appended for such a hostname) is commented out; other lines
# (another address naming localhost, our address with another single name) stay. Killed by
# HostsFileEdgeResolutionTests (glibc's getent in a namespace of its own) and HostsFileCanonicalNameTests.
# Outcome (session 60): 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.HostsFileEdgeResolutionTests", "-class", "*.HostsFileCanonicalNameTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/Common/HostsFileRewriter.cs"
MUTANTS = [
    (F, "address is not null && ours.Contains(address) && parts is [_, var name] && IsLoopbackName(name)", "false", "expr",
     "an older agent's <ip> localhost line kept: glibc answers localhost with the public address"),
    (F, "ours.Contains(address)", "true", "expr",
     "another address's line naming localhost commented out too"),
    (F, "IsLoopbackName(name)", "true", "expr",
     "our address's single-name line commented out whatever its name"),
]
