#ifndef CAMGAP_CPROJ_SHIM_H
#define CAMGAP_CPROJ_SHIM_H
#include <proj.h>
#endif
