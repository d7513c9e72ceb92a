#!/usr/bin/python3
"""Whole-process benchmarks of the guest-agent daemon, side by side with the QEMU guest agent.

Measures, for each agent: binary size, time from process start to the first answered request,
resident memory after N requests, and request throughput. guest-agent serves Nova's protocol over
our embedded XenStore (`guest-agent xenstored`), driven with pyxs; qemu-ga answers guest-ping on a
unix socket. Run through measure.sh, which publishes the NativeAOT binary first.
"""
import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

import pyxs

HOME = "/local/domain/5"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def memory_breakdown(pid):
    """Resident KiB of the process by mapping (`/proc/PID/smaps`): each file, [heap], [stack], anonymous.

    An anonymous mapping right after a file's is that file's .bss (for a NativeAOT binary also its
    .hydrated section, the runtime data unpacked at start); it is counted as such."""
    totals = {}
    current = None
    previous_end, previous_path = None, None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            fields = line.split()
            if not fields[0].endswith(":"):  # a mapping header: address perms offset dev inode [path]
                start, end = (int(address, 16) for address in fields[0].split("-"))
                path = fields[5] if len(fields) > 5 else "[anonymous]"
                if path == "[anonymous]" and start == previous_end and previous_path and previous_path.startswith("/"):
                    path = previous_path + " (.bss)"
                current = "[anonymous]" if path.startswith("[anon:") else path
                previous_end, previous_path = end, path
            elif fields[0] == "Rss:":
                totals[current] = totals.get(current, 0) + int(fields[1])
    threads = len(os.listdir(f"/proc/{pid}/task"))
    return {"threads": threads, "mappings": totals}


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.001)
    raise TimeoutError("condition not met in time")


def connectable(path):
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.connect(path)
        return True
    except OSError:
        return False


