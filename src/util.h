/* Allocation that never returns NULL: running out of memory in a clerk
 * terminal is not recoverable, so it aborts (as tmux's xmalloc). */
#ifndef HOSHO_UTIL_H
#define HOSHO_UTIL_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A random (version 4) UUID in its text form, for request ids. */
void uuid_v4(char out[37]);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
