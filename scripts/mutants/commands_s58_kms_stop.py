# Mutants of session 58's kmsactivate put-back while the agent stops: the registration restored without an
# answer, a failed restore logged as an error (it has no answer to go into), the next start finishing it.
# Killed by KmsStoppedActivationTests (tests/Agent.Commands.Tests/Kms/).
# Outcome (session 58): 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.KmsStoppedActivationTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Kms/KmsActivateCommand.cs"
MUTANTS = [
    (F, "RestoreOnStop(saved, context.Logger(\"GuestAgent.Commands.KmsActivate\"));", ";", "stmt",
     "a stop leaves the new registration in place"),
    (F, "saved.Restore();", ";", "stmt", "the put-back on a stop does nothing",
     "        try\n        {\n            saved.Restore();\n        }\n        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)\n        {\n            // UnconfirmedWriteException"),
    (F, "LogRestoreFailedOnStop(logger, IoFailureReason.Of(exception));", ";", "stmt",
     "a failed put-back on a stop is lost silently again"),
]
