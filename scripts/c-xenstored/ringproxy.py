# Bridges unix-socket clients to domain N's ring of a C xenstored run under shim.c: a client acts as
# guest N (xenstore-*, pyxs, the agent). Usage: ringproxy.py DOMID SOCKET SHIMDIR [--device]
#
# Raw (default): one client at a time owns the ring, its bytes passed on as they are (the
# differential tests compare C with the embedded server message by message). Between clients the
# ring is reset with RESET_WATCHES (watches and transactions dropped) and what it still holds for
# the old client is discarded, so each client starts afresh.
#
# --device: every connection is one open() of a guest's /dev/xen/xenbus, multiplexed over the one
# ring as Linux's xenbus driver does (drivers/xen/xenbus/xenbus_dev_frontend.c and xenbus_xs.c, 4.11
# and later), and nothing more:
# - a request goes to the ring under the driver's own req_id; its reply gets the caller's back, and
#   the caller's tx_id. Requests of all connections may be in flight at once.
# - WATCH/UNWATCH the driver handles itself: WATCH registers a ring watch under a token of its own
#   (unique per watch, so the same path and token twice is two watches) and answers "OK" once
#   xenstored did; UNWATCH removes the newest watch of that path and token on this connection (if
#   any: "OK" either way). A body without both strings is answered EINVAL. Events go to the watch's
#   connection only, with the caller's token, its extra strings dropped, req_id and tx_id not set
#   (stack garbage in the driver; JUNK here). Ring events for a removed watch are dropped.
# - a tx_id other than 0 that this connection did not start is answered ENOENT without asking
#   xenstored; TRANSACTION_END's body must be "T" or "F" (else EINVAL). A TRANSACTION_END's reply
#   forgets the transaction (when the connection has none of that id the driver drops the reply).
# - close: once its requests in flight are answered (their replies dropped), the connection's
#   transactions are aborted and its watches removed on the ring.
# Not emulated: where the driver fails the write() itself (a refused WATCH: its errno; a message over
# 4096 bytes with its header: E2BIG), a socket cannot; the refused WATCH is answered with
# xenstored's ERROR reply instead (what DeviceTransport makes of the errno), the long message passed on.
# A ring UNWATCH xenstored refuses the driver only logs: "OK" all the same.
import mmap, os, select, socket, struct, sys, time

domid = int(sys.argv[1]); sockpath = sys.argv[2]; d = sys.argv[3]; device = "--device" in sys.argv[4:]
f = open(f"{d}/ring-{domid}", "r+b"); m = mmap.mmap(f.fileno(), 4096)
ev = os.open(f"{d}/evtchn", os.O_RDWR | os.O_NONBLOCK)
HDR = struct.Struct("<IIII")
WATCH, UNWATCH, TSTART, TEND, EVENT, ERROR, RESET = 4, 5, 6, 7, 15, 16, 21
JUNK = 0xDEADBEEF
REQ_CONS, REQ_PROD, RSP_CONS, RSP_PROD = 2048, 2052, 2056, 2060
def idx(o): return struct.unpack_from("<I", m, o)[0]
def setidx(o, v): struct.pack_into("<I", m, o, v & 0xffffffff)
def kick(): os.write(ev, struct.pack("<I", 100 + domid))
out = bytearray()  # requests not yet on the ring (it holds 1024 bytes)
def pump():
    """Puts what fits of `out` on the ring; returns what xenstored wrote back."""
    cons, prod = idx(REQ_CONS), idx(REQ_PROD)
    room = 1024 - ((prod - cons) & 0xffffffff)
    if out and room:
        start = prod & 1023; n = min(room, len(out), 1024 - start)
        m[start:start + n] = out[:n]; del out[:n]
        setidx(REQ_PROD, prod + n); kick()
    cons, prod = idx(RSP_CONS), idx(RSP_PROD)
    got = b""
    while cons != prod:
        start = cons & 1023; n = min((prod - cons) & 0xffffffff, 1024 - start)
        got += m[1024 + start:1024 + start + n]; cons += n
    if got: setidx(RSP_CONS, cons); kick()
    return got
def complete(buf): return len(buf) >= 16 and len(buf) >= 16 + HDR.unpack_from(buf)[3]
def messages(buf):
    """Takes the complete messages off the front of `buf`: (type, req_id, tx_id, body)."""
    while complete(buf):
        t, r, x, n = HDR.unpack_from(buf); body = bytes(buf[16:16 + n]); del buf[:16 + n]
        yield t, r, x, body
pump()  # drop stale output
srv = socket.socket(socket.AF_UNIX)
try: os.unlink(sockpath)
except FileNotFoundError: pass
srv.bind(sockpath); srv.listen(16)

def serve_raw():
    while True:
        c, _ = srv.accept(); c.setblocking(False)
        while True:
            r, _, _ = select.select([c], [], [], 0.001)
            if r:
                try: data = c.recv(65536)
                except BlockingIOError: data = None
                if data == b"": break
                if data: out.extend(data)
            got = pump()
            if got: c.setblocking(True); c.sendall(got); c.setblocking(False)
        c.close()
        out.clear(); out.extend(HDR.pack(RESET, 0xfffffff0, 0, 0))
        t = time.time(); buf = bytearray(); done = False
        while not done and time.time() - t < 60:
            buf += pump()
            done = any(r == 0xfffffff0 for _, r, _, _ in messages(buf))
            if not done: time.sleep(0.001)

