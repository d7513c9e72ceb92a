# Mutants of session 68's copy of the old up2date that kmsactivate keeps for the start-up recovery: the copy written
# (with the old owner, mode, ACL and attributes) before anything changes and removed when it may not last, the systemid
# moved aside before up2date is written, an up2date the disk refused not rewritten, the copy removed after a success
# or a complete put-back, and the recovery's rule (no systemid at its path: the first copy renamed back over up2date,
# before the old systemid; one there: every copy removed) and its names. Killed by KmsKilledActivationTests (the kill
# played with cp -a of /etc while rhnreg_ks runs; the disk refusing the copy or the new up2date),
# KmsActivationRecoveryTests and KmsRollbackTests. 12-13: the put-back's fallback to renaming the copy (a full disk);
# 14-15: the put-back doing up2date before the systemid (a kill in between), the systemid's failure still the one answered.
# Outcome (session 68): 20 of 20 killed (run from a clone of the branch). At the first run (16 mutants) mutant 4 (the
# copy step not marking up2date untouched) survived: a move aside that fails then rewrote an unchanged up2date, which
# no test told from the old file; A_systemid_that_cannot_be_moved_aside_leaves_up2date_the_same_file (its inode) added.
# Session 68 (kms2): mutant 9's context retargeted (the put-back now also removes the directories its write made). Rerun from a clone of main: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Kms*"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
K = "src/Agent.Commands/Kms/KmsActivateCommand.cs"
R = "src/Agent.Commands/Kms/KmsActivationRecovery.cs"
S = "src/Agent.Commands/Kms/SavedRegistration.cs"
MUTANTS = [
    (K, "saved.KeepUp2DateCopy();", "", "stmt",
     "no copy of the old up2date: a kill leaves the request's servers (the old code)"),
    (S, "_system.Writer.Write(copy, _up2date, AsTheOldUp2Date(old));", "_system.Writer.Write(copy, _up2date);", "stmt",
     "the copy written with the writer's default mode, not up2date's: put back so after a kill"),
    (S, "DeleteQuietly(copy);\n            throw;", "throw;", "stmt",
     "a copy that may not last left behind"),
    (S, "_up2dateUntouched = true;", "", "stmt",
     "up2date not known untouched before the new one is written: a refused write rewrites the old one",
     "_up2dateUntouched = true;\n        if (_up2date is null"),
    (S, "_up2dateUntouched = true;", "", "stmt",
     "a new up2date the disk refused taken for one that replaced the old: rewritten on the full disk",
     "_up2dateUntouched = true;\n            throw;"),
    (S, "exception is (IOException or UnauthorizedAccessException) and not UnconfirmedWriteException", "exception is IOException or UnauthorizedAccessException", "expr",
     "a new up2date renamed into place but unconfirmed taken for untouched: not put back",
     "exception is (IOException or UnauthorizedAccessException) and not UnconfirmedWriteException)\n        {\n            // The writer replaces"),
    (S, "!_up2dateUntouched", "true", "expr",
     "up2date always rewritten by the put-back, even when never replaced"),
    (S, "DropUp2DateCopy();", "", "stmt",
     "a success leaves the copy of the old up2date behind", "DropUp2DateCopy();\n    }\n\n    /// <summary>\n    /// Puts the registration back"),
    (S, "DropUp2DateCopy();", "", "stmt",
     "a complete put-back leaves the copy of the old up2date behind", "DropUp2DateCopy();\n        RemoveMadeDirectories();"),
    (S, "name.EndsWith(AsideSuffix, StringComparison.Ordinal)", "true", "expr",
     "any .up2date.* file taken for a copy of up2date",
     "name.StartsWith(\".up2date.\", StringComparison.Ordinal) && name.EndsWith(AsideSuffix, StringComparison.Ordinal)"),
    (S, "name.StartsWith(\".up2date.\", StringComparison.Ordinal)", "true", "expr",
     "any *.kmsactivate file taken for a copy of up2date (a systemid aside moved over up2date)"),
    (S, "fileSystem.Move(copy, Up2DateConfig.Path);\n            _up2dateCopy = null;", "throw;", "stmt",
     "a put-back the disk refuses leaves the request's servers (the copy not renamed into place)"),
    (S, "exception is (IOException or UnauthorizedAccessException) and not UnconfirmedWriteException", "exception is IOException or UnauthorizedAccessException", "expr",
     "an old up2date put back but unconfirmed replaced by its copy: answered as put back and confirmed",
     "exception is (IOException or UnauthorizedAccessException) and not UnconfirmedWriteException && _up2dateCopy"),
    (S, "RestoreUp2Date();", "RestoreSystemId();\n                RestoreUp2Date();", "stmt",
     "the put-back moves the old systemid back before up2date (the old order): a kill in between loses up2date"),
    (S, "failure ??= up2dateFailure;", "failure = up2dateFailure ?? failure;", "stmt",
     "both failing, the put-back answers with up2date's reason, not the system id's"),
    (R, "asides.Length == 0 && copies.Length == 0", "asides.Length == 0", "expr",
     "recovery: copies alone (a first registration) never looked at"),
    (R, "fileSystem.GetStatus(SavedRegistration.SystemIdPath) is not null", "false", "expr",
     "recovery: a copy put back over the up2date of a new registration"),
    (R, "registered", "false", "expr",
     "recovery: the copy put back whatever is at systemid's path", "var settled = registered;"),
    (R, "settled = true;", "", "stmt",
     "recovery: every copy renamed over up2date in turn, the last one staying",
     "settled = true;\n                //"),
    (R, "fileSystem.Move(copy, Up2DateConfig.Path);", "fileSystem.DeleteFile(copy);", "stmt",
     "recovery: the copy removed, not put back"),
]
