#ifndef CAMGAP_CPROJ_SHIM_H
#define CAMGAP_CPROJ_SHIM_H
#include <proj.h>
/* proj_create_ellipsoidal_2D_cs, proj_create_geographic_crs_from_datum (PROJ >= 6). */
#include <proj_experimental.h>
#endif
