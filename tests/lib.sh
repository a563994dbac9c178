# lib.sh: shared by the shell tests. Each test gets its own runtime and
# state directories, so tests never see each other's sessions; TAP helpers;
# the census that says whether a run left anything behind.
: "${IPCSH:=../ipcsh}"
T=$(mktemp -d "${TMPDIR:-/tmp}/ipcsh-test.XXXXXX")
export XDG_RUNTIME_DIR="$T/run" XDG_STATE_HOME="$T/state" LC_ALL=C LANGUAGE=
mkdir -m 700 "$XDG_RUNTIME_DIR"
ulimit -c 0 2>/dev/null   # default actions that dump core leave no core files
trap 'rm -rf "$T"' EXIT
tap_n=0 tap_bad=0
ok() { tap_n=$((tap_n + 1)); if [ "$1" = 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; tap_bad=$((tap_bad + 1)); fi; }
check() { desc=$1; shift; if "$@"; then ok 0 "$desc"; else ok 1 "$desc"; fi; }
done_testing() { echo "1..$tap_n"; [ $tap_bad -eq 0 ]; }

# pids of actors named in ipcsh output ("(pid N)", "fork() = N")
pids_in() { grep -oE '\(pid [0-9]+\)|fork\(\) = [0-9]+' "$1" | grep -oE '[0-9]+' | sort -u; }
# no process from that list still alive as an ipcsh actor
no_actor_left() {
	for p in $(pids_in "$1"); do
		if [ -r "/proc/$p/comm" ] && [ "$(cat /proc/$p/comm 2>/dev/null)" = ipcsh ]; then
			echo "# actor pid $p is still alive"; return 1
		fi
	done
	return 0
}
# no session directory left in this test's runtime directory
no_session_dir() {
	left=$(ls -A "$XDG_RUNTIME_DIR/ipcsh" 2>/dev/null)
	[ -z "$left" ] || { echo "# left in $XDG_RUNTIME_DIR/ipcsh: $left"; return 1; }
}
session_dirs() { ls -d "$XDG_RUNTIME_DIR"/ipcsh/[0-9]* 2>/dev/null; }
# wait (up to 10 s) until a command succeeds
wait_for() { i=0; while ! "$@"; do i=$((i + 1)); [ $i -gt 200 ] && return 1; sleep 0.05; done; }
# ipcsh output with what changes from run to run (pids, the session
# directory, times, the kernel's pipe wchan spelling, queue ids) made stable
normalize_out() {
	sed -E -e "s|$XDG_RUNTIME_DIR/ipcsh/[0-9]+|DIR|g" -e 's/\(pid [0-9]+\)/(pid PID)/g' \
	    -e 's/(fork\(\)|waitpid\([^)]*\)) = [0-9]+/\1 = PID/g' -e 's/=[0-9]+, (SIG|0\))/=PID, \1/g' \
	    -e 's/anon_pipe_/pipe_/g' -e 's/woke after [0-9.]+ s/woke after T s/' \
	    -e 's/(msgget\([^)]*\)) = [0-9]+/\1 = ID/g' -e 's/(queue,|existed \() id [0-9]+/\1 id ID/g' \
	    -e 's/((shm|sem)get\([^)]*\)) = [0-9]+/\1 = ID/g' -e 's/((shm|sem)ctl\()[0-9]+,/\1ID,/g' \
	    -e 's/0x[0-9a-f]{9,}/ADDR/g' "$1"
}
# no System V queue this run made (its "a new queue, id N" lines) is left
no_queue_left() {
	for id in $(grep -oE 'a new queue, id [0-9]+' "$1" | grep -oE '[0-9]+$' | sort -u); do
		if awk -v id="$id" 'NR > 1 && $2 == id { found = 1 } END { exit !found }' /proc/sysvipc/msg; then
			echo "# message queue id $id is still there"; return 1
		fi
	done
	return 0
}
# no POSIX queue this run made ('mq_open("/N", ...) = 0   a new' lines) is left
no_mq_left() {
	for n in $(sed -n 's/.*mq_open("\(\/[^"]*\)", O_CREAT.*) = 0   .*/\1/p' "$1" | sort -u); do
		if ! "$IPCSH" -c "attach mq $n as census" 2>&1 | grep -q ENOENT; then
			echo "# POSIX queue $n is still there"; return 1
		fi
	done
	return 0
}
# no System V segment or semaphore set this run made is left (their
# "= ID   a new segment" and "= ID, semctl(SETALL" lines)
no_sysv_left() {
	for id in $(sed -n "s/$2/\\1/p" "$1" | sort -u); do
		if awk -v id="$id" 'NR > 1 && $2 == id { found = 1 } END { exit !found }' "/proc/sysvipc/$3"; then
			echo "# $3 id $id is still there"; return 1
		fi
	done
	return 0
}
no_shm_left() { no_sysv_left "$1" '.*shmget([^)]*) = \([0-9]*\)   a new segment.*' shm; }
no_sem_left() { no_sysv_left "$1" '.*semget([^)]*) = \([0-9]*\), semctl(SETALL.*' sem; }
# no POSIX shared memory object or named semaphore this run made is left
no_devshm_left() {
	for n in $(sed -n 's/.*shm_open("\/\([^"]*\)", O_CREAT.*) = 0, ftruncate.*/\1/p' "$1" | sort -u); do
		[ -e "/dev/shm/$n" ] && { echo "# /dev/shm/$n is still there"; return 1; }
	done
	for n in $(sed -n 's/.*sem_open("\/\([^"]*\)", O_CREAT|O_EXCL, 0600, [0-9]*) = 0x.*/\1/p' "$1" | sort -u); do
		[ -e "/dev/shm/sem.$n" ] && { echo "# /dev/shm/sem.$n is still there"; return 1; }
	done
	return 0
}
# no lock in /proc/locks is held by a process this run started
no_lock_left() {
	for p in $(pids_in "$1"); do
		if awk -v p="$p" '$5 == p || ($2 == "->" && $6 == p) { f = 1 } END { exit !f }' /proc/locks; then
			echo "# pid $p still holds a lock"; return 1
		fi
	done
	return 0
}
