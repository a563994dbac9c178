#!/bin/sh
# run-script.sh: runs one tests/scripts/*.ipc through "ipcsh -f" and prints
# TAP: the exit status ("# exit: N" in the script, default 0), the output
# against NAME.out when there is one (pids, paths and times normalised), and
# the census: no session directory and no actor process left.
script=$1
. "$(dirname "$0")/lib.sh"
want=$(sed -n 's/^# exit: *\([0-9]*\).*/\1/p' "$script" | head -n 1)
want=${want:-0}
timeout 60 "$IPCSH" -f "$script" > "$T/out" 2>&1
rc=$?
sed 's/^/# /' "$T/out"
ok $([ $rc -eq "$want" ]; echo $?) "$(basename "$script"): exit status $rc (want $want)"
expected="${script%.ipc}.out"
if [ -f "$expected" ]; then
	sed -E -e "s|$XDG_RUNTIME_DIR/ipcsh/[0-9]+|DIR|g" -e 's/\(pid [0-9]+\)/(pid PID)/g' \
	    -e 's/(fork\(\)|waitpid\([^)]*\)) = [0-9]+/\1 = PID/g' -e 's/=[0-9]+, SIG/=PID, SIG/g' \
	    -e 's/anon_pipe_/pipe_/g' -e 's/woke after [0-9.]+ s/woke after T s/' "$T/out" > "$T/norm"
	if diff -u "$expected" "$T/norm" > "$T/diff"; then ok 0 "output matches $(basename "$expected")"
	else sed 's/^/# /' "$T/diff"; ok 1 "output matches $(basename "$expected")"; fi
fi
check "no session directory left" no_session_dir
check "no actor process left" no_actor_left "$T/out"
done_testing
