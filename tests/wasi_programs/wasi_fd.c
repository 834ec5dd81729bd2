/* Raw WASI fd_* calls on a file, a directory, the standard streams and bad fds;
   prints each errno (compared with wasmtime by tests/test_wasi.py). */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define T(label, expr) printf("%-40s %d\n", label, (int)(expr))
#define DIR 3
#define BAD 99
static const __wasi_rights_t ALL = 0x1fffffffULL;

static __wasi_fd_t fd_of(const char *path, __wasi_oflags_t of, __wasi_rights_t r, __wasi_fdflags_t ff) {
    __wasi_fd_t fd = BAD;
    int e = __wasi_path_open(DIR, 0, path, of, r, r, ff, &fd);
    if (e) printf("open %s failed %d\n", path, e);
    return fd;
}

int main(void) {
    char buf[64];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_ciovec_t ciov = {(const uint8_t *)"hello world", 11};
    unsigned n = 0;
    __wasi_filesize_t off = 0;
    __wasi_fdstat_t st;
    __wasi_filestat_t fst;

    __wasi_fd_t f = fd_of("f.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, ALL, 0);
    T("write file", __wasi_fd_write(f, &ciov, 1, (__wasi_size_t *)&n)); printf("  n=%u\n", n);
    T("seek set 0", __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &off)); printf("  off=%llu\n", off);
    T("seek end -5", __wasi_fd_seek(f, -5, __WASI_WHENCE_END, &off)); printf("  off=%llu\n", off);
    T("seek cur -100", __wasi_fd_seek(f, -100, __WASI_WHENCE_CUR, &off));
    T("tell", __wasi_fd_tell(f, &off)); printf("  off=%llu\n", off);
    T("read rest", __wasi_fd_read(f, &iov, 1, (__wasi_size_t *)&n)); printf("  n=%u %.*s\n", n, (int)n, buf);
    T("pread 6", __wasi_fd_pread(f, &iov, 1, 6, (__wasi_size_t *)&n)); printf("  n=%u %.*s\n", n, (int)n, buf);
    T("pread past end", __wasi_fd_pread(f, &iov, 1, 100, (__wasi_size_t *)&n)); printf("  n=%u\n", n);
    T("pwrite 0", __wasi_fd_pwrite(f, &ciov, 1, 20, (__wasi_size_t *)&n)); printf("  n=%u\n", n);
    T("filestat", __wasi_fd_filestat_get(f, &fst)); printf("  type=%d size=%llu nlink=%llu\n", fst.filetype, fst.size, fst.nlink);
    T("set_size 4", __wasi_fd_filestat_set_size(f, 4));
    T("filestat", __wasi_fd_filestat_get(f, &fst)); printf("  size=%llu\n", fst.size);
    T("set_times", __wasi_fd_filestat_set_times(f, 1000000000ULL, 2000000000ULL, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    T("filestat", __wasi_fd_filestat_get(f, &fst)); printf("  atim=%llu mtim=%llu\n", fst.atim, fst.mtim);
    T("set_times atim+now", __wasi_fd_filestat_set_times(f, 1, 2, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    T("advise", __wasi_fd_advise(f, 0, 10, __WASI_ADVICE_SEQUENTIAL));
    T("allocate", __wasi_fd_allocate(f, 0, 100));
    T("sync", __wasi_fd_sync(f));
    T("datasync", __wasi_fd_datasync(f));
    T("fdstat", __wasi_fd_fdstat_get(f, &st)); printf("  type=%d flags=%d\n", st.fs_filetype, st.fs_flags);
    T("set_flags append", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND));
    T("fdstat", __wasi_fd_fdstat_get(f, &st)); printf("  flags=%d\n", st.fs_flags);
    T("set_flags sync", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_SYNC));
    T("set_flags nonblock", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_NONBLOCK));
    T("fdstat", __wasi_fd_fdstat_get(f, &st)); printf("  flags=%d\n", st.fs_flags);
    T("set_flags 0", __wasi_fd_fdstat_set_flags(f, 0));
    T("prestat file", ({ __wasi_prestat_t p; __wasi_fd_prestat_get(f, &p); }));
    T("readdir file", __wasi_fd_readdir(f, (uint8_t *)buf, sizeof buf, 0, (__wasi_size_t *)&n));
    T("close", __wasi_fd_close(f));
    T("close again", __wasi_fd_close(f));

    /* read-only file */
    __wasi_fd_t r = fd_of("f.txt", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK, 0);
    T("ro write", __wasi_fd_write(r, &ciov, 1, (__wasi_size_t *)&n));
    T("ro pwrite", __wasi_fd_pwrite(r, &ciov, 1, 0, (__wasi_size_t *)&n));
    T("ro set_size", __wasi_fd_filestat_set_size(r, 0));
    T("ro allocate", __wasi_fd_allocate(r, 0, 10));
    T("ro read", __wasi_fd_read(r, &iov, 1, (__wasi_size_t *)&n)); printf("  n=%u\n", n);
    T("ro fdstat", __wasi_fd_fdstat_get(r, &st)); printf("  type=%d flags=%d\n", st.fs_filetype, st.fs_flags);
    T("ro close", __wasi_fd_close(r));
    /* write-only */
    __wasi_fd_t w = fd_of("f.txt", 0, __WASI_RIGHTS_FD_WRITE, 0);
    T("wo read", __wasi_fd_read(w, &iov, 1, (__wasi_size_t *)&n));
    T("wo pread", __wasi_fd_pread(w, &iov, 1, 0, (__wasi_size_t *)&n));
    T("wo close", __wasi_fd_close(w));
    /* flags at open */
    __wasi_fd_t a = fd_of("f.txt", 0, ALL, __WASI_FDFLAGS_APPEND);
    T("append fdstat", __wasi_fd_fdstat_get(a, &st)); printf("  flags=%d\n", st.fs_flags);
    T("append write", __wasi_fd_write(a, &ciov, 1, (__wasi_size_t *)&n));
    T("append tell", __wasi_fd_tell(a, &off)); printf("  off=%llu\n", off);
    T("append close", __wasi_fd_close(a));
    const __wasi_fdflags_t fl[] = {__WASI_FDFLAGS_SYNC, __WASI_FDFLAGS_DSYNC, __WASI_FDFLAGS_RSYNC, __WASI_FDFLAGS_NONBLOCK};
    for (int i = 0; i < 4; i++) {
        int e = __wasi_path_open(DIR, 0, "f.txt", 0, ALL, ALL, fl[i], &a);
        printf("%-40s %d\n", "open with fdflag", e);
        if (!e) { __wasi_fd_fdstat_get(a, &st); printf("  flags=%d\n", st.fs_flags); __wasi_fd_close(a); }
    }

    /* the directory */
    T("dir read", __wasi_fd_read(DIR, &iov, 1, (__wasi_size_t *)&n));
    T("dir write", __wasi_fd_write(DIR, &ciov, 1, (__wasi_size_t *)&n));
    T("dir pread", __wasi_fd_pread(DIR, &iov, 1, 0, (__wasi_size_t *)&n));
    T("dir pwrite", __wasi_fd_pwrite(DIR, &ciov, 1, 0, (__wasi_size_t *)&n));
    T("dir seek", __wasi_fd_seek(DIR, 0, __WASI_WHENCE_SET, &off));
    T("dir tell", __wasi_fd_tell(DIR, &off));
    T("dir allocate", __wasi_fd_allocate(DIR, 0, 10));
    T("dir set_size", __wasi_fd_filestat_set_size(DIR, 0));
    T("dir advise", __wasi_fd_advise(DIR, 0, 10, 0));
    T("dir sync", __wasi_fd_sync(DIR));
    T("dir datasync", __wasi_fd_datasync(DIR));
    T("dir set_flags", __wasi_fd_fdstat_set_flags(DIR, __WASI_FDFLAGS_APPEND));
    T("dir filestat", __wasi_fd_filestat_get(DIR, &fst)); printf("  type=%d\n", fst.filetype);
    T("dir fdstat", __wasi_fd_fdstat_get(DIR, &st)); printf("  type=%d flags=%d\n", st.fs_filetype, st.fs_flags);
    T("dir set_times", __wasi_fd_filestat_set_times(DIR, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));

    /* stdio */
    T("stdout read", __wasi_fd_read(1, &iov, 1, (__wasi_size_t *)&n));
    T("stdin write", __wasi_fd_write(0, &ciov, 1, (__wasi_size_t *)&n));
    T("stdout seek", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &off));
    T("stdout tell", __wasi_fd_tell(1, &off));
    T("stdout pwrite", __wasi_fd_pwrite(1, &ciov, 1, 0, (__wasi_size_t *)&n));
    T("stdin pread", __wasi_fd_pread(0, &iov, 1, 0, (__wasi_size_t *)&n));
    T("stdout allocate", __wasi_fd_allocate(1, 0, 1));
    T("stdout set_size", __wasi_fd_filestat_set_size(1, 0));
    T("stdout sync", __wasi_fd_sync(1));
    T("stdout advise", __wasi_fd_advise(1, 0, 1, 0));
    T("stdout fdstat", __wasi_fd_fdstat_get(1, &st)); printf("  type=%d flags=%d\n", st.fs_filetype, st.fs_flags);
    T("stdout filestat", __wasi_fd_filestat_get(1, &fst)); printf("  type=%d\n", fst.filetype);
    T("stdout readdir", __wasi_fd_readdir(1, (uint8_t *)buf, sizeof buf, 0, (__wasi_size_t *)&n));
    T("stdout prestat", ({ __wasi_prestat_t p; __wasi_fd_prestat_get(1, &p); }));

    /* bad fd */
    T("bad read", __wasi_fd_read(BAD, &iov, 1, (__wasi_size_t *)&n));
    T("bad write", __wasi_fd_write(BAD, &ciov, 1, (__wasi_size_t *)&n));
    T("bad seek", __wasi_fd_seek(BAD, 0, 0, &off));
    T("bad close", __wasi_fd_close(BAD));
    T("bad fdstat", __wasi_fd_fdstat_get(BAD, &st));
    T("bad filestat", __wasi_fd_filestat_get(BAD, &fst));
    T("bad sync", __wasi_fd_sync(BAD));
    T("bad advise", __wasi_fd_advise(BAD, 0, 0, 0));
    T("bad allocate", __wasi_fd_allocate(BAD, 0, 0));
    T("bad prestat", ({ __wasi_prestat_t p; __wasi_fd_prestat_get(BAD, &p); }));
    T("bad renumber", __wasi_fd_renumber(BAD, 1));

    /* renumber */
    __wasi_fd_t x = fd_of("f.txt", 0, ALL, 0), y = fd_of("f.txt", 0, ALL, 0);
    T("renumber x->y", __wasi_fd_renumber(x, y));
    T("x closed", __wasi_fd_fdstat_get(x, &st));
    T("y open", __wasi_fd_fdstat_get(y, &st));
    T("renumber y->bad", __wasi_fd_renumber(y, BAD));
    T("renumber y->y", __wasi_fd_renumber(y, y));
    T("close y", __wasi_fd_close(y));
    char name[16];
    __wasi_prestat_t p;
    T("prestat dir", __wasi_fd_prestat_get(DIR, &p)); printf("  tag=%d len=%u\n", p.tag, p.u.dir.pr_name_len);
    T("prestat name short", __wasi_fd_prestat_dir_name(DIR, (uint8_t *)name, 2));
    T("prestat name", __wasi_fd_prestat_dir_name(DIR, (uint8_t *)name, sizeof name));
    return 0;
}
