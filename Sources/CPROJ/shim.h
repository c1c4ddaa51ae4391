#ifndef CAMGAP_CPROJ_SHIM_H
#define CAMGAP_CPROJ_SHIM_H
#include <proj.h>
/* CRS construction (proj_create_projected_crs and friends) for the cached proj_factors operation. */
#include <proj_experimental.h>
#endif
