/* Raw WASI path_* calls: success paths, trailing slashes, escapes; prints each errno. */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define T(label, expr) printf("%-44s %d\n", label, (int)(expr))
#define DIR 3
static const __wasi_rights_t ALL = 0x1fffffffULL;

static int op(const char *path, __wasi_lookupflags_t lf, __wasi_oflags_t of, __wasi_rights_t r) {
    __wasi_fd_t fd;
    int e = __wasi_path_open(DIR, lf, path, of, r, r, 0, &fd);
    if (!e) __wasi_fd_close(fd);
    return e;
}
static int ftype(const char *path, __wasi_lookupflags_t lf) {
    __wasi_filestat_t st;
    int e = __wasi_path_filestat_get(DIR, lf, path, &st);
    return e ? -e : st.filetype;
}
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define RD (__WASI_RIGHTS_FD_READ)
#define WR (__WASI_RIGHTS_FD_WRITE)

int main(void) {
    char buf[64];
    __wasi_size_t n;
    __wasi_fd_t fd;
    T("mkdir d", __wasi_path_create_directory(DIR, "d"));
    T("mkdir d again", __wasi_path_create_directory(DIR, "d"));
    T("mkdir e/", __wasi_path_create_directory(DIR, "e/"));
    T("mkdir missing/x", __wasi_path_create_directory(DIR, "missing/x"));
    T("mkdir ..", __wasi_path_create_directory(DIR, ".."));
    T("mkdir .", __wasi_path_create_directory(DIR, "."));
    T("mkdir empty", __wasi_path_create_directory(DIR, ""));
    T("create f", op("f", 0, __WASI_OFLAGS_CREAT, RD | WR));
    T("create f excl", op("f", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RD | WR));
    T("create g/ ", op("g/", 0, __WASI_OFLAGS_CREAT, RD | WR));
    T("open f/", op("f/", 0, 0, RD));
    T("open f/.", op("f/.", 0, 0, RD));
    T("open f directory", op("f", 0, __WASI_OFLAGS_DIRECTORY, RD));
    T("open d directory", op("d", 0, __WASI_OFLAGS_DIRECTORY, RD));
    T("open d/", op("d/", 0, 0, RD));
    T("open d rw", op("d", 0, 0, RD | WR));
    T("open d trunc", op("d", 0, __WASI_OFLAGS_TRUNC, RD | WR));
    T("open d creat", op("d", 0, __WASI_OFLAGS_CREAT, RD));
    T("open d creat|dir", op("d", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_DIRECTORY, RD));
    T("open d excl|creat", op("d", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RD));
    T("open f trunc no write", op("f", 0, __WASI_OFLAGS_TRUNC, RD));
    T("open f trunc write", op("f", 0, __WASI_OFLAGS_TRUNC, RD | WR | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE));
    T("open missing", op("nope", 0, 0, RD));
    T("open missing/x", op("nope/x", 0, 0, RD));
    T("open f/x", op("f/x", 0, 0, RD));
    T("open ..", op("..", 0, 0, RD));
    T("open d/../..", op("d/../..", 0, 0, RD));
    T("open /abs", op("/etc/passwd", 0, 0, RD));
    T("open .", op(".", 0, 0, RD));
    T("open d/..", op("d/..", 0, 0, RD));
    T("open empty", op("", 0, 0, RD));
    T("open d/./../f", op("d/./../f", 0, 0, RD));
    /* symlinks */
    T("symlink f->lf", __wasi_path_symlink("f", DIR, "lf"));
    T("symlink d->ld", __wasi_path_symlink("d", DIR, "ld"));
    T("symlink ..->up", __wasi_path_symlink("..", DIR, "up"));
    T("symlink abs", __wasi_path_symlink("/etc/passwd", DIR, "abs"));
    T("symlink loop a", __wasi_path_symlink("loopb", DIR, "loopa"));
    T("symlink loop b", __wasi_path_symlink("loopa", DIR, "loopb"));
    T("symlink dangling", __wasi_path_symlink("nothing", DIR, "dang"));
    T("symlink to existing", __wasi_path_symlink("f", DIR, "f"));
    T("symlink new/", __wasi_path_symlink("f", DIR, "s2/"));
    T("symlink into missing", __wasi_path_symlink("f", DIR, "nope/s"));
    T("symlink to d/ (dir)", __wasi_path_symlink("f", DIR, "d/"));
    T("open lf follow", op("lf", FOLLOW, 0, RD));
    T("open lf nofollow", op("lf", 0, 0, RD));
    T("open ld/ nofollow", op("ld/", 0, 0, RD));
    T("open ld nofollow dir", op("ld", 0, __WASI_OFLAGS_DIRECTORY, RD));
    T("open ld follow dir", op("ld", FOLLOW, __WASI_OFLAGS_DIRECTORY, RD));
    T("open up follow", op("up", FOLLOW, 0, RD));
    T("open up/f follow", op("up/f", 0, 0, RD));
    T("open abs follow", op("abs", FOLLOW, 0, RD));
    T("open abs nofollow", op("abs", 0, 0, RD));
    T("open abs_link follow", op("abs_link", FOLLOW, 0, RD));
    T("open abs_link nofollow", op("abs_link", 0, 0, RD));
    T("open link_out/box/in.txt", op("link_out/box/in.txt", 0, 0, RD));
    T("open link_out follow", op("link_out", FOLLOW, 0, RD));
    T("filestat abs_link", ftype("abs_link", FOLLOW));
    T("filestat link_out/", ftype("link_out/", 0));
    T("open loopa follow", op("loopa", FOLLOW, 0, RD));
    T("open loopa/x", op("loopa/x", 0, 0, RD));
    T("open dang follow", op("dang", FOLLOW, 0, RD));
    T("open dang creat follow", op("dang", FOLLOW, __WASI_OFLAGS_CREAT, RD | WR));
    T("open dang creat nofollow", op("dang", 0, __WASI_OFLAGS_CREAT, RD | WR));
    T("filestat lf follow", ftype("lf", FOLLOW));
    T("filestat lf nofollow", ftype("lf", 0));
    T("filestat lf/", ftype("lf/", 0));
    T("filestat ld/", ftype("ld/", 0));
    T("filestat d/", ftype("d/", 0));
    T("filestat f/", ftype("f/", 0));
    T("filestat up", ftype("up", FOLLOW));
    T("filestat up nofollow", ftype("up", 0));
    T("filestat abs", ftype("abs", FOLLOW));
    T("filestat loopa", ftype("loopa", FOLLOW));
    T("filestat loopa nofollow", ftype("loopa", 0));
    T("filestat missing", ftype("missing", 0));
    T("filestat .", ftype(".", 0));
    T("filestat ..", ftype("..", 0));
    T("readlink lf", __wasi_path_readlink(DIR, "lf", (uint8_t *)buf, sizeof buf, &n)); printf("  %.*s\n", (int)n, buf);
    T("readlink abs_link", __wasi_path_readlink(DIR, "abs_link", (uint8_t *)buf, sizeof buf, &n)); printf("  %.*s\n", (int)n, buf);
    T("symlink long", __wasi_path_symlink("d/../f", DIR, "lfl"));
    n = 99; T("readlink short", __wasi_path_readlink(DIR, "lfl", (uint8_t *)buf, 3, &n)); printf("  n=%d %.3s\n", (int)n, buf);
    n = 99; T("readlink zero", __wasi_path_readlink(DIR, "lfl", (uint8_t *)buf, 0, &n)); printf("  n=%d\n", (int)n);
    T("readlink f", __wasi_path_readlink(DIR, "f", (uint8_t *)buf, sizeof buf, &n));
    T("readlink lf/", __wasi_path_readlink(DIR, "lf/", (uint8_t *)buf, sizeof buf, &n));
    T("readlink missing", __wasi_path_readlink(DIR, "missing", (uint8_t *)buf, sizeof buf, &n));
    T("set_times f", __wasi_path_filestat_set_times(DIR, 0, "f", 5000000000ULL, 6000000000ULL, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    { __wasi_filestat_t st; __wasi_path_filestat_get(DIR, 0, "f", &st); printf("  atim=%llu mtim=%llu\n", st.atim, st.mtim); }
    T("set_times lf nofollow", __wasi_path_filestat_set_times(DIR, 0, "lf", 1, 2, __WASI_FSTFLAGS_MTIM));
    T("set_times lf follow", __wasi_path_filestat_set_times(DIR, FOLLOW, "lf", 1, 7000000000ULL, __WASI_FSTFLAGS_MTIM));
    { __wasi_filestat_t st; __wasi_path_filestat_get(DIR, 0, "f", &st); printf("  mtim=%llu\n", st.mtim); }
    T("set_times f/", __wasi_path_filestat_set_times(DIR, 0, "f/", 1, 2, __WASI_FSTFLAGS_MTIM));
    T("set_times missing", __wasi_path_filestat_set_times(DIR, 0, "missing", 1, 2, __WASI_FSTFLAGS_MTIM));
    T("set_times both", __wasi_path_filestat_set_times(DIR, 0, "f", 1, 2, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    T("set_times up", __wasi_path_filestat_set_times(DIR, FOLLOW, "up", 1, 2, __WASI_FSTFLAGS_MTIM));
    /* links */
    T("link f->h", __wasi_path_link(DIR, 0, "f", DIR, "h"));
    T("link f->h again", __wasi_path_link(DIR, 0, "f", DIR, "h"));
    T("link f->h2/", __wasi_path_link(DIR, 0, "f", DIR, "h2/"));
    T("link f/->h3", __wasi_path_link(DIR, 0, "f/", DIR, "h3"));
    T("link d->dl", __wasi_path_link(DIR, 0, "d", DIR, "dl"));
    T("link missing", __wasi_path_link(DIR, 0, "missing", DIR, "h4"));
    T("link lf nofollow", __wasi_path_link(DIR, 0, "lf", DIR, "h5"));
    T("filestat h5 nofollow", ftype("h5", 0));
    T("link lf follow", __wasi_path_link(DIR, FOLLOW, "lf", DIR, "h6"));
    T("filestat h6 nofollow", ftype("h6", 0));
    T("link into ..", __wasi_path_link(DIR, 0, "f", DIR, "../h7"));
    T("link from up", __wasi_path_link(DIR, 0, "up/x", DIR, "h8"));
    T("link to d/h9", __wasi_path_link(DIR, 0, "f", DIR, "d/h9"));
    /* rename */
    T("rename h->r", __wasi_path_rename(DIR, "h", DIR, "r"));
    T("rename missing", __wasi_path_rename(DIR, "h", DIR, "r2"));
    T("rename r->d (file over dir)", __wasi_path_rename(DIR, "r", DIR, "d"));
    T("rename d->r (dir over file)", __wasi_path_rename(DIR, "d", DIR, "r"));
    T("rename r->r/", __wasi_path_rename(DIR, "r", DIR, "r3/"));
    T("rename r/->r4", __wasi_path_rename(DIR, "r/", DIR, "r4"));
    T("mkdir e", __wasi_path_create_directory(DIR, "e2"));
    T("rename d->e2/ (dir over empty dir)", __wasi_path_rename(DIR, "d", DIR, "e2/"));
    T("rename e2/->d", __wasi_path_rename(DIR, "e2/", DIR, "d"));
    T("mkdir full", __wasi_path_create_directory(DIR, "full"));
    T("mkdir full/x", __wasi_path_create_directory(DIR, "full/x"));
    T("rename d->full", __wasi_path_rename(DIR, "d", DIR, "full"));
    T("rename d->d/sub", __wasi_path_rename(DIR, "d", DIR, "d/sub"));
    T("rename . ->z", __wasi_path_rename(DIR, ".", DIR, "z"));
    T("rename r->..", __wasi_path_rename(DIR, "r", DIR, "../z"));
    T("rename lf->lf2", __wasi_path_rename(DIR, "lf", DIR, "lf2"));
    T("filestat lf2 nofollow", ftype("lf2", 0));
    T("rename lf2/->lf3", __wasi_path_rename(DIR, "lf2/", DIR, "lf3"));
    T("rename ld/->ld3", __wasi_path_rename(DIR, "ld/", DIR, "ld3"));
    /* unlink, rmdir */
    T("unlink r", __wasi_path_unlink_file(DIR, "r"));
    T("unlink r again", __wasi_path_unlink_file(DIR, "r"));
    T("unlink d", __wasi_path_unlink_file(DIR, "d"));
    T("unlink d/", __wasi_path_unlink_file(DIR, "d/"));
    T("unlink f/", __wasi_path_unlink_file(DIR, "f/"));
    T("unlink ld/", __wasi_path_unlink_file(DIR, "ld/"));
    T("unlink lf/", __wasi_path_unlink_file(DIR, "lf2/"));
    T("unlink lf2", __wasi_path_unlink_file(DIR, "lf2"));
    T("unlink up", __wasi_path_unlink_file(DIR, "up"));
    T("unlink ..", __wasi_path_unlink_file(DIR, ".."));
    T("unlink .", __wasi_path_unlink_file(DIR, "."));
    T("rmdir f", __wasi_path_remove_directory(DIR, "f"));
    T("rmdir f/", __wasi_path_remove_directory(DIR, "f/"));
    T("rmdir full", __wasi_path_remove_directory(DIR, "full"));
    T("rmdir full/x/", __wasi_path_remove_directory(DIR, "full/x/"));
    T("rmdir full", __wasi_path_remove_directory(DIR, "full"));
    T("rmdir ld", __wasi_path_remove_directory(DIR, "ld"));
    T("rmdir ld/", __wasi_path_remove_directory(DIR, "ld/"));
    T("rmdir .", __wasi_path_remove_directory(DIR, "."));
    T("rmdir d/..", __wasi_path_remove_directory(DIR, "d/.."));
    T("rmdir ..", __wasi_path_remove_directory(DIR, ".."));
    T("rmdir missing", __wasi_path_remove_directory(DIR, "missing"));
    /* path ops through a file fd and a bad fd */
    __wasi_path_open(DIR, 0, "f", 0, ALL, ALL, 0, &fd);
    T("open via file fd", ({ __wasi_fd_t x; __wasi_path_open(fd, 0, "a", 0, RD, RD, 0, &x); }));
    T("mkdir via file fd", __wasi_path_create_directory(fd, "a"));
    T("filestat via file fd", ({ __wasi_filestat_t st; __wasi_path_filestat_get(fd, 0, "a", &st); }));
    T("unlink via file fd", __wasi_path_unlink_file(fd, "a"));
    T("mkdir via bad fd", __wasi_path_create_directory(77, "a"));
    T("mkdir via stdout", __wasi_path_create_directory(1, "a"));
    T("symlink via file fd", __wasi_path_symlink("x", fd, "a"));
    T("readlink via file fd", __wasi_path_readlink(fd, "a", (uint8_t *)buf, sizeof buf, &n));
    T("rename via file fd", __wasi_path_rename(fd, "a", DIR, "b"));
    T("link via file fd", __wasi_path_link(DIR, 0, "f", fd, "b"));
    __wasi_fd_close(fd);
    /* a directory fd below the preopen */
    __wasi_fd_t sub;
    T("open d as dir", __wasi_path_open(DIR, 0, "d", __WASI_OFLAGS_DIRECTORY, ALL & ~WR, ALL, 0, &sub));
    T("sub: create x", ({ __wasi_fd_t x; int e = __wasi_path_open(sub, 0, "x", __WASI_OFLAGS_CREAT, RD|WR, 0, 0, &x); if (!e) __wasi_fd_close(x); e; }));
    T("sub: open ../f", ({ __wasi_fd_t x; __wasi_path_open(sub, 0, "../f", 0, RD, 0, 0, &x); }));
    T("sub: filestat x", ({ __wasi_filestat_t st; __wasi_path_filestat_get(sub, 0, "x", &st); }));
    T("sub: prestat", ({ __wasi_prestat_t p; __wasi_fd_prestat_get(sub, &p); }));
    {
        uint8_t d[512];
        __wasi_size_t used;
        T("sub: readdir", __wasi_fd_readdir(sub, d, sizeof d, 0, &used));
        int count = 0;
        for (__wasi_size_t pos = 0; pos + sizeof(__wasi_dirent_t) <= used;) {
            __wasi_dirent_t *e = (__wasi_dirent_t *)(d + pos);
            printf("  entry %.*s type=%d\n", (int)e->d_namlen, (char *)(e + 1), e->d_type);
            pos += sizeof(__wasi_dirent_t) + e->d_namlen;
            count++;
        }
    }
    T("sub: unlink x", __wasi_path_unlink_file(sub, "x"));
    T("close sub", __wasi_fd_close(sub));
    T("unlink f", __wasi_path_unlink_file(DIR, "f"));
    return 0;
}
