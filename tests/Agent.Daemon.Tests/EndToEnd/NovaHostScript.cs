using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// Nova's side of the protocol as a Python program, written for these tests from
/// nova-agent-protocol.md §1.3–§4 (Nova's <c>_call_agent</c>, <c>is_upgrade_required</c> and
/// <c>SimpleDH</c>; the dom0 plugin's <c>write_record</c>, <c>read_record</c>, <c>_wait_for_agent</c> and
/// <c>_get_agent_features</c>), with the pieces a nova-compute host really uses: Python's
/// <c>json.dumps</c>/<c>json.loads</c> (default separators, <c>ensure_ascii</c>), distutils'
/// <c>LooseVersion</c>, the <c>xenstore-write/-read/-exists/-rm</c> CLIs and the <c>openssl</c> CLI.
/// Run as <c>python3 -c Text HOME SCENARIO [ARG…]</c> with <c>XENSTORED_PATH</c> set; it prints one
/// line per step and exits non-zero (with Python's traceback) where Nova would fail.
/// </summary>
internal static class NovaHostScript
{
    /// <summary>
    /// Runs a scenario as dom0 on <paramref name="dom0Socket"/> against the guest whose home is
    /// <paramref name="home"/>; returns its lines, or fails the test with Python's traceback.
    /// </summary>
    public static async Task<string[]> RunAsync(string dom0Socket, string home, params string[] scenario)
    {
        var python = ExternalTool.Require("python3", "python3");
        ExternalTool.Require("openssl", "openssl");
        // A safety net only, as the script's own waits: a scenario is several round trips on a machine
        // whose speed no outcome may depend on.
        var result = await ExternalTool.RunAsync(python, ["-c", Text, home, .. scenario], environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = dom0Socket }, timeout: TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, $"Nova's side failed ({result.ExitCode}): {result.StandardError}\n{result.StandardOutput}");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public const string Text = """
        import base64, json, os, subprocess, sys, time, uuid, warnings
        warnings.simplefilter("ignore")
        try:
            from distutils.version import LooseVersion
        except ImportError:
            from setuptools._distutils.version import LooseVersion

        HOME, SCENARIO, ARGS = sys.argv[1], sys.argv[2], sys.argv[3:]
        PRIME, BASE = 162259276829213363391578010288127, 5

        class AgentError(Exception):
            pass

        def run(*command, data=None):
            return subprocess.run(command, input=data, capture_output=True)

        def write_record(path, value):
            # The xenstore.py plugin: the plain CLI, which un-escapes its argument.
            result = run("xenstore-write", HOME + "/" + path, value)
            if result.returncode:
                raise RuntimeError("xenstore-write: %r" % result.stderr)

        def read_record(path):
            # read_record(ignore_missing_path=True), then @jsonify: a missing node is "None",
            # a value that is not JSON is wrapped as a JSON string.
            result = run("xenstore-read", HOME + "/" + path)
            if result.returncode and run("xenstore-exists", HOME + "/" + path).returncode == 0:
                # The answer was written between the two looks: read it again, as the plugin does.
                result = run("xenstore-read", HOME + "/" + path)
                if result.returncode:
                    raise RuntimeError("xenstore-read: %r" % result.stderr)
            value = "None" if result.returncode else result.stdout.decode("ascii").strip()
            try:
                json.loads(value)
            except ValueError:
                value = json.dumps(value)
            return value

        # Nova's waits (30 s, 60 s for resetnetwork) are a host's, not a test's: on a slow, shared CI machine no
        # outcome may depend on its speed (AGENTS.md), so each wait here is only a safety net against a hang.
        # The agent's own budgets inside Nova's waits are pinned by its deadline tests (nova-compliance.md).
        SAFETY_NET = 180

        def wait_for_agent(request_id, timeout):
            timeout = max(timeout, SAFETY_NET)
            start = time.time()
            while time.time() - start < timeout:
                ret = read_record("data/guest/" + request_id)
                if ret != '"None"':
                    return ret
                time.sleep(.5)
                if run("xenstore-exists", HOME + "/name").returncode:
                    raise RuntimeError("REBOOT: dom_id no longer present")
            run("xenstore-rm", HOME + "/data/host/" + request_id)
            raise RuntimeError("TIMEOUT: No response from agent within %s seconds." % timeout)

        def send(request, timeout=30):
            request_id = str(uuid.uuid4())
            write_record("data/host/" + request_id, json.dumps(request))
            return request_id

        def nova_reads(ret, success_codes=("0",)):
            # Nova's _call_agent after the plugin returned.
            ret = json.loads(ret)
            if ret["returncode"] not in success_codes:
                raise AgentError("%s: %s" % (ret["returncode"], ret["message"]))
            return ret["message"].replace("\\r\\n", "")

        def call(name, value, success_codes=("0",), timeout=30):
            return nova_reads(wait_for_agent(send({"name": name, "value": value}), timeout), success_codes)

        def features():
            response = json.loads(wait_for_agent(send({"name": "features", "value": ""}), 30))
            if response["returncode"] != 0:
                return response["message"].split(",")
            return {}

        def inject_file(path, contents):
            b64_path = base64.b64encode(path.encode()).decode()
            b64_contents = base64.b64encode(contents).decode()
            offered = features()
            if "file_inject" in offered:
                request = {"name": "file_inject", "value": {"b64_path": b64_path, "b64_file": b64_contents}}
            elif "injectfile" in offered:
                joined = base64.b64decode(b64_path) + b"," + base64.b64decode(b64_contents)
                request = {"name": "injectfile", "value": base64.b64encode(joined).decode()}
            else:
                raise RuntimeError("NOT IMPLEMENTED: Agent does not support file injection.")
            return request["name"], nova_reads(wait_for_agent(send(request), 30))

        def is_upgrade_required(current, available):
            return LooseVersion(available) > LooseVersion(current)

        def set_admin_password(new_pass):
            private = int.from_bytes(os.urandom(10), "big")
            agent_public = int(call("keyinit", str(pow(BASE, private, PRIME)), success_codes=("D0",)))
            shared = pow(agent_public, private, PRIME)
            result = run("openssl", "aes-128-cbc", "-A", "-a", "-pass", "pass:%s" % shared, "-nosalt",
                         data=(new_pass + "\n").encode())
            if result.returncode:
                raise RuntimeError("OpenSSL error: %r" % result.stderr)
            return call("password", result.stdout.decode().strip("\n"))

        if SCENARIO in ("first-boot", "first-boot-without-network"):
            # _configure_new_instance_with_agent: version, ssh key, files, password, network, update.
            version = call("version", "agent")
            print("version", version)
            print("upgrades", " ".join("%s:%s" % (b, is_upgrade_required(version, b)) for b in ("0.0.1", version, version + ".1", "99")))
            key = ARGS[0].encode()
            print("ssh key", *inject_file("/root/.ssh/authorized_keys",
                                          b"\n# The following ssh key was injected by Nova\n" + key.strip() + b"\n"))
            print("file", *inject_file(ARGS[1], base64.b64decode(ARGS[2])))
            print("password", repr(set_admin_password(ARGS[3])))
            if SCENARIO == "first-boot":
                print("resetnetwork", repr(call("resetnetwork", "", success_codes=("0", "500"), timeout=60)))
        elif SCENARIO == "together":
            # Several requests in data/host before the first answer is read.
            pending = [
                send({"name": "version", "value": "agent"}),
                send({"value": "", "name": "features"}),
                send({"name": "caf\u00e9", "value": "na\u00efve"}),
                send({"name": "keyinit", "value": pow(BASE, 12345, PRIME)}),
            ]
            for request_id in pending:
                ret = json.loads(wait_for_agent(request_id, 30))
                print(ret["returncode"], ret["message"])
        else:
            raise SystemExit("unknown scenario " + SCENARIO)
        """;
}
