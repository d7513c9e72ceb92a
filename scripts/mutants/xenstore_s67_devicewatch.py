# Session 67: a WATCH xenstored refuses through the guest's /dev/xen/xenbus. The kernel handles WATCH
# itself (xenbus_write_watch -> register_xenbus_watch) and fails the write(2) with the errno of
# xenstored's error instead of queuing an ERROR reply; the client reads that as xenstored's answer
# (DeviceWatchRefusal: WATCH only, xenstored's errno table but EIO), answers the request with it as an
# ERROR reply would, on a connection that stays, and the exchange polls on it instead of reconnecting.
# Killed by DeviceWatchRefusalTests (ENOSPC, E2BIG, EACCES, EINVAL refused and the connection kept;
# EIO on a WATCH and EACCES on a READ lost connections) and RefusedDeviceWatchTests (the exchange polls
# on its one connection). The tests substitute the transport's write(2) (KernelDeviceWrites) in front
# of a pty bridged to the embedded server's device emulation: a pty cannot fail a write with an errno.
# Left out: the retiring token in XenStoreConnection.Refused (only an UNWATCH has one, and the device
# never fails an UNWATCH's write: the kernel answers it OK itself), and DeviceTransport.WriteMessage's
# EINTR and short-write loop (the seam keeps FileStream's whole-message write; no pty here writes short).
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_s67_devicewatch.py
# Outcome (session 67): 7 of 7 killed (1-3, 6 by DeviceWatchRefusalTests; 4, 5, 7 by both classes).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*.DeviceWatchRefusalTests", "-class", "*.RefusedDeviceWatchTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
W = "src/Agent/XenStore/Transports/DeviceWatchRefusal.cs"
D = "src/Agent/XenStore/Transports/DeviceTransport.cs"
C = "src/Agent/XenStore/Client/XenStoreConnection.cs"
MUTANTS = [
    (W, "XenStoreHeader.Read(message).Type == XenStoreMessageType.Watch", "true", "expr",
     "any request's failed write read as xenstored's answer (a READ's EACCES kept the connection)"),
    (W, "errno", "errno == 5 ? 22 : errno", "expr",
     "EIO on a WATCH read as xenstored's refusal, not as a device gone", "Names.TryGetValue(errno, out"),
    (W, "XenStoreErrors.NoSpace", "XenStoreErrors.Quota", "expr",
     "ENOSPC named as another error (oxenstored's EQUOTA)"),
    (D, "DeviceWatchRefusal.Of(message.Span, errno)", "null", "expr",
     "the defect: a refused WATCH's failed write taken for a lost connection"),
    (C, "Refused(pending, refused.ErrorName);", "Fail(new XenStoreConnectionException(refused.Message, refused));", "stmt",
     "the connection given up on the transport's refusal"),
    (C, "!_pending.Remove(pending)", "!_pending.Contains(pending)", "expr",
     "the refused request left pending, waiting for a reply that never comes"),
    (C, "new XenStoreReply(XenStoreMessageType.Error, XenStorePayload.Strings(errorName))", "new XenStoreReply(XenStoreMessageType.Watch, XenStorePayload.Strings(\"OK\"))", "expr",
     "the refused WATCH answered as set"),
]
