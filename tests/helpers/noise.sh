#!/bin/sh
# noise.sh: a broken stand-in for ipcsh used by harness.test. It takes the
# same options, makes nothing, and prints output that looks like ipcsh's
# (a plausible result line for each command of the script), then exits 0.
# Every script test must fail against it.
file=
while [ $# -gt 0 ]; do
	case $1 in -f) file=$2; shift ;; esac
	shift
done
echo "ipcsh 0.1.0 - session /tmp/ipcsh-0/4242"
[ -n "$file" ] && sed -n 's/^\([A-Za-z_][A-Za-z0-9_-]*\): \([a-z_]*\).*/  \1: \2() = 0/p' "$file"
echo "  spawned A (pid 4243)"
echo "1..0"
exit 0
