# Mutants of what a team consuming the packages relies on and session 27's package-user pass
# changed: a built-in command that finds no AgentSystem registered must say so as a missing service
# (MissingServiceException naming its class and GuestAgent.Platform.AgentSystem), which the parser
# logs at Error level, as GuestAgent.Commands' README promises. (The other half, that such a command
# never guesses the real root, is commands_misc.py's mutant 42.)
# Run: scripts/mutants/mutate.py scripts/mutants/packages_s27_sdkuser.py
# Outcome (2026-12-01): 5 mutants, 5 killed (BuiltInCommandsTests' theory of the commands without an
# AgentSystem; commands_misc.py's mutant 42, re-run the same day, is killed by it too, and by
# InjectFileCommandsTests). No survivor, no equivalent mutant.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.BuiltInCommandsTests", "-class", "*.InjectFileCommandsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
SP = "src/Agent.Commands/ServiceProviderExtensions.cs"
KA = "src/Agent.Commands/Kms/KmsActivateCommand.cs"
AU = "src/Agent.Commands/Update/AgentUpdateCommand.cs"
MUTANTS = [
    (SP, "BindingErrors.MissingService(commandClass.FullName ?? commandClass.Name, typeof(AgentSystem).FullName!)", "\"AgentSystem is not registered in the agent's services\"", "expr", "services: a missing AgentSystem a plain InvalidOperationException again (logged by type only)"),
    (SP, "commandClass.FullName ?? commandClass.Name", "commandClass.Name", "expr", "services: the command's class named without its namespace"),
    (SP, "typeof(AgentSystem).FullName!", "typeof(AgentSystem).Name", "expr", "services: the missing service named without its namespace"),
    (KA, "context.RequireSystem(typeof(KmsActivateCommand))", "context.RequireSystem(typeof(GuestAgent.Commands.Update.AgentUpdateCommand))", "expr", "kmsactivate: another command's class named as missing the system"),
    (AU, "context.RequireSystem(typeof(AgentUpdateCommand))", "context.RequireSystem(typeof(GuestAgent.Commands.Kms.KmsActivateCommand))", "expr", "agentupdate: another command's class named as missing the system"),
]
