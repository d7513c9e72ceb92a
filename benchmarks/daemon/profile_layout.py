#!/usr/bin/python3
"""Lists the managed methods `guest-agent run` executes, for the compiler's IlcOrderFile.

NativeAOT lays methods out in an order unrelated to their use, so the few hundred KB the agent runs
are spread over its whole code section, and the kernel maps every page (and large folio) that holds
one of them. Given this list, the compiler places those methods first and together.

1. The agent runs the benchmark's workload under valgrind's exp-bbv tool, which records every basic
   block executed; blocks are mapped to methods with the symbols of the binary's .dbg file.
2. Valgrind slows the agent down, which changes some timing-dependent paths (a socket read that
   completes at once instead of through epoll, say). So the binary is then rebuilt with the list and
   run at full speed under `perf record -e page-faults`: a fault in the code section outside the
   listed methods names a method that ran; it is added, and this repeats until no such fault is left.

Run through profile-layout.sh.
"""
import argparse
import bisect
import os
import shutil
import subprocess
import tempfile

import measure

PROJECT = "src/Agent.Daemon/Agent.Daemon.csproj"


def publish(output, order_file):
    subprocess.run(["dotnet", "publish", PROJECT, "-r", "linux-x64", "-c", "Release", "-p:PublishAot=true",
                    f"-p:IlcOrderFile={order_file}", "-nologo", "-v:quiet", "-o", output],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(output, "guest-agent")


def managed_code(binary):
    for line in subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout.splitlines():
        fields = line.split("]", 1)[-1].split()
        if len(fields) >= 5 and fields[0] == "__managedcode":
            return int(fields[2], 16), int(fields[4], 16)
    raise RuntimeError(f"{binary} has no __managedcode section")


class Methods:
    """The managed methods of a binary, by address, from `nm` of its .dbg file."""

    def __init__(self, binary):
        start, size = managed_code(binary)
        self.symbols = []
        for line in subprocess.run(["nm", "-S", "--defined-only", binary + ".dbg"], capture_output=True, text=True, check=True).stdout.splitlines():
            fields = line.split()
            if len(fields) == 4 and fields[2] in "tT" and start <= int(fields[0], 16) < start + size:
                self.symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
        self.symbols.sort()
        self.starts = [symbol[0] for symbol in self.symbols]

    def at(self, address):
        index = bisect.bisect_right(self.starts, address) - 1
        if index >= 0:
            start, size, name = self.symbols[index]
            if start <= address < start + max(size, 1):
                return name
        return None


def serve(command, binary, requests, directory, on_first_batch=None):
    """`command` (ending in `binary run …`) serves `requests` version requests, then gets SIGTERM."""
    xenstore = measure.XenStore(binary, directory)
    root = os.path.join(directory, "root")
    os.makedirs(root, exist_ok=True)
    config = os.path.join(directory, "agent.json")
    with open(config, "w") as handle:
        handle.write("{}")
    try:
        with xenstore.client() as client, client.monitor() as monitor:
            monitor.watch(f"{measure.HOME}/data/guest".encode(), b"profile")
            agent = subprocess.Popen(command + ["run", "--xenstore", xenstore.socket, "--domain-path", measure.HOME,
                                                "--root", root, "--config", config, "--log-level", "warning"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NOTIFY_SOCKET": ""})
            try:
                answered = set()
                for start in range(0, requests, 100):
                    ids = {f"r{i}" for i in range(start, min(start + 100, requests))}
                    for identifier in ids:
                        client.write(f"{measure.HOME}/data/host/{identifier}".encode(), measure.request())
                    for path, _ in monitor.wait():
                        name = path.decode().rsplit("/", 1)[-1]
                        if name in ids and client.exists(path):
                            answered.add(name)
                        if ids <= answered:
                            break
                    if start == 0 and on_first_batch:
                        on_first_batch(agent.pid)
            finally:
                agent.terminate()
                agent.wait()
    finally:
        xenstore.stop()


def executed_under_valgrind(binary, requests, directory):
    os.makedirs(directory)
    # valgrind cannot read the compressed .dbg file: it profiles a copy without it.
    copy = os.path.join(directory, "guest-agent")
    shutil.copy2(binary, copy)
    pc_file = os.path.join(directory, "pc.out")
    base = []

    def find_base(pid):
        with open(f"/proc/{pid}/maps") as maps:  # where valgrind mapped the executable for its client
            base.extend(int(f.split()[0].split("-")[0], 16) for f in maps
                        if len(f.split()) > 5 and f.split()[5] == copy and int(f.split()[2], 16) == 0)

    serve(["valgrind", "--tool=exp-bbv", "--bb-out-file=/dev/null", f"--pc-out-file={pc_file}",
           "--log-file=" + os.path.join(directory, "valgrind.log"), copy], copy, requests, directory, find_base)
    methods, order = Methods(binary), []
    with open(pc_file) as blocks:  # lines F:<block>:<address>:…, by address
        for line in blocks:
            parts = line.split(":")
            if len(parts) >= 3 and parts[0] == "F":
                name = methods.at(int(parts[2], 16) - base[0])
                if name and name not in order:
                    order.append(name)
    return order


def faulting_outside(binary, listed, requests, directory):
    """Methods outside `listed` whose code page faults in while the agent serves at full speed."""
    os.makedirs(directory)
    data = os.path.join(directory, "faults.data")
    serve(["perf", "record", "-q", "-e", "page-faults", "-c", "1", "-d", "-o", data, "--", binary], binary, requests, directory)
    events = subprocess.run(["perf", "script", "-i", data, "--show-mmap-events", "-F", "addr"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    base = None
    methods, found = Methods(binary), []
    for line in events:
        if "PERF_RECORD_MMAP" in line and line.rstrip().endswith(binary) and "@ 0 " in line and base is None:
            base = int(line.split("[", 1)[1].split("(", 1)[0], 16)
        elif base is not None and not line.startswith("PERF_RECORD") and line.strip():
            name = methods.at(int(line.split()[-1], 16) - base)
            if name and name not in listed and name not in found:
                found.append(name)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=4, help="at most this many full-speed refinement rounds")
    parser.add_argument("--output", required=True)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="guest-agent-layout-") as directory:
        # Profile a binary laid out without any list, so every name is the compiler's own.
        binary = publish(os.path.join(directory, "plain"), "")
        order = executed_under_valgrind(binary, arguments.requests, os.path.join(directory, "valgrind"))
        print(f"{len(order)} methods executed under valgrind")
        order_file = os.path.join(directory, "order")
        for round_number in range(1, arguments.rounds + 1):
            with open(order_file, "w") as output:
                output.writelines(name + "\n" for name in order)
            binary = publish(os.path.join(directory, "ordered"), order_file)
            added = faulting_outside(binary, set(order), arguments.requests, os.path.join(directory, f"round{round_number}"))
            print(f"round {round_number}: {len(added)} more at full speed: {', '.join(added) or '-'}")
            if not added:
                break
            order.extend(added)
    with open(arguments.output, "w") as output:
        output.writelines(name + "\n" for name in order)
    print(f"{len(order)} methods -> {arguments.output}")


if __name__ == "__main__":
    main()
