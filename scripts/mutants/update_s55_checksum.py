# Session 55: agentupdate's checksum compared in either case and, when it differs, quoted as the host wrote it.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s55_checksum.py
# Outcome (session 55): 2 of 2 killed (AgentUpdateCommandTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.AgentUpdateCommandTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
R = "src/Agent.Commands/Update/AgentUpdateRequest.cs"
MUTANTS = [
    (R, "System.Text.Encoding.ASCII.GetBytes(Checksum.ToLowerInvariant())", "System.Text.Encoding.ASCII.GetBytes(Checksum)", "expr",
     "an uppercase checksum compared exactly, as the original did, and refused"),
    (R, "new AgentUpdateRequest(uri, kind, checksum)", "new AgentUpdateRequest(uri, kind, checksum.ToLowerInvariant())", "expr",
     "the given checksum quoted in lowercase"),
]
