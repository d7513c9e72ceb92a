# Session 53: a failed start's exception, which RunAsync throws, marked observed on WhenServing, so an
# application that never looks at WhenServing does not hear of it again from the finalizer as an
# unobserved task exception (AgentHost.Starting.cs).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s53_host.py
# Session 53: 3 added (a late failure after an abandoning stop marked observed; run, killed). Run, 1 of 1 killed (AgentHostFailureTests). 2 added: the parser cut off by the shutdown, a warning; run, killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AgentHostFailureTests", "-class", "*AgentHostParserWireTests", "-class", "*AgentHostStopFaultTests", "-class", "*AgentHostLateAnswerTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
H = "src/Agent/Hosting/AgentHost.Starting.cs"
MUTANTS = [
    (H, "_ = _serving.Task.Exception;", "", "stmt", "a failed start reported again as an unobserved task exception"),
    ("src/Agent/Hosting/AgentHost.cs", "LogParserCutOff(HostTextForLog.Cap(request.Id));", "LogParserFailed(HostTextForLog.Cap(request.Id), exception.GetType().Name);", "stmt",
     "a parser cut off by the shutdown logged at Error as failed"),
    ("src/Agent/Hosting/AgentHost.cs", "ObserveLateFailures(loops);", "", "stmt",
     "a loop failing after RunAsync returned left to the finalizer as an unobserved task exception"),
]
