#!/bin/sh
# run.sh: the README's quick start. Installs the Debian build dependencies
# that are missing (as root), bootstraps, configures and builds ipcsh, then
# starts it ("./run.sh [IPCSH OPTIONS]") or runs the tests ("./run.sh check").
set -e
cd "$(dirname "$0")"
DEPS="gcc make autoconf automake autopoint gettext pkg-config libreadline-dev libncurses-dev tmux procps util-linux strace iproute2 python3 clang libclang-rt-dev valgrind"
missing=""
for p in $DEPS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update
		DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
	else
		echo "run.sh: missing Debian packages:$missing" >&2
		echo "run.sh: install them with: sudo apt-get install -y$missing" >&2
		exit 2
	fi
fi
[ -x configure ] || ./autogen.sh
# configure again when the tree was configured with other flags, so that
# CONFIGURE_FLAGS is never silently not applied
have=""
[ -x config.status ] && have=$(./config.status --config | tr -d "'")
[ -f Makefile ] && [ "$have" = "$(echo ${CONFIGURE_FLAGS:-})" ] || ./configure ${CONFIGURE_FLAGS:-}
make -j"$(nproc)"
if [ "${1:-}" = check ]; then
	exec make -j"$(nproc)" check
fi
exec ./ipcsh "$@"
