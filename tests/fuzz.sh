#!/bin/sh
# fuzz.sh: make fuzz. Builds each target of fuzz/ with clang and libFuzzer
# (AddressSanitizer, UndefinedBehaviorSanitizer, LeakSanitizer) into
# fuzz-build/, from this build's config.h and the library's own sources,
# and runs it for FUZZ_RUNS inputs (1000000 unless set) from its seed
# corpus, fuzz/corpus/TARGET (the lesson target also from the shipped
# lessons), and the inputs that once crashed, fuzz/crashes/TARGET. New
# inputs it finds go to fuzz-build/corpus/TARGET; a crash, leak or UB
# stops the target and leaves fuzz-build/crash-TARGET-*: add it to
# fuzz/crashes/TARGET, where make check replays it for ever after.
# Make passes FUZZ_SRCDIR, FUZZ_LIB_SOURCES, FUZZ_CPPFLAGS and FUZZ_LIBS.
# Prints a line a target and automake's "# PASS:" and "# FAIL:" counts.
set -u
runs=${FUZZ_RUNS:-1000000}
targets=${FUZZ_TARGETS:-parse cond lesson state json}
src=${FUZZ_SRCDIR:-.}
cc=${FUZZ_CC:-clang}
flags="-g -O1 -std=gnu11 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
if ! command -v "$cc" > /dev/null; then
	echo "make fuzz: $cc is not installed (Debian: apt-get install clang libclang-rt-dev)" >&2
	exit 2
fi
mkdir -p fuzz-build/obj
objs=""
for f in $FUZZ_LIB_SOURCES; do
	case $f in *.c) ;; *) continue ;; esac
	o=fuzz-build/obj/$(basename "$f" .c).o
	objs="$objs $o"
	[ "$o" -nt "$src/$f" ] && [ "$o" -nt config.h ] && continue
	eval "\"\$cc\" $flags -fsanitize=fuzzer-no-link $FUZZ_CPPFLAGS -c \"\$src/\$f\" -o \"\$o\"" || exit 2
done
pass=0 fail=0
for t in $targets; do
	eval "\"\$cc\" $flags -fsanitize=fuzzer $FUZZ_CPPFLAGS \"\$src/fuzz/fuzz_\$t.c\" $objs $FUZZ_LIBS -o fuzz-build/fuzz_\$t" || exit 2
	mkdir -p "fuzz-build/corpus/$t"
	seeds="$src/fuzz/corpus/$t"
	[ -d "$src/fuzz/crashes/$t" ] && seeds="$seeds $src/fuzz/crashes/$t"
	[ "$t" = lesson ] && seeds="$seeds $src/lessons/en $src/lessons/zh_CN $src/tests/lessons"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	"./fuzz-build/fuzz_$t" -runs="$runs" -seed=1 -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="fuzz-build/crash-$t-" "fuzz-build/corpus/$t" $seeds \
		> "fuzz-build/log-$t" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz-build/log-$t")
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok - fuzz $t: ${execs:-?} inputs in $(( $(date +%s) - t0 )) s, no crash, leak or undefined behaviour"
	else
		fail=$((fail + 1))
		echo "not ok - fuzz $t: stopped after ${execs:-?} inputs (exit $rc); see fuzz-build/log-$t:"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "fuzz-build/log-$t" | head -n 10
	fi
done
echo "# PASS: $pass"
echo "# FAIL: $fail"
[ $fail -eq 0 ]
