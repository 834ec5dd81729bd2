/* Exit with argv[1] (via exit(), i.e. proc_exit) after writing to stdout and stderr. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int code = argc > 1 ? atoi(argv[1]) : 0;
    printf("exiting with %d\n", code);
    fprintf(stderr, "this goes to stderr\n");
    exit(code);
}
