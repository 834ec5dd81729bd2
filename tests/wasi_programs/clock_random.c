/* Clocks, sleep (poll_oneoff) and random: print only facts that are deterministic. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t id) {
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return -1;
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
    long long m1 = ns(CLOCK_MONOTONIC);
    long long m2 = ns(CLOCK_MONOTONIC);
    printf("monotonic non-decreasing: %s\n", m2 >= m1 ? "yes" : "no");
    printf("realtime after 2020: %s\n", ns(CLOCK_REALTIME) > 1577836800LL * 1000000000LL ? "yes" : "no");
    struct timespec res;
    printf("monotonic resolution positive: %s\n",
           clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0) ? "yes" : "no");
    struct timespec nap = {0, 2000000}; /* 2 ms */
    long long before = ns(CLOCK_MONOTONIC);
    int rc = nanosleep(&nap, NULL);
    long long slept = ns(CLOCK_MONOTONIC) - before;
    printf("nanosleep rc=%d, slept at least 2ms: %s\n", rc, slept >= 2000000 ? "yes" : "no");
    unsigned char buf[64], buf2[64];
    memset(buf, 0, sizeof buf);
    memset(buf2, 0, sizeof buf2);
    int r1 = getentropy(buf, sizeof buf);
    int r2 = getentropy(buf2, sizeof buf2);
    int nonzero = 0;
    for (unsigned i = 0; i < sizeof buf; i++) nonzero |= buf[i];
    printf("getentropy rc=%d,%d bytes=%zu nonzero=%s differ=%s\n", r1, r2, sizeof buf,
           nonzero ? "yes" : "no", memcmp(buf, buf2, sizeof buf) ? "yes" : "no");
    return 0;
}