class XenStore:
    """`guest-agent xenstored` on a temporary socket, with the guest domain created."""

    def __init__(self, binary, directory):
        self.socket = os.path.join(directory, "xs.sock")
        self.process = subprocess.Popen([binary, "xenstored", "--socket", self.socket, "--guest-domid", "5"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: connectable(self.socket))

    def client(self):
        return pyxs.Client(unix_socket_path=self.socket)

    def stop(self):
        self.process.terminate()
        self.process.wait()


def request(name="version"):
    return json.dumps({"name": name, "value": "agent"}).encode()


def measure_guest_agent(binary, requests, batch):
    with tempfile.TemporaryDirectory(prefix="guest-agent-bench-") as directory:
        xenstore = XenStore(binary, directory)
        root = os.path.join(directory, "root")
        os.makedirs(root)
        config = os.path.join(directory, "agent.json")
        with open(config, "w") as handle:
            handle.write("{}")
        try:
            with xenstore.client() as client, client.monitor() as monitor:
                client.write(f"{HOME}/data/host/first".encode(), request())
                monitor.watch(f"{HOME}/data/guest".encode(), b"bench")
                answered = set()

                def wait_answers(ids):
                    for path, _ in monitor.wait():
                        name = path.decode().rsplit("/", 1)[-1]
                        if name in ids and client.exists(path):
                            answered.add(name)
                        if ids <= answered:
                            return

                started = time.perf_counter()
                agent = subprocess.Popen([binary, "run", "--xenstore", xenstore.socket, "--domain-path", HOME,
                                          "--root", root, "--config", config, "--log-level", "warning"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         env={**os.environ, "NOTIFY_SOCKET": ""})
                wait_answers({"first"})
                first_answer = time.perf_counter() - started

                served = time.perf_counter()
                for start in range(0, requests, batch):
                    ids = {f"r{i}" for i in range(start, min(start + batch, requests))}
                    for identifier in ids:
                        client.write(f"{HOME}/data/host/{identifier}".encode(), request())
                    wait_answers(ids)
                elapsed = time.perf_counter() - served
                memory = rss_kib(agent.pid)
                breakdown = memory_breakdown(agent.pid)
                agent.terminate()
                agent.wait()
                return first_answer, memory, requests / elapsed, breakdown
        finally:
            xenstore.stop()


def measure_qemu_ga(requests):
    with tempfile.TemporaryDirectory(prefix="qemu-ga-bench-") as directory:
        path = os.path.join(directory, "qga.sock")
        started = time.perf_counter()
        agent = subprocess.Popen(["qemu-ga", "-m", "unix-listen", "-p", path, "-t", directory],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            conversation = None
            while conversation is None:
                try:
                    conversation = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    conversation.connect(path)
                except OSError:
                    conversation.close()
                    conversation = None
                    time.sleep(0.0005)
            reader = conversation.makefile("rb")

            def ping():
                conversation.sendall(b'{"execute":"guest-ping"}\n')
                reply = json.loads(reader.readline())
                assert reply == {"return": {}}, reply

            ping()
            first_answer = time.perf_counter() - started
            served = time.perf_counter()
            for _ in range(requests):
                ping()
            elapsed = time.perf_counter() - served
            memory = rss_kib(agent.pid)
            breakdown = memory_breakdown(agent.pid)
            conversation.close()
            return first_answer, memory, requests / elapsed, breakdown
        finally:
            agent.terminate()
            agent.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--breakdown", action="store_true",
                        help="also print where the last run's resident memory went, by mapping")
    arguments = parser.parse_args()

    qemu_ga = shutil.which("qemu-ga") or "/usr/sbin/qemu-ga"
    results = {}
    for label, measure in (("guest-agent", lambda: measure_guest_agent(arguments.binary, arguments.requests, arguments.batch)),
                           ("qemu-ga", lambda: measure_qemu_ga(arguments.requests))):
        runs = [measure() for _ in range(arguments.runs)]
        results[label] = {
            "first": statistics.median(r[0] for r in runs) * 1000,
            "first_max": max(r[0] for r in runs) * 1000,
            "rss": statistics.median(r[1] for r in runs) / 1024,
            "rate": statistics.median(r[2] for r in runs),
            "breakdown": runs[-1][3],
        }
    sizes = {"guest-agent": os.path.getsize(arguments.binary) / 1024 / 1024, "qemu-ga": os.path.getsize(qemu_ga) / 1024 / 1024}
    qemu_version = subprocess.run([qemu_ga, "--version"], capture_output=True, text=True).stdout.strip()

    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs ({cpu_model()}), kernel {platform.release()}; {qemu_version}")
    print(f"{arguments.runs} runs each, medians; {arguments.requests} requests per run"
          f" (guest-agent: `version` written with pyxs in batches of {arguments.batch}; qemu-ga: sequential guest-ping).")
    print()
    print("| | binary | first answer after start (median / worst) | RSS after requests | requests/s |")
    print("|---|---|---|---|---|")
    for label in ("guest-agent", "qemu-ga"):
        r = results[label]
        print(f"| {label} | {sizes[label]:.1f} MB | {r['first']:.1f} ms / {r['first_max']:.1f} ms | {r['rss']:.1f} MB | {r['rate']:.0f} |")
    print()
    print(f"RSS ratio guest-agent / qemu-ga: {results['guest-agent']['rss'] / results['qemu-ga']['rss']:.2f}")
    if arguments.breakdown:
        for label in ("guest-agent", "qemu-ga"):
            print_breakdown(label, results[label]["breakdown"])


def print_breakdown(label, breakdown):
    print()
    print(f"{label} (last run): {breakdown['threads']} threads; resident memory by mapping:")
    print("| mapping | RSS |")
    print("|---|---|")
    mappings = sorted(breakdown["mappings"].items(), key=lambda item: -item[1])
    shown = [(os.path.basename(path) if path.startswith("/") else path, kib) for path, kib in mappings if kib >= 64]
    others = sum(kib for _, kib in mappings if kib < 64)
    for name, kib in shown + [("others (< 64 KB each)", others)]:
        print(f"| {name} | {kib / 1024:.2f} MB |")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    main()
