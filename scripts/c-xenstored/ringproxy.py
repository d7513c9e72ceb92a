# Bridges unix-socket clients, one at a time, to domain N's ring of a C xenstored run under shim.c:
# the client acts as guest N (xenstore-*, pyxs, the agent). Usage: ringproxy.py DOMID SOCKET SHIMDIR
# The ring is one connection: between clients it is reset with RESET_WATCHES (watches and
# transactions dropped), so each client starts afresh.
import mmap, os, select, socket, struct, sys, time
domid=int(sys.argv[1]); sockpath=sys.argv[2]; d=sys.argv[3]
f=open(f"{d}/ring-{domid}","r+b"); m=mmap.mmap(f.fileno(), 4096)
ev=os.open(f"{d}/evtchn", os.O_RDWR|os.O_NONBLOCK)
port=100+domid
def idx(o): return struct.unpack_from("<I", m, o)[0]
def setidx(o,v): struct.pack_into("<I", m, o, v & 0xffffffff)
REQ_CONS, REQ_PROD, RSP_CONS, RSP_PROD = 2048, 2052, 2056, 2060
def kick(): os.write(ev, struct.pack("<I", port))
def send(data):
    while data:
        cons, prod = idx(REQ_CONS), idx(REQ_PROD)
        room = 1024 - ((prod - cons) & 0xffffffff)
        if room == 0: kick(); time.sleep(0.001); continue
        start = prod & 1023
        n = min(room, len(data), 1024 - start)
        m[start:start+n] = data[:n]
        setidx(REQ_PROD, prod + n); data = data[n:]
    kick()
def recv():
    cons, prod = idx(RSP_CONS), idx(RSP_PROD)
    out=b""
    while cons != prod:
        start = cons & 1023; n = min((prod - cons) & 0xffffffff, 1024 - start)
        out += m[1024+start:1024+start+n]; cons += n
    if out: setidx(RSP_CONS, cons); kick()
    return out
# drain any stale output
recv()
srv=socket.socket(socket.AF_UNIX); 
try: os.unlink(sockpath)
except FileNotFoundError: pass
srv.bind(sockpath); srv.listen(8)
while True:
    c,_=srv.accept()
    c.setblocking(False)
    while True:
        r,_,_=select.select([c],[],[],0.001)
        if r:
            try: data=c.recv(65536)
            except BlockingIOError: data=None
            if data == b"": break
            if data: send(data)
        out=recv()
        if out:
            c.setblocking(True); c.sendall(out); c.setblocking(False)
    c.close()
    # the ring connection stays: reset watches and transactions, as a new client expects a fresh one
    send(struct.pack("<IIII", 21, 0xfffffff0, 0, 0))
    # Drop what the ring still holds for the old client (events fired after it stopped reading),
    # message by message, up to the reset's reply: never pass any of it on to the next client.
    t=time.time()
    buf=b""; done=False
    while not done and time.time()-t < 60:
        buf+=recv()
        while len(buf)>=16 and len(buf)>=16+struct.unpack_from("<I",buf,12)[0]:
            rid=struct.unpack_from("<I",buf,4)[0]
            buf=buf[16+struct.unpack_from("<I",buf,12)[0]:]
            if rid==0xfffffff0: done=True; break
        if not done: time.sleep(0.001)
