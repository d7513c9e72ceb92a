# Session 56: the XenStore server hunt against C xenstored 4.17: the store starts with xenstored's own
# /tool/xenstored, and a non-zero transaction id the connection holds no transaction under is ENOENT
# for every type 4.17 knows but WATCH and UNWATCH (domain requests, RESET_WATCHES, CONTROL), the
# request not applied.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_s56_hunt.py
# Outcome (session 56): 5 of 5 killed (TransactionIdLookupTests, CliConformanceTests).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*.TransactionIdLookupTests", "-class", "*.CliConformanceTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
X = "src/Agent/XenStore/Server/XenStoreServer.cs"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
MUTANTS = [
    (X, 'Write("/tool/xenstored", ""u8);', ";", "stmt", "the store starts without xenstored's /tool/xenstored"),
    (S, "reply.Header.TransactionId != 0", "false", "expr", "no transaction id looked up for a non-node request",
     "reply.Header.TransactionId != 0\n            && LooksUpTransaction"),
    (S, "!connection.Transactions.ContainsKey(reply.Header.TransactionId)", "false", "expr",
     "an unknown transaction id taken on a non-node request"),
    (S, "LooksUpTransaction(type)", "type != XenStoreMessageType.ResetWatches && LooksUpTransaction(type)", "expr",
     "RESET_WATCHES under an unknown transaction id applied", "&& LooksUpTransaction(type)"),
    (S, """type is XenStoreMessageType.Control or XenStoreMessageType.GetDomainPath or XenStoreMessageType.Introduce
            or XenStoreMessageType.Release or XenStoreMessageType.IsDomainIntroduced or XenStoreMessageType.Resume
            or XenStoreMessageType.SetTarget or XenStoreMessageType.ResetWatches""",
     """type is XenStoreMessageType.Control or XenStoreMessageType.Introduce
            or XenStoreMessageType.IsDomainIntroduced or XenStoreMessageType.Resume
            or XenStoreMessageType.SetTarget or XenStoreMessageType.ResetWatches""", "expr",
     "RELEASE and GET_DOMAIN_PATH under an unknown transaction id applied"),
]
