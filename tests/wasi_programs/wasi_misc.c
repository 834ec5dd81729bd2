/* Raw WASI calls outside the file system: args, environ, clocks, random, poll, sockets. */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

int32_t raw_proc_raise(int32_t sig) __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("proc_raise")));
#define T(label, expr) printf("%-40s %d\n", label, (int)(expr))

int main(void) {
    __wasi_size_t argc, argsz, envc, envsz;
    T("args_sizes_get", __wasi_args_sizes_get(&argc, &argsz)); printf("  argc=%u size=%u\n", (unsigned)argc, (unsigned)argsz);
    T("environ_sizes_get", __wasi_environ_sizes_get(&envc, &envsz)); printf("  envc=%u size=%u\n", (unsigned)envc, (unsigned)envsz);
    {
        uint8_t *argv[8], buf[256];
        T("args_get", __wasi_args_get(argv, buf));
        for (unsigned i = 0; i < argc && i < 8; i++) printf("  argv[%u]=%s\n", i, (char *)argv[i]);
        uint8_t *envp[8];
        T("environ_get", __wasi_environ_get(envp, buf));
        for (unsigned i = 0; i < envc && i < 8; i++) printf("  env[%u]=%s\n", i, (char *)envp[i]);
    }
    __wasi_timestamp_t t1, t2, res;
    for (int c = 0; c < 4; c++) {
        int e = __wasi_clock_res_get(c, &res);
        printf("%-40s %d %s\n", "clock_res_get", e, e == 0 && res > 0 ? "positive" : "");
        e = __wasi_clock_time_get(c, 1, &t1);
        printf("%-40s %d %s\n", "clock_time_get", e, e == 0 && t1 > 0 ? "positive" : "");
    }
    T("monotonic twice", __wasi_clock_time_get(1, 1, &t2)); printf("  %s\n", t2 >= t1 ? "ordered" : "BACKWARDS");
    T("random_get", __wasi_random_get((uint8_t *)&t1, 8));
    T("random_get 0", __wasi_random_get((uint8_t *)&t1, 0));
    T("sched_yield", __wasi_sched_yield());
    /* poll_oneoff */
    __wasi_subscription_t subs[3];
    __wasi_event_t evs[3];
    __wasi_size_t nev = 99;
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 11;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 1000000;
    T("poll clock", __wasi_poll_oneoff(subs, evs, 1, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    subs[0].u.u.clock.id = __WASI_CLOCKID_REALTIME;
    subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    __wasi_clock_time_get(0, 1, &t1);
    subs[0].u.u.clock.timeout = t1 + 1000000;
    T("poll abs clock", __wasi_poll_oneoff(subs, evs, 1, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    subs[0].u.u.clock.flags = 0;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 10000000000ULL;
    subs[1].userdata = 22;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    subs[1].u.u.fd_write.file_descriptor = 1;
    T("poll stdout write + long clock", __wasi_poll_oneoff(subs, evs, 2, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    subs[1].u.u.fd_write.file_descriptor = 99;
    T("poll bad fd", __wasi_poll_oneoff(subs, evs, 2, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[1].u.u.fd_read.file_descriptor = 0;
    T("poll stdin read", __wasi_poll_oneoff(subs, evs, 2, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    subs[1].u.u.fd_read.file_descriptor = 3;
    T("poll dir read", __wasi_poll_oneoff(subs, evs, 2, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    T("poll zero subs", __wasi_poll_oneoff(subs, evs, 0, &nev));
    subs[0].u.u.clock.id = 9;
    T("poll bad clock", __wasi_poll_oneoff(subs, evs, 1, &nev)); printf("  n=%u ud=%llu err=%d type=%d\n", (unsigned)nev, evs[0].userdata, evs[0].error, evs[0].type);
    /* sockets: no socket exists, so every call fails */
    char b[8];
    __wasi_iovec_t iov = {(uint8_t *)b, sizeof b};
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    __wasi_roflags_t rof;
    __wasi_fd_t nfd;
    int fds[] = {0, 1, 3, 99};
    for (int i = 0; i < 4; i++) {
        int fd = fds[i];
        printf("fd %d\n", fd);
        T("  sock_accept", __wasi_sock_accept(fd, 0, &nfd));
        T("  sock_recv", __wasi_sock_recv(fd, &iov, 1, 0, &n, &rof));
        T("  sock_send", __wasi_sock_send(fd, &ciov, 1, 0, &n));
        T("  sock_shutdown", __wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR));
    }
    T("proc_raise", raw_proc_raise(15));
    fflush(stdout);
    __wasi_proc_exit(7);
}
