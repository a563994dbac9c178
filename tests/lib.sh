# lib.sh: shared by every shell and script test. It gives each test a
# world of its own and a census that reads the kernel, not ipcsh's output:
# - where permitted (root, or an unprivileged user namespace), the test runs
#   in its own IPC, mount and PID namespaces with a private /dev/shm and its
#   own mqueue mount, so "nothing left" means exactly nothing: no System V
#   object, /dev/shm entry, POSIX queue, file lock or process besides the
#   test itself; tests running in parallel cannot see each other;
# - elsewhere the tests take one lock in turn and the census compares the
#   kernel's objects with those there at the start (exact for the suite;
#   another program of the same user making objects meanwhile could only
#   make a test fail, never pass), and finds processes by a tag every
#   descendant inherits in its environment;
# - every test runs under a time limit (IPCSH_TEST_TIMEOUT, 300 s) that
#   fails it with a message instead of hanging;
# - sanitizer reports from any process (actors included) land in files
#   the census turns into failures, and so does anything an actor writes
#   to its stderr (IPCSH_ACTOR_STDERR).
# It also has the TAP helpers and bounded waits.
: "${IPCSH:=../ipcsh}"

# bail REASON: stop the whole test now (a program that cannot start)
bail() { echo "Bail out! $*"; exit 1; }

# ---- a namespace of its own, and a time limit ----
lib_ns_flags() { # the unshare flags that work here, or nothing
	[ "${IPCSH_TEST_NS:-1}" = 0 ] && return 1
	command -v unshare > /dev/null || return 1
	for u in "" "--user --map-root-user"; do
		# shellcheck disable=SC2086
		if unshare $u --ipc --mount --pid --fork --mount-proc true 2> /dev/null; then
			echo "$u --ipc --mount --pid --fork --mount-proc --kill-child"; return 0
		fi
	done
	return 1
}
# lib_kill_tagged DIR: kill what a test killed by its time limit left
# running outside a namespace (found by the tag in its environment)
lib_kill_tagged() {
	for _d in /proc/[0-9]*; do
		[ "${_d#/proc/}" = $$ ] && continue
		tr '\0' '\n' 2>/dev/null < "$_d/environ" | grep -qxF "IPCSH_TEST_TAG=$1" && kill -9 "${_d#/proc/}" 2>/dev/null
	done
}
if [ -z "${IPCSH_TEST_INSIDE:-}" ]; then
	lim=${IPCSH_TEST_TIMEOUT:-300}
	T=$(mktemp -d "${TMPDIR:-/tmp}/ipcsh-test.XXXXXX")
	lib_plain=1
	if flags=$(lib_ns_flags); then
		lib_plain=
		# shellcheck disable=SC2086
		IPCSH_TEST_INSIDE=ns IPCSH_TEST_TAG=$T timeout -k 5 "$lim" unshare $flags sh "$0" "$@"
	elif [ -n "${IPCSH_TEST_LOCKED:-}" ]; then   # inside a test that holds the lock
		IPCSH_TEST_INSIDE=plain IPCSH_TEST_TAG=$T timeout -k 5 "$lim" sh "$0" "$@"
	else   # one test at a time (the census compares before and after); the
	       # time limit starts once the lock is held
		IPCSH_TEST_INSIDE=plain IPCSH_TEST_TAG=$T IPCSH_TEST_LOCKED=1 \
			flock -o "${TMPDIR:-/tmp}/ipcsh-tests-$(id -u).lock" timeout -k 5 "$lim" sh "$0" "$@"
	fi
	rc=$?
	[ $rc -eq 124 ] || [ $rc -eq 137 ] && echo "Bail out! $(basename "$0")${1:+ $*}: still running after $lim s, killed (IPCSH_TEST_TIMEOUT)"
	[ -n "$lib_plain" ] && lib_kill_tagged "$T"   # (a namespace's end ends them all)
	rm -rf "$T"
	exit $rc
fi
export IPCSH_TEST_INSIDE IPCSH_TEST_TAG

