// A stand-in for the hypervisor interfaces C xenstored 4.17 uses (libxenctrl, libxenevtchn,
// libxengnttab and /proc/xen/xsd_*), so the real daemon runs on a host without Xen, for
// development only (see README.md). LD_PRELOADed with shim.map, which gives each function the
// symbol version xenstored asks for.
//
// Environment: XS_SHIM_DIR, a directory holding xsd_port ("1"), xsd_kva (4096 zero bytes), the
// FIFO evtchn and, per introduced domain N, the ring page ring-N (created here); XS_SHIM_DOMAINS,
// the domain ids besides 0 that exist ("7" or "7,9").
//
// Event channels: a domain's ring is port 100 + domid. xenstored polls evtchn's read end; whoever
// writes a 4-byte port number there wakes it, and it then looks at every ring. Its own
// notifications go nowhere: a client polls the response ring.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int dummy;
static int evfd = -1;
static int nextport = 10;

static const char *shim_dir(void) { const char *d = getenv("XS_SHIM_DIR"); return d ? d : "."; }

void *xc_interface_open(void *logger, void *dombuild_logger, unsigned flags) { return &dummy; }
int xc_interface_close(void *xch) { return 0; }

static int exists(uint32_t domid) {
    if (domid == 0) return 1;
    const char *list = getenv("XS_SHIM_DOMAINS");
    if (!list) return 0;
    char all[256], want[32];
    snprintf(all, sizeof all, ",%s,", list);
    snprintf(want, sizeof want, ",%u,", domid);
    return strstr(all, want) != NULL;
}

// xc_dominfo_t starts with domid, ssidref and the flag bits (dying, shutdown...): all clear.
int xc_domain_getinfo(void *xch, uint32_t first, unsigned max, void *info) {
    for (uint32_t d = first; d < first + 64 && d < 0x7ff0; d++) {
        if (exists(d)) { memset(info, 0, 16); *(uint32_t *)info = d; return 1; }
    }
    return 0;
}

void *xenevtchn_open(void *logger, unsigned flags) { return &dummy; }
void *xenevtchn_fdopen(void *logger, int fd, unsigned flags) { return &dummy; }
int xenevtchn_fd(void *xce) {
    if (evfd < 0) {
        char path[512];
        snprintf(path, sizeof path, "%s/evtchn", shim_dir());
        evfd = open(path, O_RDWR | O_NONBLOCK);
    }
    return evfd;
}
int xenevtchn_bind_virq(void *xce, unsigned virq) { return nextport++; }
int xenevtchn_bind_interdomain(void *xce, uint32_t domid, unsigned remote) { return 100 + domid; }
int xenevtchn_notify(void *xce, unsigned port) { return 0; }
int xenevtchn_pending(void *xce) { uint32_t port; return read(xenevtchn_fd(xce), &port, 4) == 4 ? (int)port : -1; }
int xenevtchn_unmask(void *xce, unsigned port) { return 0; }
int xenevtchn_unbind(void *xce, unsigned port) { return 0; }

void *xengnttab_open(void *logger, unsigned flags) { return &dummy; }
int xengnttab_close(void *xgt) { return 0; }
int xengnttab_set_max_grants(void *xgt, uint32_t count) { return 0; }
void *xengnttab_map_grant_ref(void *xgt, uint32_t domid, uint32_t ref, int prot) {
    char path[512];
    snprintf(path, sizeof path, "%s/ring-%u", shim_dir(), domid);
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    if (fd < 0) return NULL;
    if (ftruncate(fd, 4096) != 0) { close(fd); return NULL; }
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}
int xengnttab_unmap(void *xgt, void *start, uint32_t count) { return 0; }

// dom0's own ring: xenstored reads its port from /proc/xen/xsd_port and maps /proc/xen/xsd_kva.
static const char *redirect(const char *path) {
    static char buf[512];
    if (!strcmp(path, "/proc/xen/xsd_port")) { snprintf(buf, sizeof buf, "%s/xsd_port", shim_dir()); return buf; }
    if (!strcmp(path, "/proc/xen/xsd_kva")) { snprintf(buf, sizeof buf, "%s/xsd_kva", shim_dir()); return buf; }
    return path;
}
int open(const char *path, int flags, ...) {
    static int (*real)(const char *, int, ...);
    if (!real) real = dlsym(RTLD_NEXT, "open");
    va_list ap; va_start(ap, flags); int mode = va_arg(ap, int); va_end(ap);
    return real(redirect(path), flags, mode);
}
int open64(const char *path, int flags, ...) {
    static int (*real)(const char *, int, ...);
    if (!real) real = dlsym(RTLD_NEXT, "open64");
    va_list ap; va_start(ap, flags); int mode = va_arg(ap, int); va_end(ap);
    return real(redirect(path), flags, mode);
}
