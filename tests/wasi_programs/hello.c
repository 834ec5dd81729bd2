/* Hello world: fd_write to stdout through stdio buffering. */
#include <stdio.h>

int main(void) {
    printf("Hello, WASI!\n");
    return 0;
}
