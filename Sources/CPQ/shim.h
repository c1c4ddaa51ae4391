// libpq, PostgreSQL's C client library, for the registry's PostgreSQL backend.
#ifndef CAMGAP_CPQ_SHIM_H
#define CAMGAP_CPQ_SHIM_H
#include <libpq-fe.h>
#endif
