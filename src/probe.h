/* probe.h: reads the kernel into struct world (see world.h). */
#ifndef IPCSH_PROBE_H
#define IPCSH_PROBE_H
#include "world.h"
#endif
