// camgap uses the reentrant GEOS C API only: one context per thread.
#ifndef CAMGAP_CGEOS_SHIM_H
#define CAMGAP_CGEOS_SHIM_H
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

/// 1 when the GEOS this was compiled against has GEOSCoverageIsValid_r (3.12+).
/// Swift cannot test C version macros, so the gate lives here.
static inline int camgap_geos_has_coverage_validation(void) {
#if GEOS_VERSION_MAJOR > 3 || (GEOS_VERSION_MAJOR == 3 && GEOS_VERSION_MINOR >= 12)
  return 1;
#else
  return 0;
#endif
}
#endif
