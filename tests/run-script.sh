#!/bin/sh
# run-script.sh: runs one tests/scripts/*.ipc through "ipcsh -f" and prints
# TAP: the exit status ("# exit: N" in the script, default 0), the output
# against NAME.out when there is one (pids, paths and times normalised), and
# the census: no session directory, actor process, queue, segment,
# semaphore set, /dev/shm entry or file lock left.
# IPCSH_UPDATE_OUT=1 rewrites NAME.out from this run (then read the diff).
script=$1
. "$(dirname "$0")/lib.sh"
want=$(sed -n 's/^# exit: *\([0-9]*\).*/\1/p' "$script" | head -n 1)
want=${want:-0}
timeout 60 "$IPCSH" -f "$script" > "$T/out" 2>&1
rc=$?
if [ "${IPCSH_UPDATE_OUT:-}" = 1 ] && [ -f "${script%.ipc}.out" ]; then
	normalize_out "$T/out" > "${script%.ipc}.out"   # a maintainer's regeneration
fi
sed 's/^/# /' "$T/out"
ok $([ $rc -eq "$want" ]; echo $?) "$(basename "$script"): exit status $rc (want $want)"
expected="${script%.ipc}.out"
if [ -f "$expected" ]; then
	normalize_out "$T/out" > "$T/norm"
	if diff -u "$expected" "$T/norm" > "$T/diff"; then ok 0 "output matches $(basename "$expected")"
	else sed 's/^/# /' "$T/diff"; ok 1 "output matches $(basename "$expected")"; fi
fi
check "no session directory left" no_session_dir
check "no actor process left" no_actor_left "$T/out"
check "no message queue left" no_queue_left "$T/out"
check "no POSIX queue left" no_mq_left "$T/out"
check "no shared memory segment left" no_shm_left "$T/out"
check "no semaphore set left" no_sem_left "$T/out"
check "no /dev/shm object or named semaphore left" no_devshm_left "$T/out"
check "no file lock left" no_lock_left "$T/out"
done_testing
