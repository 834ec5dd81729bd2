/* Undecodable arguments: wasmtime traps (invalid enum/flag value, pointer out of
   bounds) instead of returning an errno; argv[1] picks the case. */
#include <stdio.h>
#include <stdlib.h>
#include <wasi/api.h>
int main(int argc, char **argv) {
    int c = atoi(argv[1]);
    __wasi_timestamp_t t; __wasi_filesize_t off; __wasi_fd_t fd; int e = -1;
    switch (c) {
    case 0: e = __wasi_clock_time_get(9, 1, &t); break;
    case 1: e = __wasi_fd_seek(1, 0, 7, &off); break;
    case 2: e = __wasi_fd_advise(1, 0, 0, 9); break;
    case 3: e = __wasi_fd_filestat_set_times(1, 0, 0, 16); break;
    case 4: e = __wasi_path_open(3, 0, "x", 16, 0, 0, 0, &fd); break;
    case 5: e = __wasi_sock_shutdown(1, 4); break;
    case 6: e = __wasi_fd_fdstat_set_flags(1, 32); break;
    case 7: e = __wasi_path_open(3, 2, "x", 0, 0, 0, 0, &fd); break;
    case 8: e = __wasi_path_open(3, 0, "x", 0, 1ULL << 40, 0, 0, &fd); break;
    case 9: e = __wasi_fd_write(1, (void*)0x7fffffff, 1, (void*)&t); break;
    case 10: e = __wasi_clock_res_get(9, &t); break;
    case 11: e = __wasi_fd_seek(3, 0, 7, &off); break;
    case 12: e = __wasi_fd_write(1, (const __wasi_ciovec_t *)0x7ffffff8, 2, (void *)&t); break;
    case 13: e = __wasi_poll_oneoff((void *)0, (void *)0x7ffffff0, 1, (void *)&t); break;
    }
    printf("%d\n", e);
    return 0;
}
