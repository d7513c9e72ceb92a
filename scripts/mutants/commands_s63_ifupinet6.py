# Mutants of session 63's ifupdown IPv6 image stanzas: each configured interface's accept_ra and
# autoconf, read when the plan is made, set again after the flush and before any ifup, so that a
# rollback's (and recovery's) ifup of the image's inet6 auto/dhcp stanza brings the link up (and the
# kernel solicits a router) with them as the image left them, not at our inet6 static stanza's 0.
# Killed by IfupdownInet6ImageKernelTests (the real ifup, dhclient -6 and dnsmasq's DHCPv6 and router
# advertisements) and BackendApplyStepsTests (the plan's step list).
# Outcome (session 63): 8 of 8 killed (1, no settings put back, by the run's timeout: the rollback tests wait
# their minute for the SLAAC address; 2 by both rollback cases and the step list; 3 to 8, run from a clone of main
# after the merge, by the rollback cases or the step list).
# Session 64: 1 and 7 retargeted at the code that replaced theirs (the settings read from conf/default
# where an inet6 stanza goes, commands_s64_ifupv6.py) and rerun from a clone of the branch: 2 of 2 killed
# (both by the run's timeout, the rollback cases waiting their minute).
# Session 65 (ifupng): 1 retargeted at the statement with ifupdown-ng's condition (commands_s65_ifupng.py) and rerun
# from a clone of the branch: killed (by the run's timeout, as before).
# Session 66 (ifup): 1 retargeted at the statement whose condition now passes a flag (the boot's values, sysctl.d's
# or conf/default's, commands_s66_ifup.py), 7 at the read of /proc whose text Number now takes the first word
# of (the newline kept as part of the value, '.' for it); rerun from a clone of the branch: 2 of 2 killed (1 by the
# rollback cases, 7 by BackendApplyStepsTests' step list and the rollback cases).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownInet6ImageKernelTests",
             "-class", "GuestAgent.Commands.Tests.Network.BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
I = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
MUTANTS = [
    (I, "after.AddRange(interfaces.Select(n => RestoreRouterAdvertisementSettings(n, withoutIPv6.Contains(n) && !facts.Resolver.IfupdownNg && HasInet6Stanza(n, current), current)).OfType<ApplyStep>());", "", "stmt",
     "no settings put back: a rollback's ifup finds our inet6 static's 0s, no SLAAC address or router's route"),
    (I, "[\"accept_ra\", \"autoconf\"]", "[\"accept_ra\"]", "expr",
     "autoconf not put back: inet6 dhcp sets none, no SLAAC address after the rollback"),
    (I, "[\"accept_ra\", \"autoconf\"]", "[\"autoconf\"]", "expr",
     "accept_ra not put back: the image's inet stanza brings the link up with advertisements ignored"),
    (I, "after.AddRange(interfaces.Select(n => Up(n, facts)));", "after.InsertRange(interfaces.Count, interfaces.Select(n => Up(n, facts)));", "stmt",
     "the settings put back after the ifups: the router was solicited with advertisements ignored"),
    (I, "return null;", "continue;", "stmt",
     "a setting that is no number skipped, the other still set", "return null;\n            }\n\n            assignments.Add"),
    (I, "NumberStyles.AllowLeadingSign", "NumberStyles.None", "expr",
     "a negative value refused and nothing put back"),
    (I, "current.ReadText($\"/proc/sys/net/ipv6/conf/{(boot ? \"default\" : name)}/{setting}\")", "current.ReadText($\"/proc/sys/net/ipv6/conf/{(boot ? \"default\" : name)}/{setting}\")?.Replace('\\n', '.')", "expr",
     "the value's newline not trimmed: no number, nothing put back"),
    (I, "assignments.Add($\"net/ipv6/conf/{name}/{setting}={value.ToString(CultureInfo.InvariantCulture)}\");", "assignments.Add($\"net.ipv6.conf.{name}.{setting}={value.ToString(CultureInfo.InvariantCulture)}\");", "stmt",
     "the dotted key: a VLAN's eth0.100 read by sysctl as eth0/100, which does not exist"),
]
