#!/usr/bin/env python3
"""Mutation testing by hand, one batch at a time: do the tests notice a plausible defect?

Why not Stryker.NET: with the xunit v3 / Microsoft.Testing.Platform test projects, its vstest runner
finds no testhost, and its MTP runner (preview in 5.1) times out capturing per-test coverage, about
ten seconds a test, which is hours for one project on a two-core machine.

How: every mutant of a batch is compiled into the sources at once, each behind a switch
(`MutantSwitch.On(id)`, true when the environment variable GA_MUTANT is that id), so the test
project is built once per batch; then the chosen test classes run once with no mutant on (they
must pass) and once per mutant. A mutant is killed when the run fails (or hangs past TIMEOUT),
survived when it passes. The sources are restored with `git checkout -- FILE` right after the
build, so the batch's files must have no uncommitted changes (the script refuses otherwise).
Builds pass -p:TreatWarningsAsErrors=false: the switch calls would trip analyzers. Run one batch at
a time: batches share the build outputs.

usage: scripts/mutants/mutate.py BATCH.py [--check] [ID ...]
       scripts/mutants/mutate.py --check-all
  --check      only check that every mutant's text occurs exactly once, build nothing
  --check-all  --check every batch in scripts/mutants/ at once, naming every stale mutant (a text
               that no longer occurs exactly once: code moved or changed); exits 1 when there is
               one. scripts/test.sh runs it, so a refactor that leaves a batch stale fails the tests.
  ID ...       run only these mutants (1-based, in the batch's order)
Results are printed and appended to BATCH.py.results (tab-separated: id, file, description,
outcome, test summary and the first failing tests).

A batch is a Python file defining:
  TEST_PROJECT  the test project to build, e.g. "tests/Agent.Tests/Agent.Tests.csproj"
  TEST_EXE      its built test executable, e.g. "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
  TEST_ARGS     the test filter, e.g. ["-class", "*ResponseWriterTests"]
  SWITCH_DIR    the source project the mutants are in, e.g. "src/Agent" (the switch class goes there)
  SWITCH_NS     a namespace for the switch class, unique per assembly
  MUTANTS       a list of (file, old, new, kind, description): `old` must occur exactly once in the
                file (after the earlier mutants of the batch are in place), or, for an `old` too short to
                be unique (a number), a sixth element names a text around it that occurs exactly once
                in the file and holds `old` exactly once (`old` is replaced there only); kind "expr" writes
                `(On(id) ? (new) : (old))`, kind "stmt" writes `if (On(id)) { new } else { old }`
                (so `old` must be whole statements that declare nothing used after them).
  TIMEOUT       optional, seconds per test run (default 300)
  PUBLISH       optional (project, program, variable): for mutants in code only a published NativeAOT
                program runs (the daemon's end-to-end tests), that project is also published from the
                mutated sources, once, into artifacts/mutants/BATCH/; every test run then has
                `variable` naming the program there, and CI=true (a missing tool fails, never skips).
                The switch is read from the environment, which the tests pass on to the program.
"""
import os
import re
import runpy
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def mutated_text(mutants, only, switch_ns, problems=None):
    """The batch's files with every selected mutant behind its switch.

    Without `problems`, the first mutant that cannot be placed ends the run; with a list, each one
    is added to it and left out, and the rest are placed (so every stale mutant is named at once).
    """
    texts = {}
    for number, mutant in enumerate(mutants, 1):
        if only and number not in only:
            continue
        path, old, new, kind, description = mutant[:5]
        context = mutant[5] if len(mutant) > 5 else old
        problem = None
        if path not in texts and not os.path.isfile(os.path.join(ROOT, path)):
            problem = f"mutant {number} ({description}): {path} does not exist"
        elif kind not in ("expr", "stmt"):
            problem = f"mutant {number}: unknown kind '{kind}'"
        else:
            text = texts.setdefault(path, open(os.path.join(ROOT, path), encoding="utf-8").read())
            count = text.count(context)
            if count != 1:
                problem = f"mutant {number} ({description}): its text occurs {count} times in {path}"
            elif context.count(old) != 1:
                problem = f"mutant {number} ({description}): its context holds its text {context.count(old)} times"
        if problem:
            if problems is None:
                raise SystemExit(problem)
            problems.append(problem)
            continue
        on = f"global::{switch_ns}.MutantSwitch.On({number})"
        if kind == "expr":
            replacement = f"({on} ? ({new}) : ({old}))"
        else:
            replacement = f"if ({on}) {{ {new} }} else {{ {old} }}"
        texts[path] = text.replace(context, context.replace(old, replacement))
    return texts


def published_program(batch_file, batch):
    """Where the batch's PUBLISH program is published, or None when it has none."""
    if "PUBLISH" not in batch:
        return None
    name = os.path.splitext(os.path.basename(batch_file))[0]
    return os.path.join(ROOT, "artifacts", "mutants", name, batch["PUBLISH"][1])


