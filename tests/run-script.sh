#!/bin/sh
# run-script.sh: runs one tests/scripts/*.ipc through "ipcsh --tap=3 -f"
# (the reports on a descriptor of their own, so that no line the script
# prints can pass for one) and prints TAP. Every assertion counts on its own:
# - each expect and expect-reject ipcsh reports becomes a check here, and
#   the lines they came from must be exactly the script's assertion lines
#   (one missing, one extra or one reported twice fails the test);
# - ipcsh must exit 0 and print its plan: a rejection the script wants is
#   written "expect-reject LINE", where it happens;
# - NAME.out, when there is one, is the golden transcript (pids, ids,
#   paths, addresses and times normalised): read it line by line for truth
#   whenever it changes; on a difference the diff is in the log;
# - then the census of lib.sh, read from the kernel.
script=$1
. "$(dirname "$0")/lib.sh"
name=$(basename "$script")
lim=${IPCSH_SCRIPT_TIMEOUT:-240}
timeout -k 5 "$lim" "$IPCSH" --tap=3 -f "$script" 3> "$T/tap" > "$T/out" 2>&1
rc=$?
sed 's/^/# /' "$T/out"
[ $rc -eq 124 ] && echo "# ipcsh was still running after $lim s: killed"

# the script's assertion lines, one number per assertion (an expect starts
# a line or follows ; or &)
awk '/^[ \t]*#/ { next }
     /^[ \t]*expect-reject[ \t]/ { print NR; next }
     { n = gsub(/(^|[;&])[ \t]*expect[ \t]/, "&"); for (i = 0; i < n; i++) print NR }' "$script" > "$T/want"
sed -nE 's/^(not )?ok [0-9]+ - line ([0-9]+): .*/\2/p' "$T/tap" > "$T/got"
# each report, its # escaped (no TAP directive can hide in a comment)
while IFS= read -r line; do
	line=$(printf '%s' "$line" | sed 's/#/\\#/g')
	case $line in
	"ok "*) ok 0 "$name: ${line#ok * - }" ;;
	"not ok "*) ok 1 "$name: ${line#not ok * - }" ;;
	esac
done < "$T/tap"
nwant=$(wc -l < "$T/want")
expected="${script%.ipc}.out"
check "$name asserts something (an expect, an expect-reject or a golden .out)" \
	[ "$nwant" -gt 0 -o -f "$expected" ]
if cmp -s "$T/want" "$T/got"; then
	ok 0 "$name: each of its $nwant assertions ran once and reported"
else
	echo "# assertion lines in the script: $(tr '\n' ' ' < "$T/want")"
	echo "# assertion lines ipcsh reported: $(tr '\n' ' ' < "$T/got")"
	ok 1 "$name: each of its $nwant assertions ran once and reported"
fi
check "$name: ipcsh ended normally and printed its plan" grep -qxE "1\.\.$(wc -l < "$T/got" | tr -d ' ')" "$T/tap"
check "$name: exit status $rc (want 0: every command accepted, every assertion held)" [ $rc -eq 0 ]
if [ -f "$expected" ]; then
	normalize_out "$T/out" > "$T/norm"
	if diff -u "$expected" "$T/norm" > "$T/diff"; then ok 0 "$name: output matches $(basename "$expected")"
	else sed 's/^/# /' "$T/diff"; ok 1 "$name: output matches $(basename "$expected")"; fi
fi
done_testing
