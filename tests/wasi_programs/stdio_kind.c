/* What the standard streams look like: isatty, fstat type, open flags (redirected: not a tty). */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
int main(void) {
    for (int fd = 0; fd < 3; fd++) {
        struct stat st;
        int rc = fstat(fd, &st);
        printf("fd %d isatty %d fstat %d mode %o flags %x\n", fd, isatty(fd), rc, rc == 0 ? (unsigned)(st.st_mode & S_IFMT) : 0, fcntl(fd, F_GETFL));
    }
    return 0;
}
