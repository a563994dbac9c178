/* test_kproc.c: the one reader of /proc/PID (kproc.c) against real
 * processes: a child asleep in read(2) on a pipe (its state, parent, the
 * system call and descriptor it is in, where it sleeps), a zombie (no
 * wait channel), and this process's own mappings (a file mapped, then
 * unlinked: " (deleted)" taken off its path and said). */
#include "config.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"
#include "../../src/kproc.h"

/* Wait (up to 2 s) until pid sleeps in a system call. */
static bool wait_asleep(pid_t pid)
{
	for (int i = 0; i < 200; i++) {
		struct kproc_stat st;
		struct kproc_syscall sc;
		if (kproc_stat(pid, &st) == 0 && st.state == 'S' && kproc_syscall(pid, &sc) == 0 && !sc.running &&
		    sc.nr == SYS_read)
			return true;
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	return false;
}

static void test_asleep_in_read(void)
{
	int p[2];
	if (pipe(p) < 0)
		return;
	int fd = fcntl(p[0], F_DUPFD, 40);   /* a descriptor number to recognise */
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(p[1]);
		_exit(read(fd, &c, 1) == 1 ? 0 : 1);
	}
	ok(wait_asleep(pid), "the child sleeps in read(2)");
	struct kproc_stat st;
	ok(kproc_stat(pid, &st) == 0 && st.ppid == getpid() && st.starttime > 0, "stat: its parent is us, it has a start time");
	struct kproc_syscall sc;
	ok(kproc_syscall(pid, &sc) == 0 && !sc.running && sc.nr == SYS_read && sc.arg0 == (unsigned long)fd,
	   "syscall: read, on descriptor %d (got %ld on %lu)", fd, sc.nr, sc.arg0);
	char wchan[64];
	ok(kproc_wchan(pid, wchan, sizeof wchan) == 0 && wchan[0] && strcmp(wchan, "0"),
	   "wchan: where it sleeps has a name (\"%s\")", wchan);
	struct kproc_status ss;
	ok(kproc_status(pid, &ss) == 0 && ss.state == 'S', "status: asleep");
	ok(write(p[1], "x", 1) == 1, "a byte written to the pipe");
	int status;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the write woke it");
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void test_zombie(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(7);
	struct kproc_stat st = {0};
	for (int i = 0; i < 200 && (kproc_stat(pid, &st) < 0 || st.state != 'Z'); i++)
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	ok(st.state == 'Z', "a child that exited is a zombie until waited for");
	char wchan[64] = "x";
	kproc_wchan(pid, wchan, sizeof wchan);
	is_str(wchan, "", "a zombie sleeps nowhere: no wait channel (the kernel's \"0\")");
	ok(kproc_stat(pid, &st) == 0 && (st.exit_code & 0xff00) >> 8 == 7, "stat's exit code field says 7");
	waitpid(pid, NULL, 0);
	ok(kproc_stat(pid, &st) < 0, "reaped: gone");
}

static void test_maps(void)
{
	char path[] = "/tmp/ipcsh-test-kproc-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, 4096) < 0)
		return;
	void *at = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	unlink(path);
	struct kproc_map *m;
	size_t n;
	ok(kproc_maps(getpid(), &m, &n) == 0 && n > 3, "maps: our own mappings (%zu)", n);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		if (m[i].lo == (uint64_t)(uintptr_t)at) {
			found = true;
			ok(m[i].hi - m[i].lo == 4096 && !strcmp(m[i].perms, "r--s"), "the file's mapping: 4096 bytes, r--s");
			is_str(m[i].path, path, "its path, without \" (deleted)\"");
			ok(m[i].deleted, "and unlinked, it says so");
		}
	ok(found, "the mapping is at the address mmap gave");
	kproc_maps_free(m, n);
	munmap(at, 4096);
}

int main(void)
{
	test_asleep_in_read();
	test_zombie();
	test_maps();
	struct kproc_stat st;
	ok(kproc_stat(0, &st) < 0 && kproc_stat(-1, &st) < 0, "no process 0 or -1");
	return done_testing();
}
