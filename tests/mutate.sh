#!/bin/sh
# mutate.sh: mutation testing. Each mutant of tests/mutants.txt is a small
# bug put into one file of src/; the tests the catalogue lists for it must
# then fail ("killed"). A mutant the tests do not notice "survived": a test
# is missing, or the mutant changes nothing a learner could see (then the
# catalogue marks it equivalent, with the reason).
#
#   tests/mutate.sh [--only ID,ID...] [--jobs N] [--keep]
#   tests/mutate.sh --check      (only check the catalogue against src/)
#   make mutate [MUTATE_ARGS="--jobs 2"]
#
# The source tree (IPCSH_SRCDIR, else this script's ..) is never touched:
# its files (git ls-files, tracked and untracked but not ignored; without
# git, "make distdir" or a plain copy) are copied into a scratch directory
# under ${TMPDIR:-/tmp}, bootstrapped, configured and built there once (once
# per job). The listed tests are first run on the unmutated build: they
# must pass, or no kill would mean anything. Then, for each mutant: the
# original text must occur exactly once in its file (else the catalogue is
# wrong: reported, and the run fails), the replacement is made, "make"
# builds it (a mutant that does not compile is "stillborn", reported apart
# and not counted: fix it in the catalogue), "make check TESTS=..." runs
# only its tests under a time limit (IPCSH_MUTATE_TIMEOUT seconds, 300 by
# default; a timeout counts as killed), and the file is restored.
#
# Output: one line per mutant, then
#   mutants: N, killed K, survived S (P %)
# and the survivors. Exit 1 when fewer than 90 % are killed, or when a
# mutant is stillborn or a catalogue line is wrong; 0 otherwise.
# Plain POSIX sh.

set -u
LC_ALL=C
export LC_ALL
me=$(basename "$0")
only= jobs=1 keep=0 check=0
while [ $# -gt 0 ]; do
	case $1 in
	--only) [ $# -ge 2 ] || { echo "$me: --only needs ID,ID..." >&2; exit 2; }; only=$2; shift 2 ;;
	--only=*) only=${1#--only=}; shift ;;
	--jobs) [ $# -ge 2 ] || { echo "$me: --jobs needs N" >&2; exit 2; }; jobs=$2; shift 2 ;;
	--jobs=*) jobs=${1#--jobs=}; shift ;;
	--keep) keep=1; shift ;;
	--check) check=1; shift ;;
	-h|--help) sed -n '2,29s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "$me: unknown argument \"$1\" (--only ID,ID, --jobs N, --keep, --check)" >&2; exit 2 ;;
	esac
done
case $jobs in ''|*[!0-9]*|0) echo "$me: --jobs takes a number from 1 up" >&2; exit 2 ;; esac

