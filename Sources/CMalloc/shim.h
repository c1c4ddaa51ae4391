#ifndef CAMGAP_CMALLOC_SHIM_H
#define CAMGAP_CMALLOC_SHIM_H
/* glibc's allocator tuning (mallopt), for the command-line process only. */
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
