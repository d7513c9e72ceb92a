#!/usr/bin/python3
"""Lists the managed methods `guest-agent run` executes, in first-execution order, for IlcOrderFile.

NativeAOT lays methods out in an order unrelated to their use, so the few hundred KB the agent runs
are spread over its whole code section, and the kernel maps every page (and large folio) that holds
one of them. Given this list, the compiler places those methods first and together. The agent runs
under valgrind's exp-bbv tool, which records every basic block executed; each block is mapped to
its method with the symbols of the binary's .dbg file. Run through profile-layout.sh.
"""
import argparse
import bisect
import os
import shutil
import subprocess
import tempfile
import time

import measure


def sections(binary):
    found = {}
    for line in subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout.splitlines():
        fields = line.split("]", 1)[-1].split()
        if len(fields) >= 5 and fields[0].startswith(("__managedcode", ".text")):
            found[fields[0]] = (int(fields[2], 16), int(fields[4], 16))
    return found


def functions(debug_file):
    symbols = []
    for line in subprocess.run(["nm", "-S", "--defined-only", debug_file], capture_output=True, text=True, check=True).stdout.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in "tT":
            symbols.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
    symbols.sort()
    return symbols


def load_base(pid, binary):
    """Where valgrind mapped the executable in its client's address space."""
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) > 5 and fields[5] == binary and int(fields[2], 16) == 0:
                return int(fields[0].split("-")[0], 16)
    raise RuntimeError(f"{binary} is not mapped in process {pid}")


def profile(binary, requests, directory):
    """Runs `guest-agent run` under valgrind for `requests` version requests; returns (pc file, load base)."""
    pc_file = os.path.join(directory, "pc.out")
    xenstore = measure.XenStore(binary, directory)
    root = os.path.join(directory, "root")
    os.makedirs(root)
    config = os.path.join(directory, "agent.json")
    with open(config, "w") as handle:
        handle.write("{}")
    try:
        with xenstore.client() as client, client.monitor() as monitor:
            monitor.watch(f"{measure.HOME}/data/guest".encode(), b"profile")
            agent = subprocess.Popen(["valgrind", "--tool=exp-bbv", "--bb-out-file=/dev/null", f"--pc-out-file={pc_file}",
                                      "--log-file=" + os.path.join(directory, "valgrind.log"),
                                      binary, "run", "--xenstore", xenstore.socket, "--domain-path", measure.HOME,
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
                    if start == 0:
                        base = load_base(agent.pid, binary)
            finally:
                agent.terminate()
                agent.wait()
    finally:
        xenstore.stop()
    return pc_file, base


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, help="published guest-agent, with its .dbg file beside it")
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--output", required=True)
    arguments = parser.parse_args()

    managed_start, managed_size = sections(arguments.binary)["__managedcode"]
    symbols = functions(arguments.binary + ".dbg")
    starts = [symbol[0] for symbol in symbols]
    with tempfile.TemporaryDirectory(prefix="guest-agent-layout-") as directory:
        # valgrind cannot read the compressed .dbg file: profile a copy without it, map with nm.
        binary = os.path.join(directory, "guest-agent")
        shutil.copy2(arguments.binary, binary)
        started = time.monotonic()
        pc_file, base = profile(binary, arguments.requests, directory)
        order, seen = [], set()
        with open(pc_file) as blocks:
            for line in blocks:
                parts = line.split(":")
                if len(parts) < 3 or parts[0] != "F":
                    continue
                address = int(parts[2], 16) - base
                if not managed_start <= address < managed_start + managed_size:
                    continue
                index = bisect.bisect_right(starts, address) - 1
                start, size, name = symbols[index]
                if start <= address < start + max(size, 1) and name not in seen:
                    seen.add(name)
                    order.append(name)
    with open(arguments.output, "w") as output:
        output.writelines(name + "\n" for name in order)
    print(f"{len(order)} methods executed ({time.monotonic() - started:.0f} s under valgrind) -> {arguments.output}")


if __name__ == "__main__":
    main()
