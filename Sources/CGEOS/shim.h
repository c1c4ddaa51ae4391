// camgap uses the reentrant GEOS C API only: one context per thread.
#ifndef CAMGAP_CGEOS_SHIM_H
#define CAMGAP_CGEOS_SHIM_H
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
