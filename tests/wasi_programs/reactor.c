/* A WASI reactor (built with -mexec-model=reactor): no _start; _initialize runs
   the constructors, then the host calls the exports as often as it likes.
   Strings cross as (pointer, length) in the reactor's memory, allocated with
   its own exported alloc(). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *greeting; /* set by the constructor: NULL if _initialize never ran */
static int calls;

__attribute__((constructor)) static void init(void) {
    const char *env = getenv("GREETING");
    greeting = env ? env : "Hello";
}

__attribute__((export_name("alloc"))) void *alloc(size_t n) { return malloc(n); }

__attribute__((export_name("dealloc"))) void dealloc(void *p) { free(p); }

/* A new NUL-terminated string "<greeting>, <name>! (call N)"; free it with dealloc. */
__attribute__((export_name("greet"))) char *greet(const char *name, size_t len) {
    size_t size = len + 64;
    char *out = malloc(size);
    snprintf(out, size, "%s, %.*s! (call %d)", greeting ? greeting : "(not initialized)",
             (int)len, name, ++calls);
    return out;
}

/* Upper-cases the buffer in place; reports on stdout through WASI. */
__attribute__((export_name("shout"))) size_t shout(char *s, size_t len) {
    for (size_t i = 0; i < len; i++) s[i] = (char)toupper((unsigned char)s[i]);
    printf("shouted %zu bytes\n", len);
    fflush(stdout);
    return len;
}
