#!/bin/sh
# autogen.sh: regenerate the build system (configure, Makefile.in, po/ glue).
set -e
cd "$(dirname "$0")"
autoreconf -fi
