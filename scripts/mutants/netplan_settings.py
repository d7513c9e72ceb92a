# Mutants of the netplan reconciling of session 14 (a file keeps its settings, links read through,
# shadows' second line) and of the renderer decision for DNS (NetplanEffectiveRenderer, NetplanDns):
# a setting lost, a link written through, a renderer rule of netplan's got wrong.
# Run: scripts/mutants/mutate.py scripts/mutants/netplan_settings.py
# Session 14: 33 mutants, 29 killed by the tests as they were (the new NetplanEffectiveRendererTests
# and NetplanRendererDecisionEndToEndTests included). The 4 survivors were test gaps, killed since:
# 2 (a top-level key beside network: is a setting; NetplanSettingsTests), 18 (files read by name
# across directories; NetplanEffectiveRendererTests), 27 (a /run link named like our file is
# refused, not moved; NetplanLinksTests), 32 (a shadow whose mark names /usr/lib/netplan is ours;
# NetplanOtherDirectoriesTests). Not mutated: RenderedFileView's removal filters (ReadText and List
# each hide a removed file on their own, so one mutated alone is equivalent) and the second
# NotThroughLink(path, link, Defines) (its text is not unique; mutant 29 makes every link unseen).
# Session 14 fix-netplan: the reader mutants rewritten for NetplanFileReader.RealPath (kernel-style
# resolution), and 13 mutants added (28-40: reader, dangling package link under our shadow, top-level
# key refused, the /run-hidden message, flow-style renderer): 11 killed at once; 32 (an absolute
# target met inside the path) and 40 (text after a flow mapping) survived as test gaps, killed since
# (NetplanLinksTests, NetplanEffectiveRendererTests; rerun with 35: all killed).
# Session 18: the walk moved to GuestAgent.Platform.RealPath (its mutants, 30-33 here before, are in
# real_path.py); 30-33 now mutate the reader's use of it: all 4 killed.
# Session 23 (netglob): 43-70 for NetplanCatchAll (another file's definition whose match: catches a
# configured interface by a name pattern, driver or empty match is refused) and NetworkdGlob (networkd's
# fnmatch). First run: 27 of 28 killed (NetplanCatchAllEndToEndTests, NetworkdGlobTests against glibc's
# fnmatch); 52 survived as equivalent of a check no definition's lines could reach: the check now keeps a
# match: at the definition's own key indent (a wifi access point named "match" is not a match), with a
# test; 52 rerun: killed. All 28 killed.
# Session 25 (netgw, on a1d1c6d): quoted keys and values decoded as libyaml does (YamlQuotedScalar): 8 and
# 45 retargeted, 71-81 new, TEST_ARGS gained NetplanEscapedKeysTests. All 13 killed (the decoding compared
# with the real netplan generate, the end-to-end escaped key, flow-style and match cases). None equivalent.
# Session 26 (netq): other files' YAML read as libyaml reads it (escapes in flow style, keys holding \" or '',
# values through YamlQuotedScalar in NetplanCatchAll, tags, anchors, aliases, block and multi-line scalars,
# comments, the first document, a repeated network:). 6, 8, 9, 54, 55, 56, 71, 80 retargeted to the moved
# or rewritten code (NetplanYamlLines.cs is new), 82-105 new, TEST_ARGS gained NetplanYamlFormsTests and
# NetplanYamlFormsEndToEndTests (both compare with the real netplan generate). All 32 run: all killed.
# Not mutated: the regex texts of ValueAfterKey and FlowItem (constants and attributes, no expression to
# switch), the flow reader's alias check (an aliased renderer is a documented gap: no case can tell null
# from "*r" without following the alias), RawValueOf's skip over a leading quoted scalar (a renderer
# holding " #" is one netplan rejects anyway) and the block scalar's style (a renderer on one line folds the same).
# Session 26 (review): 106 new, a tag or anchor on network: itself (network: &n, then its block): killed
# (NetplanYamlFormsTests, against netplan generate). The fallback from a block network: whose lines do not read
# to the flow reader is not mutated: its condition declares a variable.
# Session 29 (net5, aliases followed): 6, 7, 25, 72 retargeted (NetplanFileLayout reads values through
# NetplanAliases; 25 now mutates the check that an alias left in the file names no anchor of a removed
# definition), TEST_ARGS gained NetplanAliasesTests and NetplanAliasesEndToEndTests. Rerun: 6, 7, 25 killed;
# 72 survived (NetplanCatchAll decodes each value itself since session 26, so only a definition made ours by
# an escaped match: name tells), killed since by NetplanEscapedKeysTests' new case.
# Session 33 (net9): 52 and 105, retargeted in session 32, rerun with TIMEOUT 900 (the baseline took 388 s under load): 52 killed
# (2 failures); 105 survived (an unfollowed alias read as an empty match is still refused, only described "empty"), killed since
# by NetplanMatchKeysTests.A_match_given_by_an_alias_left_unfollowed_is_refused_as_that_alias (checked by hand-applying the mutant).
# Session 33 review (review-net, on 06d3f856): 105 rerun through mutate.py: killed (baseline 428 pass in 360 s; 1 failure, that test).
# Session 34 (net10): 29 retargeted (NetplanFileReader reads through Of(…), which writes libyaml's line breaks as LF), 43 and 44 retargeted
# (the catch-all check deferred: NetplanOtherFiles hands the kept definitions to NetplanAcrossFiles.Keep). Rerun in a clone through a
# temporary batch of the three on the link and catch-all classes (Links, OtherDirectories, Conflict, Identity, MatchKeys, AcrossFiles):
# baseline 124 pass, build 584 s; 29 killed (10 failures), 43 killed (15), 44 killed (13).
# Session 37 (net13, on bb074221: the reader also notes why a .yml it reads leniently is unreadable, the link's Of(…) call unchanged): 29
# rerun through this batch (mutate.py netplan_settings.py 29): build 298 s, baseline 430 pass in 113 s; killed (14 failures, among them
# NetplanTreeChecksEndToEndTests' dangling package link under our shadow and NetplanLinksTests' /run link named like our file).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanSettingsTests", "-class", "*NetplanLinksTests", "-class", "*NetplanSettingsEndToEndTests",
             "-class", "*NetplanEffectiveRendererTests", "-class", "*NetplanRendererDecisionEndToEndTests",
             "-class", "*NetplanOtherDirectoriesTests", "-class", "*NetplanConflictTests",
             "-class", "*NetplanOwnershipSelectionTests", "-class", "*DnsRoutingTests", "-class", "*NetplanTreeChecksEndToEndTests",
             "-class", "*NetplanCatchAllEndToEndTests", "-class", "*NetworkdGlobTests",
             "-class", "*NetplanEscapedKeysTests", "-class", "*NetplanYamlFormsTests", "-class", "*NetplanYamlFormsEndToEndTests",
             "-class", "*NetplanAliasesTests", "-class", "*NetplanAliasesEndToEndTests",
             "-class", "*NetplanMatchKeysTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900  # the baseline runs end-to-end classes: it passed 300 s under load (session 32)
L = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
# 25 moved with its code from NetplanOtherFiles.cs to NetplanSeparation.cs in the session 34 review (text unchanged; rerun: killed).
N = "src/Agent.Commands/Network/Rendering/NetplanSeparation.cs"
S = "src/Agent.Commands/Network/Rendering/NetplanShadow.cs"
T = "src/Agent.Commands/Network/Rendering/NetplanTextSearch.cs"
E = "src/Agent.Commands/Network/Rendering/NetplanEffectiveRenderer.cs"
D = "src/Agent.Commands/Network/Rendering/NetplanDns.cs"
V = "src/Agent.Commands/Network/Rendering/RenderedFileView.cs"
R = "src/Agent.Commands/Network/Detection/NetplanFileReader.cs"
C = "src/Agent.Commands/Network/Detection/NetplanConfiguration.cs"
P = "src/Agent.Commands/Network/Detection/ResolverProbe.cs"
F = "src/Agent.Commands/Network/Rendering/NetplanFlowStyle.cs"
G = "src/Agent.Commands/Network/Rendering/NetworkdGlob.cs"
A = "src/Agent.Commands/Network/Rendering/NetplanCatchAll.cs"
Y = "src/Agent.Commands/Network/Rendering/YamlQuotedScalar.cs"
YL = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
MUTANTS = [
    # NetplanFileLayout: what a file sets, and the renderers it names
    (L, "settings.Add($\"{sectionName} renderer\");", "", "stmt",
     "layout: a section's renderer is no setting (a file of only our devices loses it when moved aside)"),
    (L, "key => key != \"network\"", "key => false", "expr",
     "layout: a top-level key beside network: is no setting"),
    (L, "key != \"version\" && !DeviceSections.Contains(key, StringComparer.Ordinal)", "!DeviceSections.Contains(key, StringComparer.Ordinal)", "expr",
     "layout: version counts as a setting (no file of only our devices is moved aside any more)"),
    (L, "!_sectionsWithSettings.Contains(header)", "true", "expr",
     "layout: a section emptied of definitions loses its header though it keeps its renderer"),
    (L, "renderers.Contains(device)", "false", "expr",
     "layout: a section's renderer is read as a device called renderer"),
    (L, "sectionRenderer = FollowedValueOf(lines, aliases, device);", "sectionRenderer = null;", "stmt",
     "layout: a section's renderer value is not read"),
    (L, "OwnRenderer(followedLines)", "null", "expr",
     "layout: a device's own renderer is not read"),
    (YL, "YamlQuotedScalar.Decode(raw) ?? raw.Trim('\"', '\\'')", "raw", "expr",
     "layout: a quoted renderer (\"NetworkManager\") is not recognised"),
    (YL, "return value[..i].Trim();", "return value;", "stmt",
     "layout: a trailing comment is part of the value (renderer: NetworkManager # x)"),
    (L, "var renderer = networkChildren.Where(c => KeyOf(lines[c.Line]) == \"renderer\")", "var renderer = networkChildren.Where(c => false)", "expr",
     "layout: the network-wide renderer is not read"),
    # NetplanEffectiveRenderer: netplan's rules
    (E, "global = layout.Renderer ?? global;", "global ??= layout.Renderer;", "stmt",
     "renderer: the first network-wide renderer wins, not the last"),
    (E, "!created", "true", "expr",
     "renderer: a later section renderer changes a device an earlier definition created"),
    (E, "renderer = definition.SectionRenderer;", "", "stmt",
     "renderer: the section renderer of the creating definition is ignored"),
    (E, "renderer = definition.OwnRenderer ?? renderer;", "renderer ??= definition.OwnRenderer;", "stmt",
     "renderer: the first own renderer wins, not the last"),
    (E, "renderer ?? global ?? Networkd", "global ?? renderer ?? Networkd", "expr",
     "renderer: the network-wide renderer beats a device's or section's"),
    # NetplanConfiguration.Read: which files netplan reads, in which order
    (C, "new[] { RuntimeDirectory, SystemDirectory }", "new[] { SystemDirectory, RuntimeDirectory }", "expr",
     "read: /etc hides /run instead of /run hiding /etc"),
    (C, "group.First().Path", "group.Last().Path", "expr",
     "read: the lowest directory's file of a name is read instead of the highest"),
    (C, "group => group.Key", "group => group.First().Path", "expr",
     "read: files ordered by path (directory first), not by name"),
    # NetplanDns, RenderedFileView, the probe
    (D, "configuration.Interfaces.All(nic => NetplanEffectiveRenderer.Of(after, nic.Name) == NetplanEffectiveRenderer.NetworkManager)",
     "configuration.Interfaces.Any(nic => NetplanEffectiveRenderer.Of(after, nic.Name) == NetplanEffectiveRenderer.NetworkManager)", "expr",
     "dns: NetworkManager when it gets any one interface, not every one"),
    (D, "new RenderedFileView(current, rendered)", "current", "expr",
     "dns: decided on the files before the reset"),
    (V, "_written.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal) && !path[prefix.Length..].Contains('/'))", "_written.Keys.Where(path => false)", "expr",
     "view: a file the reset writes (our own) is not listed"),
    (P, "NetplanEffectiveRenderer.OfUndefined(files) == NetplanEffectiveRenderer.NetworkManager", "false", "expr",
     "probe: never NetworkManager"),
    # NetplanOtherFiles: settings kept, links never written through
    (O, "ours.Length == layout.Definitions.Count && layout.Settings.Count == 0", "ours.Length == layout.Definitions.Count", "expr",
     "reconcile: a file of only our devices that sets a renderer is moved aside (renderer lost)"),
    (O, "layout.Settings.Count > 0", "false", "expr",
     "reconcile: a /run file named like ours that sets a renderer is moved aside"),
    (N, "alias is not null", "false", "expr",
     "reconcile: a removed definition's anchor that a kept alias names is not refused (retargeted in session 29)"),
    (O, "read.IsLink && !source.IsPackageOwned", "read.IsLink", "expr",
     "reconcile: a package's file that is a link is refused instead of shadowed"),
    (O, "NotThroughLink(path, link, $\"which netplan reads instead of {ownFile}\");", "", "stmt",
     "reconcile: a /run link named like ours is moved (the link lost)"),
    # NetplanFileReader
    (R, "real == NullDevice", "false", "expr",
     "reader: a link to /dev/null is read as no file (the mask refused)"),
    (R, "Of(files.ReadBytes(real), real, path, failsWhen)", "Of(files.ReadBytes(real), null, path, failsWhen)", "expr",
     "reader: a link is not reported as one (and is written through)"),
    # 30-33: the walk itself moved to src/Agent (session 18: real_path.py has its mutants); these mutate its use here.
    (R, "GuestAgent.Platform.RealPath.Resolve(path, files.ReadLink)", "GuestAgent.Platform.RealPath.Resolve(path, link => link == path ? files.ReadLink(link) : null)", "expr",
     "reader: a link inside the path (a directory link, merged /usr) is not followed"),
    (R, "(resolved.Path, resolved.Complete)", "(resolved.Path, true)", "expr",
     "reader: a looping link is read as resolved"),
    (R, "files.ReadLink(path) is null", "true", "expr",
     "reader: a link is read as a regular file (not reported as one)"),
    (R, "new NetplanFileText(null, real)", "new NetplanFileText(null, path)", "expr",
     "reader: a looping link is reported at itself, not at the link the walk stopped at"),
    # NetplanOtherFiles: trees netplan fails on, session 14 fix-netplan
    (O, "read.IsLink && source.HasOwnShadow", "false", "expr",
     "reconcile: a dangling package link under our shadow is refused (the shadow would have to go)"),
    (O, "layout.ForeignKeys.Count > 0", "false", "expr",
     "reconcile: a top-level key netplan rejects is let through to a failing apply"),
    (O, "source.HiddenByRuntime ? $\"so netplan, which reads {RuntimeTwin(path)} in its place until the next boot, fails on it after that\" : \"so netplan fails on it\"", "\"so netplan fails on it\"", "expr",
     "reconcile: a dangling /etc link hidden by /run is said to make netplan fail now"),
    # Flow style: the network-wide renderer
    (E, "NetplanFileLayout.RendererOfUnlaidOut(text)", "null", "expr",
     "renderer: a file without a block layout is passed over (flow-style renderer unseen)"),
    (L, "return NetplanFlowStyle.NetworkRenderer(flow[(flow.IndexOf(':', StringComparison.Ordinal) + 1)..]);", "return null;", "stmt",
     "layout: a flow-style network: is not read for its renderer"),
    (F, "quote is '\"' or '\\''", "false", "expr",
     "flow: a quoted scalar is read as a plain one"),
    (F, "Rest(flow, position)", "true", "expr",
     "flow: text after the mapping is ignored", "&& Rest(flow, position)\n            && (network"),
    # NetplanShadow
    (S, "text.StartsWith(Mark($\"{MergedPackageDirectory}/{name}\"), StringComparison.Ordinal)", "false", "expr",
     "shadow: a shadow written through /usr/lib/netplan is not recognised as ours"),
    (S, "Mark(packageFile) + \"# Rebuilt from it by every resetnetwork (the previous version kept as .bak); to keep your own changes, delete these two lines\\n\"",
     "\"# Rebuilt from it by every resetnetwork (the previous version kept as .bak); to keep your own changes, delete these two lines\\n\"", "expr",
     "shadow: the mark line is missing from a new shadow"),
    # Session 23 (netglob): another file's definition catching one of our interfaces by pattern or driver
    (O, "across.Keep(source, layout.Definitions.Except(ours));", "", "stmt",
     "catch-all: a kept definition matching ours by pattern or driver is not checked"),
    (O, "across.Keep(source, layout.Definitions.Except(ours));", "across.Keep(source, layout.Definitions);", "stmt",
     "catch-all: our own definitions (the interface's MAC) are checked too, and refused instead of taken out"),
    (T, "NetplanCatchAll.MayCatch(text, nic, current)", "false", "expr",
     "catch-all: a flow-style file's pattern is not checked"),
    (A, "MatchSections.Contains(d.Section, StringComparer.Ordinal)", "false", "expr",
     "catch-all: no section's match: is read"),
    (A, "names.Any(name => NetworkdGlob.MatchesList(name, nic.Name))", "true", "expr",
     "catch-all: the name pattern is ignored (any name matches)"),
    (A, "parsed == nic.Mac", "true", "expr",
     "catch-all: a macaddress of another interface does not rule the definition out"),
    (A, "drivers.Any(driver => DriverMatches(driver, nic, current))", "true", "expr",
     "catch-all: the driver pattern is ignored"),
    (A, "NetworkdGlob.MatchesList(pattern, Path.GetFileName(target.TrimEnd('/')))", "NetworkdGlob.MatchesList(pattern, target)", "expr",
     "catch-all: the driver link's whole target is compared, not its last name"),
    (A, "$\"{NetDirectory}/{nic.Name}/device/driver\"", "$\"{NetDirectory}/{nic.Name}/driver\"", "expr",
     "catch-all: the driver is read from the wrong place (always unreadable, so always matching)"),
    (A, "NetplanFileLayout.Children(lines, Enumerable.Range(1, lines.Length - 1).Where(i => !NetplanYamlLines.IsBlankOrComment(lines[i])), NetplanYamlLines.Indent(lines[0]))",
     "Enumerable.Range(1, lines.Length - 1).Where(i => !NetplanYamlLines.IsBlankOrComment(lines[i])).Select(i => (Line: i, End: i)).ToList()", "expr",
     "catch-all: a deeper match: (an access point's SSID) is read as the definition's"),
    (A, "value.Length == 0", "false", "expr",
     "catch-all: a block list (driver: / - vif) is not read"),
    (A, "yield return Scalar(item[1..].Trim());", "yield return item;", "stmt",
     "catch-all: a block list's items keep their dash and quotes"),
    (A, "value.StartsWith('[') ? FlowItem().Matches(value[1..^1]).Select(m => m.Value) : [value]", "new[] { value }", "expr",
     "catch-all: a flow list [a, b] is read as one value"),
    (A, "value.StartsWith('*') ? \"*\" : YamlQuotedScalar.Decode(value) ?? value", "value", "expr",
     "catch-all: quotes are kept on a value"),
    (A, "match.Count == 0", "false", "expr",
     "catch-all: an empty match is described as nothing"),
    # NetworkdGlob (compared with glibc's fnmatch by NetworkdGlobTests)
    (G, "patterns.Any(pattern => Matches(pattern, name)) != invert", "patterns.Any(pattern => Matches(pattern, name))", "expr",
     "glob: a leading ! does not invert the list"),
    (G, "Matches(pattern, p + 1, text, start)", "Matches(pattern, p + 1, text, t)", "expr",
     "glob: a star matches only the empty run"),
    (G, "return t == text.Length;", "return true;", "stmt",
     "glob: text after the pattern's end is ignored (eth matches eth0)"),
    (G, "c == '?'", "false", "expr",
     "glob: ? is a literal"),
    (G, "c == '\\\\' && p + 1 < pattern.Length", "false", "expr",
     "glob: a backslash does not quote"),
    (G, "!bracket.Matched", "false", "expr",
     "glob: a bracket matches any character"),
    (G, "return i < pattern.Length ? (matched != negate, i + 1) : null;", "return i < pattern.Length ? (matched, i + 1) : null;", "stmt",
     "glob: [!...] and [^...] do not negate"),
    (G, "pattern[i] != ']' || first", "pattern[i] != ']'", "expr",
     "glob: a ] first in a bracket closes it"),
    (G, "matched |= c >= low && c <= high;", "matched |= c == low;", "stmt",
     "glob: no ranges"),
    (G, "matched |= InClass(pattern[(i + 2)..end], c);", "matched |= false;", "stmt",
     "glob: [:class:] matches nothing"),
    (G, "pattern[i + 1] != ']'", "true", "expr",
     "glob: a - before the closing ] is a range, not a literal"),
    (G, "return i < pattern.Length ? (matched != negate, i + 1) : null;", "return null;", "stmt",
     "glob: every [ is literal"),
    (G, "value.IndexOfAny(['*', '?', '[', '\\\\', ' ', '\\t']) >= 0", "value.IndexOfAny(['*', '?']) >= 0", "expr",
     "glob: a bracket, backslash or list is not seen as a pattern"),
    # Session 25 (netgw): quoted keys and values read as netplan (libyaml) decodes them (YamlQuotedScalar)
    (YL, "YamlQuotedScalar.Decode(key) ?? key.Trim('\"', '\\'')", "key.Trim('\"', '\\'')", "expr",
     "layout: a quoted key's escapes are not decoded (\"eth\\x30\" is not eth0)"),
    (L, "YamlQuotedScalar.DecodeAll(followed)", "followed", "expr",
     "layout: a definition's text is searched as written (match: {name: \"eth\\x2a\"} is not eth*)"),
    (T, "Mentions(text, nic)", "Mentions(yaml, nic)", "expr",
     "other files: a file without a layout is searched as written ({\"eth\\x30\": ...} not seen as eth0)"),
    (Y, "inner.Length - i - 1 < digits", "false", "expr",
     "yaml: a hex escape cut short is read past the scalar's end"),
    (Y, "code is (>= 0xd800 and <= 0xdfff) or > 0x10ffff", "false", "expr",
     "yaml: a surrogate or too large code point escape is taken"),
    (Y, "i += digits;", "", "stmt",
     "yaml: a hex escape's digits are read again as text"),
    (Y, "token.Length < 2 || token[^1] != token[0]", "token.Length < 2", "expr",
     "yaml: a quoted scalar not closed by its quote is decoded"),
    (Y, "value.Contains('\\'', StringComparison.Ordinal) ? null : value.Replace('\\u0000', '\\'')", "value.Replace('\\u0000', '\\'')", "expr",
     "yaml: a single quote alone inside a single-quoted scalar is taken"),
    (Y, "c == '\"'", "false", "expr",
     "yaml: an unescaped double quote inside a double-quoted scalar is taken"),
    (Y, "DoubleQuoted(m.Value[1..^1]) is { } value ? Quote(value) : m.Value", "m.Value", "expr",
     "yaml: DecodeAll leaves every scalar as written"),
    (Y, "inner[i] switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 }", "inner[i] switch { 'x' => 2, 'u' => 2, 'U' => 8, _ => 0 }", "expr",
     "yaml: \\u takes two digits"),
    # Session 26 (netq): other files' YAML read as libyaml reads it (escapes in flow style, quoted keys holding quotes, tags, anchors, block and multi-line scalars, comments, the first document)
    (Y, "Quote(value)", "\"\\\"\" + value + \"\\\"\"", "expr",
     "yaml: DecodeAll puts a decoded value back between quotes without escaping it (\"e*\\\"x\" ends at the inner quote)"),
    (Y, "quoted.Append('\\\\').Append(c)", "quoted.Append(c)", "expr",
     "yaml: Quote does not escape a quote or backslash"),
    (Y, "breaks == 0 ? inner[i..end] : breaks == 1 ? \" \" : new string('\\n', breaks - 1)", "inner[i..end]", "expr",
     "yaml: a quoted scalar's line breaks are kept as written, not folded"),
    (Y, "inner[i] is '\\r' or '\\n'", "false", "expr",
     "yaml: an escaped line break is refused"),
    (Y, "Math.Max(0, inner.AsSpan(i, end - i).Count('\\n') - 1)", "0", "expr",
     "yaml: the breaks after an escaped line break are dropped"),
    (F, "return YamlQuotedScalar.Decode(text[start..position]);", "return text[(start + 1)..(position - 1)];", "stmt",
     "flow: a quoted scalar's escapes are not decoded (\"Network\\x4danager\")"),
    (F, "(c == '\\\\' && quote == '\"')", "false", "expr",
     "flow: an escaped quote ends a double-quoted scalar"),
    (F, "text[position] is '!' or '&'", "false", "expr",
     "flow: a tag or anchor is read as part of the value"),
    (F, "text[position] == '#' && (position == 0 || char.IsWhiteSpace(text[position - 1]))", "false", "expr",
     "flow: a comment is not skipped"),
    (F, "!(text[position] == '#' && position > start && char.IsWhiteSpace(text[position - 1]))", "true", "expr",
     "flow: a plain scalar runs on into a comment"),
    (YL, "more = lines.Skip(i + 1).Any(line => !IsBlankOrComment(line) && line.TrimEnd() is not (\"---\" or \"...\"));", "more = false;", "stmt",
     "lines: a second document is not seen (the file edited as its first document)"),
    (YL, "content.Count == 0 && lines[i][0] == '-'", "lines[i][0] == '-'", "expr",
     "lines: every --- is read as the start of the first document"),
    (YL, "rest.Length > 0 && !(rest.StartsWith('#') && lines[i][3] is ' ' or '\\t')", "rest.Length > 0", "expr",
     "lines: a comment after a document marker is read as content"),
    (YL, "Properties().Replace(RawValueOf(lines[entry.Line]), \"\")", "RawValueOf(lines[entry.Line])", "expr",
     "lines: a value's tag or anchor is read as part of it"),
    (YL, "header.Groups[\"chomp\"].Value == \"-\" ? text : text + \"\\n\"", "text + \"\\n\"", "expr",
     "lines: a block scalar's strip chomping (>-) is ignored"),
    (YL, "raw = spanning.Success ? spanning.Value : raw;", "", "stmt",
     "lines: a quoted value continued on the lines below is read from its first line only"),
    (YL, "value[i - 1] is ' ' or '\\t'", "value[i - 1] == ' '", "expr",
     "lines: a comment after a tab is part of the value"),
    (A, "value = Properties().Replace(value, \"\");", "", "stmt",
     "catch-all: a list item's tag or anchor is read as part of it"),
    (T, "Names(yaml, nic)", "false", "expr",
     "other files: a file without a layout naming the interface under name:/set-name: is not seen"),
    (O, "identity.MatchName == nic.Name", "false", "expr",
     "other files: a definition naming the interface under match: name is not ours (session 31: retargeted from the old text search, Names(definition.Text, nic))"),
    (A, "value.StartsWith('*')", "false", "expr",
     "catch-all: an alias (*n) is read as the pattern *n, not as matching every interface"),
    (L, "topLevel.Count(c => KeyOf(lines[c.Line]) == \"network\") > 1", "false", "expr",
     "layout: a file with a second network: is laid out from the first (a definition of eth0 in the second kept)"),
    (L, "topLevel.Where(c => KeyOf(lines[c.Line]) == \"network\").Select(network => NetworkRenderer(lines, content, network)).LastOrDefault(renderer => renderer is not null)", "topLevel.Where(c => KeyOf(lines[c.Line]) == \"network\").Select(network => NetworkRenderer(lines, content, network)).FirstOrDefault(renderer => renderer is not null)", "expr",
     "layout: the first network: key's renderer wins over a later one's"),
    (A, "Properties().Replace(block, \"\").StartsWith('*')", "false", "expr",
     "catch-all: match: *m (an alias) is read as an empty match, described as empty"),
    (L, "HasBlockValue(lines[network.Line], out _) || HasBlockValueAfterProperties(lines[network.Line])", "HasBlockValue(lines[network.Line], out _)", "expr",
     "layout: network: &n (a tag or anchor before its block) is read as a flow mapping, its renderer lost"),
]
