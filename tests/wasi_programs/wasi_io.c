/* Raw WASI calls where wasmtime's answers are its own: the rights fd_fdstat_get
   reports, which access mode path_open's rights give, reads and writes that use
   only the first non-empty iovec, readdir cookies and short buffers, poll nbytes,
   and edge cases: flags on standard streams, append mode, huge offsets, renumber
   onto a preopen.
   Prints every result (compared with wasmtime by tests/test_wasi.py). */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define T(label, expr) printf("%-40s %d\n", label, (int)(expr))
static void dump(uint8_t *d, __wasi_size_t used) {
    for (__wasi_size_t pos = 0; pos + sizeof(__wasi_dirent_t) <= used;) {
        __wasi_dirent_t *e = (__wasi_dirent_t *)(d + pos);
        int avail = (int)(used - pos - sizeof(__wasi_dirent_t));
        int nl = (int)e->d_namlen < avail ? (int)e->d_namlen : avail;
        printf("  entry next=%llu %.*s type=%d\n", e->d_next, nl, (char *)(e + 1), e->d_type);
        pos += sizeof(__wasi_dirent_t) + e->d_namlen;
    }
}
static int part0(void) {
    __wasi_fdstat_t st;
    __wasi_fd_t fd;
    uint8_t d[512];
    __wasi_size_t used;
    T("fdstat preopen", __wasi_fd_fdstat_get(3, &st)); printf("  base=%llx inh=%llx\n", st.fs_rights_base, st.fs_rights_inheriting);
    T("fdstat stdout", __wasi_fd_fdstat_get(1, &st)); printf("  base=%llx inh=%llx\n", st.fs_rights_base, st.fs_rights_inheriting);
    T("fdstat stdin", __wasi_fd_fdstat_get(0, &st)); printf("  base=%llx inh=%llx\n", st.fs_rights_base, st.fs_rights_inheriting);
    __wasi_path_create_directory(3, "rd");
    for (int i = 0; i < 3; i++) { char n[8]; snprintf(n, 8, "rd/f%d", i); __wasi_path_open(3, 0, n, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd); __wasi_fd_fdstat_get(fd, &st); printf("  wfile base=%llx inh=%llx\n", st.fs_rights_base, st.fs_rights_inheriting); __wasi_fd_close(fd); }
    __wasi_path_open(3, 0, "rd", __WASI_OFLAGS_DIRECTORY, 0x1fffffffULL & ~__WASI_RIGHTS_FD_WRITE, 0x1fffffffULL, 0, &fd);
    __wasi_fd_fdstat_get(fd, &st); printf("  dir base=%llx inh=%llx\n", st.fs_rights_base, st.fs_rights_inheriting);
    __wasi_fd_t rf; __wasi_path_open(3, 0, "rd/f0", 0, 0x1fffffffULL, 0x1fffffffULL, 0, &rf);
    __wasi_fd_fdstat_get(rf, &st); printf("  rwfile base=%llx inh=%llx\n", st.fs_rights_base, st.fs_rights_inheriting);
    T("readdir all", __wasi_fd_readdir(fd, d, sizeof d, 0, &used)); printf("  used=%u\n", (unsigned)used); dump(d, used);
    T("readdir cookie 2", __wasi_fd_readdir(fd, d, sizeof d, 2, &used)); printf("  used=%u\n", (unsigned)used); dump(d, used);
    T("readdir small 30", __wasi_fd_readdir(fd, d, 30, 0, &used)); printf("  used=%u\n", (unsigned)used); dump(d, used);
    T("readdir tiny 10", __wasi_fd_readdir(fd, d, 10, 0, &used)); printf("  used=%u\n", (unsigned)used);
    T("readdir 0", __wasi_fd_readdir(fd, d, 0, 0, &used)); printf("  used=%u\n", (unsigned)used);
    T("readdir cookie 5", __wasi_fd_readdir(fd, d, sizeof d, 5, &used)); printf("  used=%u\n", (unsigned)used);
    T("readdir cookie 99", __wasi_fd_readdir(fd, d, sizeof d, 99, &used)); printf("  used=%u\n", (unsigned)used);
    T("readdir preopen", __wasi_fd_readdir(3, d, sizeof d, 0, &used)); printf("  used=%u\n", (unsigned)used);
    /* scatter/gather */
    char a[3], b[5];
    __wasi_iovec_t iv[2] = {{(uint8_t *)a, 3}, {(uint8_t *)b, 5}};
    __wasi_ciovec_t cv[3] = {{(const uint8_t *)"ab", 2}, {(const uint8_t *)"", 0}, {(const uint8_t *)"cdefgh", 6}};
    __wasi_size_t n;
    T("gather write", __wasi_fd_write(rf, cv, 3, &n)); printf("  n=%u\n", (unsigned)n);
    __wasi_filesize_t off;
    __wasi_fd_seek(rf, 1, __WASI_WHENCE_SET, &off);
    T("scatter read", __wasi_fd_read(rf, iv, 2, &n)); printf("  n=%u %.3s|%.*s\n", (unsigned)n, a, (int)n - 3, b);
    T("read at eof", __wasi_fd_read(rf, iv, 2, &n)); printf("  n=%u\n", (unsigned)n);
    T("write 0 iovs", __wasi_fd_write(rf, cv, 0, &n)); printf("  n=%u\n", (unsigned)n);
    __wasi_subscription_t s = {0};
    __wasi_event_t ev;
    s.userdata = 5; s.u.tag = __WASI_EVENTTYPE_FD_READ; s.u.u.fd_read.file_descriptor = rf;
    T("poll file read", __wasi_poll_oneoff(&s, &ev, 1, &n)); printf("  n=%u ud=%llu err=%d type=%d nbytes=%llu\n", (unsigned)n, ev.userdata, ev.error, ev.type, ev.fd_readwrite.nbytes);
    s.u.tag = __WASI_EVENTTYPE_FD_WRITE;
    T("poll file write", __wasi_poll_oneoff(&s, &ev, 1, &n)); printf("  n=%u ud=%llu err=%d type=%d nbytes=%llu\n", (unsigned)n, ev.userdata, ev.error, ev.type, ev.fd_readwrite.nbytes);
    s.u.u.fd_read.file_descriptor = 1;
    T("poll stdout write", __wasi_poll_oneoff(&s, &ev, 1, &n)); printf("  n=%u ud=%llu err=%d type=%d nbytes=%llu flags=%d\n", (unsigned)n, ev.userdata, ev.error, ev.type, ev.fd_readwrite.nbytes, ev.fd_readwrite.flags);
    return 0;
}

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define T(label, expr) printf("%-40s %d\n", label, (int)(expr))
static int part1(void) {
    __wasi_fdstat_t st; __wasi_fd_t fd; __wasi_size_t n;
    __wasi_path_create_directory(3, "dd");
    __wasi_rights_t rs[] = {0, __WASI_RIGHTS_FD_READDIR, __WASI_RIGHTS_FD_READ, __WASI_RIGHTS_PATH_OPEN, 0x3fffffffULL & ~__WASI_RIGHTS_FD_WRITE};
    for (int i = 0; i < 5; i++) {
        int e = __wasi_path_open(3, 0, "dd", __WASI_OFLAGS_DIRECTORY, rs[i], rs[i], 0, &fd);
        __wasi_fd_fdstat_get(fd, &st); printf("dir %d: %d base=%llx inh=%llx\n", i, e, st.fs_rights_base, st.fs_rights_inheriting);
        int e2 = __wasi_path_open(fd, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd);
        __wasi_fd_fdstat_get(fd, &st); printf("  sub: %d base=%llx inh=%llx\n", e2, st.fs_rights_base, st.fs_rights_inheriting);
    }
    __wasi_path_open(3, 0, "x", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd);
    /* (its reported rights are left out: wasmtime reports fd_write, which creating
       made usable; nanowasm reports the rights asked for, see README) */
    T("read no rights", __wasi_fd_read(fd, 0, 0, &n));
    __wasi_ciovec_t cv = {(const uint8_t *)"abcdefgh", 8};
    T("write no rights", __wasi_fd_write(fd, &cv, 1, &n));
    __wasi_path_open(3, 0, "y", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ|__WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
    T("write", __wasi_fd_write(fd, &cv, 1, &n));
    char a[3], b[5];
    __wasi_iovec_t iv[3] = {{(uint8_t *)a, 0}, {(uint8_t *)a, 3}, {(uint8_t *)b, 5}};
    T("scatter pread", __wasi_fd_pread(fd, iv, 3, 0, &n)); printf("  n=%u\n", (unsigned)n);
    __wasi_ciovec_t cv2[2] = {{(const uint8_t *)"XY", 2}, {(const uint8_t *)"Z", 1}};
    T("gather pwrite", __wasi_fd_pwrite(fd, cv2, 2, 0, &n)); printf("  n=%u\n", (unsigned)n);
    __wasi_filesize_t off;
    __wasi_fd_seek(fd, 0, 0, &off);
    T("scatter read", __wasi_fd_read(fd, iv, 3, &n)); printf("  n=%u\n", (unsigned)n);
    T("stdout gather", __wasi_fd_write(1, cv2, 2, &n)); printf("\n  n=%u\n", (unsigned)n);
    __wasi_subscription_t s = {0}; __wasi_event_t ev;
    s.u.tag = __WASI_EVENTTYPE_FD_READ; s.u.u.fd_read.file_descriptor = 0;
    T("poll stdin", __wasi_poll_oneoff(&s, &ev, 1, &n)); printf("  nbytes=%llu flags=%d\n", ev.fd_readwrite.nbytes, ev.fd_readwrite.flags);
    s.u.u.fd_read.file_descriptor = fd;
    T("poll file (pos 3 of 8)", __wasi_poll_oneoff(&s, &ev, 1, &n)); printf("  nbytes=%llu flags=%d\n", ev.fd_readwrite.nbytes, ev.fd_readwrite.flags);
    return 0;
}

#include <stdio.h>
#include <wasi/api.h>
static int part2(void) {
    __wasi_rights_t rs[] = {0, __WASI_RIGHTS_FD_READ, __WASI_RIGHTS_FD_WRITE, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE,
        __WASI_RIGHTS_FD_ALLOCATE, __WASI_RIGHTS_FD_READDIR, __WASI_RIGHTS_FD_SEEK, __WASI_RIGHTS_FD_DATASYNC, __WASI_RIGHTS_FD_FILESTAT_SET_SIZE, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE};
    __wasi_fd_t fd; __wasi_size_t n; __wasi_fdstat_t st; char c;
    __wasi_path_open(3, 0, "f", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
    __wasi_ciovec_t cv = {(const uint8_t *)"abc", 3};
    __wasi_fd_write(fd, &cv, 1, &n); __wasi_fd_close(fd);
    for (int i = 0; i < 10; i++) {
        int e = __wasi_path_open(3, 0, "f", 0, rs[i], 0, 0, &fd);
        __wasi_iovec_t iv = {(uint8_t *)&c, 1};
        int r = __wasi_fd_read(fd, &iv, 1, &n);
        __wasi_ciovec_t w = {(const uint8_t *)"z", 1};
        int wr = __wasi_fd_pwrite(fd, &w, 1, 5, &n);
        int sz = __wasi_fd_filestat_set_size(fd, 3);
        __wasi_fd_fdstat_get(fd, &st);
        printf("rights %llx: open %d read %d write %d set_size %d base=%llx\n", rs[i], e, r, wr, sz, st.fs_rights_base);
        __wasi_fd_close(fd);
    }
    for (int i = 0; i < 3; i++) { __wasi_fd_fdstat_get(i, &st); printf("std %d base=%llx inh=%llx\n", i, st.fs_rights_base, st.fs_rights_inheriting); }
    return 0;
}

#include <stdio.h>
#include <wasi/api.h>
static int part3(void) {
    __wasi_fd_t fd; __wasi_size_t n = 77; __wasi_filestat_t fs;
    int e = __wasi_path_open(3, 0, "x4", __WASI_OFLAGS_CREAT, 0, 0, 0, &fd);
    __wasi_ciovec_t cv = {(const uint8_t *)"abcdefgh", 8};
    int w = __wasi_fd_write(fd, &cv, 1, &n);
    __wasi_fd_filestat_get(fd, &fs);
    printf("open %d write %d n=%u size=%llu\n", e, w, (unsigned)n, fs.size);
    __wasi_fd_t fd2; __wasi_path_open(3, 0, "x4", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd2);
    n = 77; w = __wasi_fd_write(fd2, &cv, 1, &n);
    printf("ro write %d n=%u\n", w, (unsigned)n);
    n = 77; w = __wasi_fd_write(fd2, &cv, 0, &n);
    printf("ro write 0 iovs %d n=%u\n", w, (unsigned)n);
    return 0;
}

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define T(label, expr) printf("%-40s %d\n", label, (int)(expr))
#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)
static int part4(void) {
    __wasi_fd_t fd, fd2; __wasi_size_t n; __wasi_fdstat_t st; __wasi_filestat_t fs; __wasi_filesize_t off;
    __wasi_ciovec_t cv = {(const uint8_t *)"0123456789", 10};
    T("stdout set_times", __wasi_fd_filestat_set_times(1, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    T("stdout set_flags append", __wasi_fd_fdstat_set_flags(1, __WASI_FDFLAGS_APPEND));
    T("stdout fdstat", __wasi_fd_fdstat_get(1, &st)); printf("  flags=%d\n", st.fs_flags);
    T("stdout set_flags nonblock", __wasi_fd_fdstat_set_flags(1, __WASI_FDFLAGS_NONBLOCK));
    T("stdout fdstat", __wasi_fd_fdstat_get(1, &st)); printf("  flags=%d\n", st.fs_flags);
    T("stdout set_flags 0", __wasi_fd_fdstat_set_flags(1, 0));
    T("stdin set_flags nonblock", __wasi_fd_fdstat_set_flags(0, __WASI_FDFLAGS_NONBLOCK));
    T("stdout datasync", __wasi_fd_datasync(1));
    T("stdin filestat", __wasi_fd_filestat_get(0, &fs)); printf("  type=%d size=%llu nlink=%llu\n", fs.filetype, fs.size, fs.nlink);
    T("excl no creat on missing", __wasi_path_open(3, 0, "e1", __WASI_OFLAGS_EXCL, RW, 0, 0, &fd));
    T("create e1", __wasi_path_open(3, 0, "e1", __WASI_OFLAGS_CREAT, RW, 0, 0, &fd));
    T("write e1", __wasi_fd_write(fd, &cv, 1, &n));
    T("excl no creat on existing", __wasi_path_open(3, 0, "e1", __WASI_OFLAGS_EXCL, RW, 0, 0, &fd2));
    T(". dir creat excl", __wasi_path_open(3, 0, ".", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, 0, 0, &fd2));
    T(". trunc", __wasi_path_open(3, 0, ".", __WASI_OFLAGS_TRUNC, 0, 0, 0, &fd2));
    T("append open", __wasi_path_open(3, 0, "e1", 0, RW, 0, __WASI_FDFLAGS_APPEND, &fd2));
    T("append pwrite at 2", __wasi_fd_pwrite(fd2, &cv, 1, 2, &n)); printf("  n=%u\n", (unsigned)n);
    T("filestat", __wasi_fd_filestat_get(fd2, &fs)); printf("  size=%llu\n", fs.size);
    T("append seek 0 then write", __wasi_fd_seek(fd2, 0, __WASI_WHENCE_SET, &off));
    T("write", __wasi_fd_write(fd2, &cv, 1, &n));
    T("tell", __wasi_fd_tell(fd2, &off)); printf("  off=%llu\n", off);
    T("seek past end", __wasi_fd_seek(fd2, 100, __WASI_WHENCE_END, &off)); printf("  off=%llu\n", off);
    T("seek end -1000", __wasi_fd_seek(fd2, -1000, __WASI_WHENCE_END, &off));
    T("set_size huge", __wasi_fd_filestat_set_size(fd, 1ULL << 62));
    T("set_size 7", __wasi_fd_filestat_set_size(fd, 7));
    T("pread beyond", __wasi_fd_pread(fd, (const __wasi_iovec_t *)&cv, 1, 1ULL << 62, &n)); printf("  n=%u\n", (unsigned)n);
    T("pwrite huge offset", __wasi_fd_pwrite(fd, &cv, 1, 1ULL << 63, &n));
    T("advise huge", __wasi_fd_advise(fd, 1ULL << 62, 1ULL << 62, __WASI_ADVICE_DONTNEED));
    T("renumber e1->3 (preopen)", __wasi_fd_renumber(fd, 3));
    T("path via old 3", __wasi_path_create_directory(3, "zz"));
    T("fdstat 3", __wasi_fd_fdstat_get(3, &st)); printf("  type=%d\n", st.fs_filetype);
    T("prestat 3", ({ __wasi_prestat_t p; __wasi_fd_prestat_get(3, &p); }));
    T("close 3", __wasi_fd_close(3));
    T("path via closed 3", __wasi_path_create_directory(3, "zz"));
    T("close stdin", __wasi_fd_close(0));
    T("read stdin", __wasi_fd_read(0, (const __wasi_iovec_t *)&cv, 1, &n));
    T("random 4096", ({ static uint8_t big[4096]; __wasi_random_get(big, sizeof big); }));
    return 0;
}

int main(void) {
    part0();
    part1();
    part2();
    part3();
    part4(); /* last: it closes the preopen and stdin */
    return 0;
}