src=${IPCSH_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
src=$(cd "$src" && pwd) || exit 2
catalogue=${IPCSH_MUTANTS:-$src/tests/mutants.txt}
limit=${IPCSH_MUTATE_TIMEOUT:-300}
[ -f "$catalogue" ] || { echo "$me: no catalogue at $catalogue" >&2; exit 2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/ipcsh-mutate.XXXXXX") || exit 2
cleanup() {
	# end only the workers this script started
	for p in $worker_pids; do kill "$p" 2>/dev/null; done
	if [ "$keep" = 1 ]; then echo "# kept: $W"; else rm -rf "$W"; fi
}
worker_pids=
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
US=$(printf '\037')

# ---- the catalogue: ID | FILE | ORIGINAL | REPLACEMENT | TESTS [| equivalent REASON]
# "\|" is a literal | inside a field; fields are trimmed. Written to
# $W/list, one record a line, fields separated by \037.
awk -v us="$US" -v only="$only" '
	function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
	BEGIN { n = split(only, o, ","); for (i = 1; i <= n; i++) if (o[i] != "") want[o[i]] = 1 }
	/^[ \t]*(#|$)/ { next }
	{
		line = $0
		gsub(/\\\|/, "\001", line)
		n = split(line, f, "|")
		for (i = 1; i <= n; i++) { f[i] = trim(f[i]); gsub("\001", "|", f[i]) }
		if (n < 5 || n > 6 || f[1] == "" || f[2] == "" || f[3] == "" || f[5] == "") {
			printf "%s:%d: not ID | FILE | ORIGINAL | REPLACEMENT | TESTS [| equivalent REASON]\n", FILENAME, NR > "/dev/stderr"
			bad = 1; next
		}
		if (n == 6 && f[6] !~ /^equivalent /) {
			printf "%s:%d: the sixth field is \"equivalent REASON\"\n", FILENAME, NR > "/dev/stderr"
			bad = 1; next
		}
		if (f[1] in seen) { printf "%s:%d: the id %s is used twice\n", FILENAME, NR, f[1] > "/dev/stderr"; bad = 1; next }
		seen[f[1]] = 1
		if (only != "" && !(f[1] in want)) next
		found[f[1]] = 1
		print f[1] us f[2] us f[3] us f[4] us f[5] us (n == 6 ? f[6] : "")
	}
	END {
		for (id in want) if (!(id in found)) { printf "no mutant %s in the catalogue\n", id > "/dev/stderr"; bad = 1 }
		exit bad
	}' "$catalogue" > "$W/list" || exit 2
total=$(wc -l < "$W/list" | tr -d ' ')
[ "$total" -gt 0 ] || { echo "$me: no mutant to run" >&2; exit 2; }
[ "$jobs" -gt "$total" ] && jobs=$total

# apply FILE: put ORIG's only occurrence in FILE to REPL (both from the
# environment: no escape is interpreted). Exit 3: not found exactly once.
apply() {
	awk 'BEGIN { o = ENVIRON["MUT_ORIG"]; r = ENVIRON["MUT_REPL"]; ol = length(o) }
	     { lines[NR] = $0; s = $0
	       while ((i = index(s, o)) > 0) { hits++; at = NR; s = substr(s, i + ol) } }
	     END {
		if (hits != 1) { print hits + 0; exit 3 }
		for (n = 1; n <= NR; n++) {
			if (n == at) { i = index(lines[n], o); lines[n] = substr(lines[n], 1, i - 1) r substr(lines[n], i + ol) }
			print lines[n] > ENVIRON["MUT_OUT"]
		}
	     }' "$1"
}

# --check: every original text occurs once, every test exists; nothing runs
if [ "$check" = 1 ]; then
	nbad=0
	while IFS="$US" read -r id file orig repl tests equiv; do
		if [ ! -f "$src/$file" ]; then
			echo "$id: no file $file"; nbad=$((nbad + 1)); continue
		fi
		hits=$(MUT_ORIG=$orig MUT_REPL=$repl MUT_OUT=/dev/null apply "$src/$file") ||
			{ echo "$id: the original text occurs $hits times in $file, not once"; nbad=$((nbad + 1)); }
		for t in $tests; do
			[ -f "$src/$t" ] || [ -f "$src/$t.c" ] || { echo "$id: no test $t"; nbad=$((nbad + 1)); }
		done
	done < "$W/list"
	echo "# $total mutants checked, $nbad problems"
	[ $nbad -eq 0 ]; exit
fi

# ---- a copy of the source tree, built once per job ----
mkdir "$W/pristine"
if git -C "$src" rev-parse --show-toplevel > /dev/null 2>&1 &&
   [ "$(cd "$(git -C "$src" rev-parse --show-toplevel)" && pwd)" = "$src" ]; then
	(cd "$src" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf - 2>/dev/null) |
		(cd "$W/pristine" && tar xf -) || { echo "$me: cannot copy $src" >&2; exit 2; }
elif [ -f "$src/Makefile" ] && make -s -C "$src" distdir distdir="$W/dist" > "$W/distdir.log" 2>&1; then
	rmdir "$W/pristine" && mv "$W/dist" "$W/pristine"
else
	(cd "$src" && tar cf - --exclude=.git .) | (cd "$W/pristine" && tar xf -) || exit 2
	[ -f "$W/pristine/Makefile" ] && (cd "$W/pristine" && make -s distclean > /dev/null 2>&1)
fi
echo "# $total mutants from $catalogue; $src copied to $W (jobs $jobs)"

# build_tree DIR: bootstrap when needed, configure, make, and the test
# programs (log in DIR.log). Configured trees hold absolute paths, so each
# job has a tree of its own, made from the pristine copy.
build_tree() {
	cp -R "$W/pristine" "$1" && (
		cd "$1" || exit 1
		[ -x configure ] || ./autogen.sh || exit 1
		./configure -q || exit 1
		make -j2 || exit 1
		make -j2 check TESTS= || exit 1
	) > "$1.log" 2>&1 < /dev/null
}
t0=$(date +%s)
k=0
while [ $k -lt "$jobs" ]; do
	build_tree "$W/tree$k" || { echo "$me: the unmutated tree does not build:" >&2; tail -30 "$W/tree$k.log" >&2; exit 2; }
	k=$((k + 1))
done

# run_tests DIR TESTS...: make check of those tests only, under the time
# limit; 124 (or 137) when it ran out of time
run_tests() {
	_d=$1; shift
	(cd "$_d" && IPCSH_TEST_TIMEOUT=$limit timeout -k 10 "$limit" make -j"${IPCSH_MUTATE_CHECK_JOBS:-2}" check TESTS="$*") > "$_d/check.out" 2>&1 < /dev/null
}

# The baseline: every test the catalogue names passes on the real code.
all_tests=$(awk -F "$US" '{ n = split($5, t, " "); for (i = 1; i <= n; i++) print t[i] }' "$W/list" | sort -u | tr '\n' ' ')
# shellcheck disable=SC2086
if ! run_tests "$W/tree0" $all_tests; then
	echo "$me: the tests fail without any mutant; fix that first:" >&2
	grep -E '^(FAIL|ERROR)' "$W/tree0/check.out" >&2
	exit 1
fi
echo "# baseline: the $(echo $all_tests | wc -w | tr -d ' ') tests the catalogue names pass unmutated ($(($(date +%s) - t0)) s to build and check)"

# worker K: runs every mutant whose line number is K modulo jobs, in its
# tree; one result line each: RESULT ID FILE SECONDS [equivalent ...]
worker() {
	_k=$1 _tree=$W/tree$1 _n=0
	while IFS="$US" read -r id file orig repl tests equiv; do
		_n=$((_n + 1))
		[ $(( (_n - 1) % jobs )) -eq "$_k" ] || continue
		_s=$(date +%s)
		_f=$_tree/$file
		if [ ! -f "$_f" ]; then
			echo "bad $id $file (no such file)"; continue
		fi
		cp "$_f" "$W/orig.$_k"
		if ! hits=$(MUT_ORIG=$orig MUT_REPL=$repl MUT_OUT=$W/mut.$_k apply "$_f"); then
			echo "bad $id $file (the original text occurs $hits times, not once)"; continue
		fi
		cat "$W/mut.$_k" > "$_f"
		if ! (cd "$_tree" && make -j2 && make -j2 check TESTS=) > "$_tree/make.out" 2>&1 < /dev/null; then
			_r=stillborn
		else
			# shellcheck disable=SC2086
			run_tests "$_tree" $tests
			case $? in
			0) _r=survived ;;
			124|137) _r=killed/timeout ;;
			*) _r=killed ;;
			esac
		fi
		cat "$W/orig.$_k" > "$_f"      # a new mtime: make rebuilds it next time
		echo "$_r $id $file $(($(date +%s) - _s))s${equiv:+ [$equiv]}"
	done < "$W/list"
}