T=$IPCSH_TEST_TAG
export XDG_RUNTIME_DIR="$T/run" XDG_STATE_HOME="$T/state" LC_ALL=C LANGUAGE=
export TMUX_TMPDIR="$T"   # tmux sockets: $$ is 1 in every PID namespace
mkdir -m 700 "$XDG_RUNTIME_DIR"
mkdir "$T/san"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$T/san/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:log_path=$T/san/ubsan"
export IPCSH_ACTOR_STDERR="$T/san/actors-stderr"   # an actor has nothing to say there
ulimit -S -c 0 2>/dev/null   # default actions that dump core leave no core files (soft: a test may allow them)
# In a namespace of its own the test gets a private /dev/shm and its own
# mqueue file system: on /dev/mqueue where that exists (so ipcsh, which
# reads it, sees the test's queues and no others), else in $T/mq.
if [ "$IPCSH_TEST_INSIDE" = ns ] && [ -z "${IPCSH_TEST_MQ:-}" ]; then
	mount -t tmpfs -o mode=1777 ipcsh-test /dev/shm || bail "cannot mount a private /dev/shm"
	IPCSH_TEST_MQ=/dev/mqueue
	[ -d /dev/mqueue ] || { IPCSH_TEST_MQ="$T/mq"; mkdir "$T/mq"; }
	mount -t mqueue ipcsh-test "$IPCSH_TEST_MQ" || bail "cannot mount mqueue on $IPCSH_TEST_MQ"
	export IPCSH_TEST_MQ
fi
lib_mq=
[ "$IPCSH_TEST_INSIDE" = ns ] && lib_mq=$IPCSH_TEST_MQ
[ -z "$lib_mq" ] && [ -d /dev/mqueue ] && lib_mq=/dev/mqueue
lib_cleanup() {
	[ "$lib_mq" = "$T/mq" ] && umount "$T/mq" 2>/dev/null
	rm -rf "$T"
}
trap lib_cleanup EXIT