class Opener:
    """One open() of the device: its own watches, transactions and read queue."""
    def __init__(self, sock):
        self.sock = sock; self.inbuf = bytearray(); self.outbuf = bytearray()
        self.watches = []       # [ring token, path, caller's token], newest first (the driver's list_add)
        self.transactions = []  # ids; 0 while a TRANSACTION_START waits for its reply
        self.in_flight = 0; self.busy = False; self.closed = False
    def reply(self, t, r, x, body):
        if not self.closed: self.outbuf += HDR.pack(t, r, x, len(body)) + body

requests = {}  # ring req_id -> (opener or None, on reply)
ring_watches = {}  # ring token -> (opener, adapter)
counters = {"req": 0, "watch": 0}
def to_ring(o, t, x, body, done):
    counters["req"] = r = (counters["req"] + 1) & 0xffffffff
    requests[r] = (o, done); out.extend(HDR.pack(t, r, x, len(body)) + body)
    if o: o.in_flight += 1
def release(o):
    for x in o.transactions: to_ring(None, TEND, x, b"F\0", lambda t, b: None)
    for ktoken, path, _ in o.watches:
        ring_watches.pop(ktoken, None)
        to_ring(None, UNWATCH, 0, path + b"\0" + ktoken + b"\0", lambda t, b: None)
    o.watches = []; o.transactions = []

def request(o, t, r, x, body):
    if t in (WATCH, UNWATCH):
        parts = body.split(b"\0")
        if len(parts) < 3: return o.reply(ERROR, r, x, b"EINVAL\0")
        path, token = parts[0], parts[1]
        def answered(rt, rb):
            o.busy = False
            if t == WATCH and rt == ERROR: ring_watches.pop(ktoken, None); o.reply(ERROR, r, x, rb)
            else:
                if t == WATCH: o.watches.insert(0, adapter)
                o.reply(t, r, x, b"OK\0")
        if t == WATCH:
            counters["watch"] += 1; ktoken = b"FFFF8880%08X" % counters["watch"]
            adapter = [ktoken, path, token]; ring_watches[ktoken] = (o, adapter)
        else:
            adapter = next((a for a in o.watches if a[1] == path and a[2] == token), None)
            if adapter is None: return o.reply(UNWATCH, r, x, b"OK\0")
            o.watches.remove(adapter); ktoken = adapter[0]; ring_watches.pop(ktoken, None)
        o.busy = True  # the driver's write() returns once xenstored answered: the next waits
        return to_ring(o, t, 0, path + b"\0" + ktoken + b"\0", answered)
    if t == TSTART: o.transactions.append(0)
    elif x != 0 and x not in o.transactions: return o.reply(ERROR, r, x, b"ENOENT\0")
    elif t == TEND and body not in (b"T\0", b"F\0"): return o.reply(ERROR, r, x, b"EINVAL\0")
    def answered(rt, rb):
        if t == TSTART:
            o.transactions.remove(0)
            if rt != ERROR: o.transactions.append(int(rb.rstrip(b"\0")))
        elif t == TEND:
            if x not in o.transactions: return
            o.transactions.remove(x)
        o.reply(rt, r, x, rb)
    to_ring(o, t, x, body, answered)

def serve_device():
    openers = []; ringbuf = bytearray()
    while True:
        live = [o for o in openers if not o.closed]
        r, w, _ = select.select([srv] + [o.sock for o in live], [o.sock for o in live if o.outbuf], [], 0.001)
        if srv in r:
            c, _ = srv.accept(); c.setblocking(False); openers.append(Opener(c))
        for o in live:
            if o.sock in r:
                try: data = o.sock.recv(65536)
                except BlockingIOError: data = None
                except OSError: data = b""
                if data == b"": o.closed = True  # requests it wrote before closing are still handled
                elif data: o.inbuf += data
            if o.sock in w and not o.closed:
                try: del o.outbuf[:o.sock.send(o.outbuf)]
                except BlockingIOError: pass
                except OSError: o.closed = True
        for o in openers:
            while not o.busy and complete(o.inbuf):
                request(o, *next(messages(o.inbuf)))
        ringbuf += pump()
        for t, rid, x, body in messages(ringbuf):
            if t == EVENT:
                parts = body.split(b"\0")
                o, adapter = ring_watches.get(parts[1] if len(parts) > 1 else b"", (None, None))
                if o: o.reply(EVENT, JUNK, JUNK, parts[0] + b"\0" + adapter[2] + b"\0")
                continue
            o, done = requests.pop(rid, (None, None))
            if done: done(t, body)
            if o: o.in_flight -= 1
        for o in [o for o in openers if o.closed and o.in_flight == 0 and not o.busy and not complete(o.inbuf)]:
            release(o); o.sock.close(); openers.remove(o)

serve_device() if device else serve_raw()
