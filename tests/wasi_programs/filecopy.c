/* File operations inside the preopen /sandbox: copy, stat, mkdir, list, rename,
 * unlink, rmdir, seek; then attempts to escape the sandbox, which must fail. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int copy(const char *from, const char *to) {
    FILE *in = fopen(from, "rb");
    if (!in) { printf("open %s: %s\n", from, strerror(errno)); return -1; }
    FILE *out = fopen(to, "wb");
    if (!out) { printf("open %s: %s\n", to, strerror(errno)); fclose(in); return -1; }
    char buf[7]; /* odd size: many short reads and writes */
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        fwrite(buf, 1, n, out);
        total += n;
    }
    fclose(in);
    fclose(out);
    return (int)total;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) { printf("opendir %s: %s\n", dir, strerror(errno)); return; }
    char *names[64];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < 64)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[count++] = strdup(e->d_name);
    closedir(d);
    qsort(names, count, sizeof names[0], cmp);
    printf("ls %s:", dir);
    for (int i = 0; i < count; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void try_open(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd >= 0) { printf("open %s: OPENED (sandbox escape!)\n", path); close(fd); }
    else printf("open %s: refused (%s)\n", path, errno == ENOTCAPABLE || errno == EPERM ? "ENOTCAPABLE/EPERM" : strerror(errno));
}

int main(void) {
    printf("copied %d bytes\n", copy("/sandbox/in.txt", "/sandbox/out.txt"));
    struct stat st;
    if (stat("/sandbox/out.txt", &st) == 0)
        printf("out.txt size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    int fd = open("/sandbox/out.txt", O_RDONLY);
    char buf[16] = {0};
    off_t end = lseek(fd, 0, SEEK_END);
    lseek(fd, 6, SEEK_SET);
    ssize_t got = read(fd, buf, 5);
    printf("size by seek %lld, bytes 6..11: '%.*s'\n", (long long)end, (int)got, buf);
    close(fd);

    printf("mkdir: %d\n", mkdir("/sandbox/sub", 0755));
    printf("mkdir again: %s\n", mkdir("/sandbox/sub", 0755) ? strerror(errno) : "ok?");
    printf("rename: %d\n", rename("/sandbox/out.txt", "/sandbox/sub/moved.txt"));
    FILE *f = fopen("/sandbox/sub/new.txt", "w");
    fputs("appended line\n", f);
    fclose(f);
    f = fopen("/sandbox/sub/new.txt", "a");
    fputs("second line\n", f);
    fclose(f);
    list("/sandbox");
    list("/sandbox/sub");
    printf("open missing: %s\n", open("/sandbox/nope.txt", O_RDONLY) < 0 ? strerror(errno) : "opened?");
    printf("rmdir non-empty: %s\n", rmdir("/sandbox/sub") ? strerror(errno) : "ok?");
    printf("unlink: %d %d\n", unlink("/sandbox/sub/moved.txt"), unlink("/sandbox/sub/new.txt"));
    printf("rmdir: %d\n", rmdir("/sandbox/sub"));
    list("/sandbox");

    try_open("/sandbox/../escape.txt");
    try_open("/sandbox/link_out/escape.txt");
    try_open("/sandbox/abs_link");
    try_open("/etc/passwd");
    return 0;
}