# ---- TAP ----
tap_n=0 tap_bad=0
ok() { tap_n=$((tap_n + 1)); if [ "$1" = 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; tap_bad=$((tap_bad + 1)); fi; }
check() { desc=$1; shift; if "$@"; then ok 0 "$desc"; else ok 1 "$desc"; fi; }
# done_testing: the census, then the plan; fails when any check failed
done_testing() { census; echo "1..$tap_n"; [ $tap_bad -eq 0 ]; }
# need TOOL...: skip the test when a tool is missing; under CI a missing
# tool is a failure (README's first command installs every one)
need() {
	for _t in "$@"; do
		command -v "$_t" > /dev/null && continue
		[ -n "${CI:-}" ] && bail "$_t is not installed (under CI every tool must be)"
		echo "1..0 # SKIP $_t is not installed"; exit 0
	done
}
# wait (up to 10 s) until a command succeeds
wait_for() { i=0; while ! "$@"; do i=$((i + 1)); [ $i -gt 200 ] && return 1; sleep 0.05; done; }
# wait_pid PID [SECS]: wait for a child (10 s at most; then kill it, say so
# and return 124); otherwise its exit status
wait_pid() {
	_w=0
	while lib_alive "$1"; do
		_w=$((_w + 1))
		if [ $_w -gt $((${2:-10} * 20)) ]; then
			echo "# pid $1 still running after ${2:-10} s: killed"
			kill -9 "$1" 2>/dev/null; wait "$1" 2>/dev/null; return 124
		fi
		sleep 0.05
	done
	wait "$1"
}
# is PID a live process (not gone, not a zombie)?
lib_alive() {
	read -r _st 2>/dev/null < "/proc/$1/stat" || return 1
	case ${_st##*) } in Z*|X*) return 1 ;; esac
	return 0
}

# ---- what the kernel has: objects and processes ----
lib_sysv() { awk 'NR > 1 { print $2 }' "/proc/sysvipc/$1" 2>/dev/null | sort; }
lib_names() { [ -n "$1" ] && [ -d "$1" ] && ls -A "$1" | sort; }
lib_snapshot() { # DIR: the objects there are now
	mkdir -p "$1"
	for k in msg shm sem; do lib_sysv $k > "$1/$k"; done
	lib_names /dev/shm > "$1/devshm"
	lib_names "$lib_mq" > "$1/mq"
}
lib_snapshot "$T/base0"
cp -r "$T/base0" "$T/base"
# census_own KIND ID: an object the test itself made with another tool
# (ipcmk, a helper): the checks along the way do not count it, the final
# census does (so the test must remove it before done_testing)
census_own() { { cat "$T/base/$1"; echo "$2"; } | sort > "$T/own" && mv "$T/own" "$T/base/$1"; }
# what is there now and was not at the start: lib_new KIND (msg shm sem devshm mq)
lib_new() {
	case $1 in msg|shm|sem) lib_sysv "$1" ;; devshm) lib_names /dev/shm ;; mq) lib_names "$lib_mq" ;; esac |
		comm -13 "$T/base/$1" -
}
lib_none_new() { # KIND WHAT
	_left=$(lib_new "$1" | tr '\n' ' ')
	[ -z "$_left" ] || { echo "# $2 left: $_left"; return 1; }
}
# Each takes (and ignores) the output file older tests passed: the answer
# comes from the kernel, never from what ipcsh printed.
no_queue_left() { lib_none_new msg "System V message queue id"; }
no_shm_left() { lib_none_new shm "System V shared memory id"; }
no_sem_left() { lib_none_new sem "System V semaphore set id"; }
no_devshm_left() { lib_none_new devshm "/dev/shm entry"; }
no_mq_left() {
	if [ -z "$lib_mq" ]; then echo "# no mqueue file system to look in"; [ -z "${CI:-}" ]; return; fi
	lib_none_new mq "POSIX message queue"
}
# the process reading and its ancestors: never counted as left behind
lib_ancestors() {
	_p=self lib_anc=" "
	while [ -n "$_p" ] && [ "$_p" != 0 ]; do
		read -r _st 2>/dev/null < "/proc/$_p/stat" || break
		lib_anc="$lib_anc${_st%% *} "
		set -- ${_st##*) }
		_p=$2
	done
}
# live processes of this test (its namespace, or its tag): "PID COMM"
# lines. Call it in the test's own shell, not in $(...) or a pipeline,
# which would add processes of their own to what it finds.
lib_procs() {
	lib_ancestors
	for _d in /proc/[0-9]*; do
		_p=${_d#/proc/}
		case $lib_anc in *" $_p "*) continue ;; esac
		lib_alive "$_p" || continue
		if [ "$IPCSH_TEST_INSIDE" = plain ]; then
			tr '\0' '\n' 2>/dev/null < "$_d/environ" | grep -qxF "IPCSH_TEST_TAG=$T" || continue
		fi
		read -r _c 2>/dev/null < "$_d/comm" && echo "$_p $_c"
	done
}
no_process_left() {
	lib_procs > "$T/procs"
	[ ! -s "$T/procs" ] || { sed 's/^/# still running: /' "$T/procs"; return 1; }
}
no_actor_left() { # no ipcsh process (a session or an actor) still running
	lib_procs > "$T/procs"
	! grep -q ' ipcsh$' "$T/procs" || { sed -n 's/ ipcsh$//p' "$T/procs" | sed 's/^/# ipcsh still running: pid /'; return 1; }
}
no_lock_left() {
	if [ "$IPCSH_TEST_INSIDE" = ns ]; then
		cat /proc/locks > "$T/locks"   # (a /proc file's size is 0: read it)
		[ ! -s "$T/locks" ] || { sed 's/^/# lock left: /' "$T/locks"; return 1; }
	else
		lib_procs > "$T/procs"
		for _p in $(awk '{ print $1 }' "$T/procs"); do
			if awk -v p="$_p" '$5 == p || ($2 == "->" && $6 == p) { f = 1 } END { exit !f }' /proc/locks; then
				echo "# pid $_p still holds a lock"; return 1
			fi
		done
	fi
}
# no session directory left in this test's runtime directory
no_session_dir() {
	left=$(ls -A "$XDG_RUNTIME_DIR/ipcsh" 2>/dev/null)
	[ -z "$left" ] || { echo "# left in $XDG_RUNTIME_DIR/ipcsh: $left"; return 1; }
}
no_special_file_left() { # no FIFO or socket under the test's directory
	_left=$(find "$T" \( -path "$T/mq" -o -path "$T/tmux-*" \) -prune -o \( -type p -o -type s \) -print | tr '\n' ' ')
	[ -z "$_left" ] || { echo "# FIFOs or sockets left: $_left"; return 1; }
}
no_sanitizer_report() { # nor anything an actor wrote to its stderr
	# (valgrind's files count for their error reports, "==PID==" lines,
	# not for its warnings about system calls it does not know)
	for _v in "$T"/san/valgrind.*; do
		[ -f "$_v" ] && ! grep -q '^==[0-9]*==' "$_v" && rm -f "$_v"
	done
	_left=$(find "$T/san" -type f -size +0)
	[ -z "$_left" ] || { for f in $_left; do sed "s|^|# $(basename "$f"): |" "$f"; done; return 1; }
}
session_dirs() { ls -d "$XDG_RUNTIME_DIR"/ipcsh/[0-9]* 2>/dev/null; }
# The census every test ends with, read from the kernel.
census() {
	rm -rf "$T/base" && cp -r "$T/base0" "$T/base"
	check "census: no process left" no_process_left
	check "census: no System V message queue left" no_queue_left
	check "census: no System V shared memory segment left" no_shm_left
	check "census: no System V semaphore set left" no_sem_left
	check "census: no /dev/shm object or named semaphore left" no_devshm_left
	check "census: no POSIX message queue left" no_mq_left
	check "census: no file lock left" no_lock_left
	check "census: no session directory left" no_session_dir
	check "census: no FIFO or socket file left" no_special_file_left
	check "census: no sanitizer report" no_sanitizer_report
}

# (emit.test, lessons.test: a program save wrote against its session; a
# UTF-8 session's "…" after cut data is the program's "...")
# The call lines of ipcsh's output or of the program's, made comparable:
# "ACTOR|CALL = RESULT" with the data a read or a receive returned, the
# explanations cut, pids, ids, addresses and descriptors of a run made
# stable; ipcsh's pidfd_send_signal is the program's kill. Grouped by
# process, each in its own order (processes run at once: only each one's
# order is fixed).
emit_norm() {
	sed -E -n \
		-e 's/^ +//' -e 's/…/.../g' \
		-e 's/pidfd_send_signal\(pidfd of ([^=]+)=([0-9]+), ([A-Z0-9+-]+), NULL, 0\)/kill(\1=\2, \3)/' \
		-e 's/pidfd_send_signal\(pidfd of ([^=]+)=([0-9]+), ([A-Z0-9+-]+), \{SI_QUEUE, value (-?[0-9]+)\}, 0\)/sigqueue(\1=\2, \3, \4)/' \
		-e "s|$XDG_RUNTIME_DIR/ipcsh/[0-9]+|DIR|g" -e 's|/tmp/ipcsh-c\.[A-Za-z0-9]+|DIR|g' \
		-e 's/"(127\.0\.0\.1|\[::1\]):[0-9]+"/"\1:PORT"/g' \
		-e 's/   \(woke after [^)]*\)$//' \
		-e '/^([A-Za-z0-9_.-]+: )?[a-z_]+\(.*\) = /!d' \
		-e 't r0' -e ':r0' \
		-e 's/^(.* = -1 E[A-Z0-9]+).*/\1/' -e 't done' \
		-e 's/^(.* = [0-9]+   (type|prio) -?[0-9]+: "([^"\\]|\\.)*"(\.\.\.)?).*/\1/' -e 't done' \
		-e 's/^(.* = [0-9]+ "([^"\\]|\\.)*"(\.\.\.)?).*/\1/' -e 't done' \
		-e 's/   .*//' \
		-e ':done' \
		-e 's/(fork\(\)|waitpid\([^)]*\)) = [0-9]+/\1 = PID/' -e 's/=[0-9]+, /=PID, /' \
		-e 's/((msg|shm|sem)get\([^)]*\)) = [0-9]+/\1 = ID/' -e 's/((msg|shm|sem)ctl)\([0-9]+,/\1(ID,/' \
		-e 's/((shmat|sem_open|mmap)\(.*\)) = 0x[0-9a-f]+/\1 = ADDR/' -e 's/(shmdt|munmap|msync)\(0x[0-9a-f]+/\1(ADDR/' \
		-e 's/GETPID\) = [0-9]+/GETPID) = PID/' -e 's/ = [0-9]+, mq_close\([0-9]+\)/ = FD, mq_close(FD)/' \
		-e 's/ = [0-9]+, ftruncate\([0-9]+,/ = FD, ftruncate(FD,/' -e 's/close\([0-9]+\) = /close(FD) = /' \
		-e 'p' "$1" |
	awk '{ k = ""; if (match($0, /^[A-Za-z0-9_.-]+: /)) k = substr($0, 1, RLENGTH - 2); print k "|" $0 }' |
	sort -s -t'|' -k1,1
}

# ipcsh output with what changes from run to run or from machine to
# machine (pids, the session directory, times, the kernel's wait channel
# spellings, ids, addresses; the /dev/mqueue line, printed only where that
# file system is mounted) made stable
normalize_out() {
	sed -E -e 's/ipcsh: error: [^ ]*\.ipc:([0-9]+): /ipcsh: error: SCRIPT:\1: /g' \
	    -e "s|$XDG_RUNTIME_DIR/ipcsh/[0-9]+|DIR|g" -e "s|$T|TMP|g" -e 's/\(pid [0-9]+\)/(pid PID)/g' \
	    -e 's/(fork\(\)|waitpid\([^)]*\)) = [0-9]+/\1 = PID/g' -e 's/=[0-9]+, (SIG|0\)|0,)/=PID, \1/g' \
	    -e 's/anon_pipe_/pipe_/g' -e 's/woke after [0-9.]+ s/woke after T s/' \
	    -e 's/(msgget\([^)]*\)) = [0-9]+/\1 = ID/g' -e 's/(queue,|existed \() id [0-9]+/\1 id ID/g' \
	    -e 's/((shm|sem)get\([^)]*\)) = [0-9]+/\1 = ID/g' -e 's/((shm|sem)ctl\()[0-9]+,/\1ID,/g' \
	    -e 's/(msgctl\()[0-9]{1,9},/\1ID,/g' -e 's/^(  (msg|shm|sem) +[^ ]+ +)id [0-9]+/\1id ID/' \
	    -e 's/^(  [A-Za-z_][A-Za-z0-9_-]* +)pid [0-9]+ +/\1pid PID /' -e 's/\(([A-Za-z_][A-Za-z0-9_-]*), pid [0-9]+,/(\1, pid PID,/g' -e 's/(msg_lspid|msg_lrpid|shm_cpid|shm_lpid) [1-9][0-9]*/\1 PID/g' \
	    -e 's/(GETPID\)) = [1-9][0-9]*/\1 = PID/' -e 's/F_GETLK: pid [0-9]+/F_GETLK: pid PID/' \
	    -e 's/\(pid [0-9]+, a child subreaper\)/(pid PID, a child subreaper)/' -e 's/ for [0-9]+\.[0-9] s( |$)/ for T s\1/' \
	    -e 's/blocked in (futex_wait_queue_me|futex_wait_queue|futex_do_wait)/blocked in FUTEX/' \
	    -e 's/blocked in (__)?do_semtimedop/blocked in do_semtimedop/' \
	    -e 's/blocked in (wq_sleep|do_mq_timedreceive)/blocked in wq_sleep/' \
	    -e 's/\) = ([3-9]|[1-9][0-9]+), (mq_close|ftruncate)\(/) = FD, \2(/' \
	    -e 's/(mq_close|ftruncate|close)\(([3-9]|[1-9][0-9]+)([,)])/\1(FD\3/g' \
	    -e 's/0x[0-9a-f]{9,}/ADDR/g' -e '\|^       /dev/mqueue/.*QSIZE:|d' "$1"
}
