#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H
// pkg-config's -I/usr/include/postgresql finds <libpq-fe.h>; without pkg-config, Debian's
// libpq-dev still has it under postgresql/ on the default include path.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif
#endif
