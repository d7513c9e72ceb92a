# Mutants of choosing the network system and the hostname's files, and of reading vm-data:
# BackendSelector (the order of the checks), HostnameFilesRenderer (each backend's HostnamePlaces),
# XenStoreVmDataSource.
# Run: scripts/mutants/mutate.py scripts/mutants/network_backends.py
# Outcome (2026-11-30): 17 mutants; 12 killed on the first run, 5 survived, all test gaps, now killed:
# HostnameFilesTests (SUSE's /etc/HOSTNAME link left a link; /etc/sysconfig/network and Arch's rc.conf
# edited only when they already name the hostname), XenStoreVmDataSourceTests (a domain path ending in
# '/'; a caller's connector failing with a SocketException is the clear "500": the real XenStoreClient
# wraps socket errors in XenStoreConnectionException, so only a connector of the caller's own can throw one).
# Session 21: 12-13 retargeted (HostnameFilesRenderer asks ShellValueReader whether the key is set), 14 added
# (a HOSTNAME= set by an expansion still counts as set); 12-14 run: all killed by HostnameFilesTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*DetectionTests", "-class", "*ServiceAwareSelectionTests", "-class", "*NetplanOwnershipSelectionTests",
             "-class", "*NetworkBackendCatalogTests", "-class", "*RendererGoldenTests", "-class", "*OriginalAgentOracleTests",
             "-class", "*RescueHostnameEndToEndTests", "-class", "*XenStoreVmDataSourceTests", "-class", "*ResetNetworkPipelineTests",
             "-class", "*NetplanRendererDecisionEndToEndTests", "-class", "*ResetNetworkEndToEndTests", "-class", "*HostnameShorteningTests",
             "-class", "*HostnameFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
SEL = "src/Agent.Commands/Network/Detection/BackendSelector.cs"
HOST = "src/Agent.Commands/Network/Rendering/Common/HostnameFilesRenderer.cs"
XS = "src/Agent.Commands/Network/Sources/XenStoreVmDataSource.cs"
MUTANTS = [
    (SEL, "!b.NetplanRendersFor", "b.NetplanRendersFor", "expr",
     "selector: the systems netplan renders for count against netplan"),
    (SEL, "IsInstalled(facts.Tools, NetworkBackend.Netplan)", "true", "expr",
     "selector: netplan chosen where it is not installed"),
    (SEL, "facts.NetplanConfigured || FirstInUse(facts, NotRenderedByNetplan) is null", "facts.NetplanConfigured", "expr",
     "selector: netplan installed without a file, nothing else in use, is not chosen"),
    (SEL, "FirstInUse(facts, NotRenderedByNetplan) is null", "true", "expr",
     "selector: netplan chosen although ifupdown (or another system it cannot render for) is in use"),
    (SEL, "FirstInUse(facts, family.InUse) ?? FirstInstalled(facts.Tools, family.Installed) ?? family.Fallback",
     "FirstInstalled(facts.Tools, family.Installed) ?? family.Fallback", "expr",
     "selector: the system in use does not win over the first installed"),
    (SEL, "facts.ActiveBackends.Contains(backend) && IsInstalled(facts.Tools, backend)", "facts.ActiveBackends.Contains(backend)", "expr",
     "selector: a leftover enablement link of a removed system counts as in use"),
    (HOST, "hostname is null || places.OnlyInBackendFiles", "hostname is null", "expr",
     "hostname files: /etc/hostname written on FreeBSD"),
    (HOST, "!current.IsSymbolicLink(\"/etc/HOSTNAME\")", "true", "expr",
     "hostname files: SUSE's /etc/HOSTNAME link is replaced by a file"),
    (HOST, "places.SuseHostnameFile || current.ReadText(\"/etc/HOSTNAME\") is not null", "current.ReadText(\"/etc/HOSTNAME\") is not null", "expr",
     "hostname files: SUSE's /etc/HOSTNAME not written when missing"),
    (HOST, "places.ConfDHostnameFile || current.ReadText(\"/etc/conf.d/hostname\") is not null", "current.ReadText(\"/etc/conf.d/hostname\") is not null", "expr",
     "hostname files: Gentoo's /etc/conf.d/hostname not written when missing"),
    (HOST, "!places.SysconfigNetworkFromRenderer", "true", "expr",
     "hostname files: /etc/sysconfig/network edited beside the Red Hat renderer's own"),
    (HOST, "text is not null && IsSet(text, key)", "text is not null", "expr",
     "hostname files: HOSTNAME= added to a sysconfig/network that had none"),
    (HOST, "IsSet(current.ReadText(\"/etc/rc.conf\"), \"HOSTNAME\")", "current.ReadText(\"/etc/rc.conf\") is not null", "expr",
     "hostname files: HOSTNAME= added to an rc.conf that had none"),
    # Session 21: a HOSTNAME= the reader cannot read (an expansion) is still set, so it is replaced.
    (HOST, "ShellValueReader.Read(text, key).State != ShellValueState.Unset", "ShellValueReader.Read(text, key).State == ShellValueState.Known", "expr",
     "hostname files: a HOSTNAME=$(...) is left in place (and the file keeps computing the old name)"),
    (XS, "domainPath.TrimEnd('/') + \"/\"", "domainPath + \"/\"", "expr",
     "vm-data: a domain path ending in / gives a path with //"),
    (XS, "error.ErrorName == XenStoreErrors.NotFound", "false", "expr",
     "vm-data: a missing networking directory is an error, not no entries"),
    (XS, "exception is XenStoreException or IOException or System.Net.Sockets.SocketException", "exception is XenStoreException or IOException", "expr",
     "vm-data: a XenStore socket that refuses the connection escapes as SocketException"),
    (XS, "value is null ? null : Encoding.UTF8.GetString(value)", "value is null ? \"\" : Encoding.UTF8.GetString(value)", "expr",
     "vm-data: no hostname node reads as an empty hostname"),
]
