/* More file-system calls inside the preopen /sandbox: pread/pwrite, ftruncate,
 * O_EXCL/O_APPEND, a directory large enough for several fd_readdir calls,
 * symlinks that stay inside, and the errors of misused calls. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *err(int rc) { return rc < 0 ? strerror(errno) : "ok"; }

int main(void) {
    int fd = open("/sandbox/data.bin", O_RDWR | O_CREAT | O_EXCL, 0644);
    printf("create: %s\n", err(fd));
    printf("create again (O_EXCL): %s\n", err(open("/sandbox/data.bin", O_RDWR | O_CREAT | O_EXCL, 0644)));
    printf("pwrite: %zd\n", pwrite(fd, "ABCDEFGHIJ", 10, 5));
    char buf[32] = {0};
    printf("pread: %zd '%s'\n", pread(fd, buf, 4, 7), buf);
    printf("offset still 0: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("ftruncate: %s\n", err(ftruncate(fd, 8)));
    struct stat st;
    fstat(fd, &st);
    printf("size after truncate: %lld\n", (long long)st.st_size);
    close(fd);

    fd = open("/sandbox/data.bin", O_WRONLY | O_APPEND);
    write(fd, "++", 2);
    close(fd);
    stat("/sandbox/data.bin", &st);
    printf("size after append: %lld\n", (long long)st.st_size);

    mkdir("/sandbox/many", 0755);
    for (int i = 0; i < 40; i++) {
        char name[64];
        snprintf(name, sizeof name, "/sandbox/many/file_with_a_longish_name_%02d", i);
        close(open(name, O_WRONLY | O_CREAT, 0644));
    }
    DIR *d = opendir("/sandbox/many");
    int count = 0;
    long sum = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        count++;
        sum += atoi(e->d_name + strlen("file_with_a_longish_name_"));
    }
    closedir(d);
    printf("readdir: %d entries, index sum %ld\n", count, sum);

    printf("symlink inside: %s\n", err(symlink("data.bin", "/sandbox/link")));
    char target[64] = {0};
    printf("readlink: %zd '%s'\n", readlink("/sandbox/link", target, sizeof target - 1), target);
    fd = open("/sandbox/link", O_RDONLY);
    memset(buf, 0, sizeof buf);
    printf("read through link: %zd\n", read(fd, buf, sizeof buf));
    close(fd);
    printf("lstat is link: %d\n", lstat("/sandbox/link", &st) == 0 && S_ISLNK(st.st_mode));

    printf("unlink a directory: %s\n", err(unlink("/sandbox/many")));
    printf("rmdir a file: %s\n", err(rmdir("/sandbox/data.bin")));
    printf("open dir for writing: %s\n", err(open("/sandbox/many", O_WRONLY)));
    printf("opendir a file: %s\n", opendir("/sandbox/data.bin") ? "opened?" : strerror(errno));
    printf("read a directory fd: %s\n", err(read(open("/sandbox/many", O_RDONLY | O_DIRECTORY), buf, 4)));
    printf("seek on stdout: %s\n", err((int)lseek(1, 0, SEEK_SET)));
    return 0;
}