def run_tests(batch, mutant, program=None):
    executable = os.path.join(ROOT, batch["TEST_EXE"])
    environment = dict(os.environ, GA_MUTANT=str(mutant))
    if program is not None:
        environment.update({batch["PUBLISH"][2]: program, "CI": "true"})
    # A session of its own, so a timeout kills the programs the tests started too.
    tests = subprocess.Popen([executable] + batch["TEST_ARGS"], cwd=os.path.dirname(executable), env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, _ = tests.communicate(timeout=batch.get("TIMEOUT", 300))
    except subprocess.TimeoutExpired:
        os.killpg(tests.pid, signal.SIGKILL)
        tests.communicate()
        return "killed (timeout)", ""
    output = ANSI.sub("", stdout)
    summary = [line.strip() for line in output.splitlines() if "Total:" in line]
    failed = [line.strip() for line in output.splitlines() if "[FAIL]" in line][:3]
    detail = (summary[-1] if summary else output[-300:].replace("\n", " ")) + " " + " | ".join(failed)
    return ("survived" if tests.returncode == 0 else "killed"), detail


def check_all():
    """--check every batch beside this script; a batch that does not load or names no test project is stale too."""
    directory = os.path.dirname(os.path.abspath(__file__))
    batches = sorted(name for name in os.listdir(directory) if name.endswith(".py") and name != os.path.basename(__file__))
    stale = []
    total = 0
    for name in batches:
        problems = []
        try:
            batch = runpy.run_path(os.path.join(directory, name))
            for key in ("TEST_PROJECT", "SWITCH_DIR"):
                if not os.path.exists(os.path.join(ROOT, batch[key])):
                    problems.append(f"{key} {batch[key]} does not exist")
            mutants = batch["MUTANTS"]
            total += len(mutants)
            mutated_text(mutants, set(), batch["SWITCH_NS"], problems)
        except Exception as error:  # a batch that does not even load is reported, not a traceback
            problems.append(f"the batch does not load: {type(error).__name__}: {error}")
        stale.extend(f"{name}: {problem}" for problem in problems)
    for line in stale:
        print(line, file=sys.stderr)
    if stale:
        raise SystemExit(f"{len(stale)} stale in {len(batches)} batches: update the mutants whose code moved or changed")
    print(f"{len(batches)} batches, {total} mutants, every text found once")


def main():
    arguments = sys.argv[1:]
    if arguments == ["--check-all"]:
        check_all()
        return
    check_only = "--check" in arguments
    arguments = [argument for argument in arguments if argument != "--check"]
    if not arguments:
        raise SystemExit(__doc__)
    batch_file = arguments[0]
    only = {int(argument) for argument in arguments[1:]}
    batch = runpy.run_path(batch_file)
    mutants = batch["MUTANTS"]
    texts = mutated_text(mutants, only, batch["SWITCH_NS"])
    if check_only:
        print(f"{len(mutants)} mutants, every text found once")
        return

    files = sorted(texts)
    dirty = subprocess.run(["git", "status", "--porcelain", "--"] + files, cwd=ROOT, capture_output=True, text=True).stdout
    if dirty.strip():
        raise SystemExit("uncommitted changes in the files to mutate (they are restored with git checkout):\n" + dirty)

    switch_file = os.path.join(ROOT, batch["SWITCH_DIR"], "MutantSwitch.cs")
    if os.path.exists(switch_file):
        raise SystemExit(f"{switch_file} exists: an earlier run was killed before it cleaned up; remove it first")

    def stop(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")

    # The sources stay mutated only while the batch builds: a SIGTERM or SIGHUP must restore them too.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    try:
        for path, text in texts.items():
            with open(os.path.join(ROOT, path), "w", encoding="utf-8") as file:
                file.write(text)
        with open(switch_file, "w", encoding="utf-8") as file:
            file.write(
                # RS1035 bans environment access in a generator; the switch is only for this run.
                "#pragma warning disable RS1035\n"
                f"namespace {batch['SWITCH_NS']};\n\n"
                "internal static class MutantSwitch\n{\n"
                "    private static readonly string? Active = System.Environment.GetEnvironmentVariable(\"GA_MUTANT\");\n\n"
                "    public static bool On(int id) => Active == id.ToString(System.Globalization.CultureInfo.InvariantCulture);\n}\n")
        started = time.time()
        build = subprocess.run(
            ["dotnet", "build", "-c", "Release", "-nologo", "-v", "q", os.path.join(ROOT, batch["TEST_PROJECT"]),
             "-p:TreatWarningsAsErrors=false", "-p:MSBuildTreatWarningsAsErrors=false"],
            cwd=ROOT, capture_output=True, text=True)
        print(f"build exited {build.returncode} after {time.time() - started:.0f} s", flush=True)
        if build.returncode != 0:
            print(build.stdout[-4000:])
            raise SystemExit("the build failed")
        program = published_program(batch_file, batch)
        if program is not None:
            started = time.time()
            publish = subprocess.run(
                ["dotnet", "publish", os.path.join(ROOT, batch["PUBLISH"][0]), "-r", "linux-x64", "-c", "Release", "-nologo",
                 "-v", "q", "-p:PublishAot=true", "-o", os.path.dirname(program),
                 "-p:TreatWarningsAsErrors=false", "-p:MSBuildTreatWarningsAsErrors=false"],
                cwd=ROOT, capture_output=True, text=True)
            print(f"publish exited {publish.returncode} after {time.time() - started:.0f} s", flush=True)
            if publish.returncode != 0 or not os.path.exists(program):
                print(publish.stdout[-4000:])
                raise SystemExit("the publish failed")
    finally:
        subprocess.run(["git", "checkout", "--"] + files, cwd=ROOT, check=True)
        if os.path.exists(switch_file):
            os.remove(switch_file)

    outcome, detail = run_tests(batch, 0, program)
    print("no mutant:", outcome, detail, flush=True)
    if outcome != "survived":
        raise SystemExit("the tests fail without any mutant")
    with open(batch_file + ".results", "a", encoding="utf-8") as log:
        for number, mutant in enumerate(mutants, 1):
            if only and number not in only:
                continue
            path, description = mutant[0], mutant[4]
            outcome, detail = run_tests(batch, number, program)
            line = f"{number}\t{path}\t{description}\t{outcome}\t{detail}"
            print(line, flush=True)
            log.write(line + "\n")
            log.flush()


if __name__ == "__main__":
    main()
