/* Read stdin to the end and write it back upper-cased, with a byte count on stderr. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
    int c;
    long n = 0;
    while ((c = getchar()) != EOF) {
        putchar(toupper(c));
        n++;
    }
    fprintf(stderr, "%ld bytes\n", n);
    return n == 0 ? 1 : 0;
}