k=0
while [ $k -lt "$jobs" ]; do
	: > "$W/res.$k"
	worker $k > "$W/res.$k" &
	worker_pids="$worker_pids $!"
	eval "shown_$k=0"
	k=$((k + 1))
done
# each job's lines as they come
while :; do
	alive=0
	for p in $worker_pids; do kill -0 "$p" 2>/dev/null && alive=1; done
	k=0
	while [ $k -lt "$jobs" ]; do
		n=$(wc -l < "$W/res.$k" | tr -d ' ')
		eval "s=\$shown_$k"
		[ "$n" -gt "$s" ] && sed -n "$((s + 1)),${n}p" "$W/res.$k"
		eval "shown_$k=$n"
		k=$((k + 1))
	done
	[ $alive = 1 ] || break
	sleep 1
done
for p in $worker_pids; do wait "$p"; done
worker_pids=

# ---- the summary, in catalogue order ----
cat "$W"/res.* > "$W/res"
awk -v us="$US" -v secs="$(($(date +%s) - t0))" '
	FNR == NR { split($0, f, us); order[++n] = f[1]; eq[f[1]] = f[6]; next }
	{ r[$2] = $1; file[$2] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			id = order[i]; v = r[id]
			if (v == "") { bad++; missing = missing " " id; continue }
			if (eq[id] != "") { equiv++; elist = elist sprintf("  %s %s: %s (%s)\n", id, file[id], eq[id], v); continue }
			if (v ~ /^killed/) k++
			else if (v == "survived") { s++; slist = slist sprintf("  %s %s\n", id, file[id]) }
			else if (v == "stillborn") { sb++; sblist = sblist " " id }
			else bad++
		}
		m = k + s
		printf "mutants: %d, killed %d, survived %d (%.1f %%)\n", m, k, s, m ? 100 * k / m : 0
		if (sb) printf "stillborn (not counted; fix them in the catalogue):%s\n", sblist
		if (equiv) printf "marked equivalent (not counted): %d\n%s", equiv, elist
		if (bad) printf "catalogue lines that could not be applied: %d%s\n", bad, missing
		if (s) printf "survivors:\n%s", slist
		printf "# %d s in all\n", secs
		exit (m == 0 || 100 * k < 90 * m || sb || bad) ? 1 : 0
	}' "$W/list" "$W/res"
