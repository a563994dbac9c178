#!/usr/bin/env python3
"""torture.py SEED: one session of the leak torture (tests/torture.test).

Prints a way for the session to end on its first line (quit, eof, c-end,
SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGKILL: the runner takes each in turn
instead), then its commands, one a line:
a random walk over every family ipcsh has -- pipes, FIFOs, both kinds of
message queue, both kinds of shared memory, mappings, both kinds of
semaphore, file locks, UNIX/TCP/UDP sockets, signals, fork, exit and wait
-- with calls that block, calls that fail, and words that are not
commands at all. The same SEED always gives the same session."""
import random
import sys

ENDS = ["quit", "eof", "c-end", "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGKILL"]
ACTORS = ["A", "B", "C"]


def families(r, n, tag):
    """Templates of commands about object number n; {a} {b}: actors."""
    p, f, q, m, s, h, e, o, k, u, c, t = (x + str(n) for x in "pfqmshe" "okuct")
    mq, ps, sem = "/tq%s%d" % (tag, n), "/th%s%d" % (tag, n), "/to%s%d" % (tag, n)
    return [
        ["{a}: pipe %s" % p, "{a}: write %s hello" % p, "{b}: read %s 3" % p, "{a}: read %s" % p,
         "{a}: close %s.w" % p, "{a}: write %s bytes=70000" % p, "{a}: nonblock %s.r on" % p],
        ["mkfifo %s" % f, "{a}: open %s rw" % f, "{b}: open %s r" % f, "{a}: write %s x" % f, "unlink %s" % f],
        ["{a}: msgget %s" % q, "{a}: msgsnd %s 1 hi nowait" % q, "{b}: msgrcv %s 0" % q,
         "{a}: msgsnd %s 2 bytes=9000" % q, "msgctl %s rm" % q],
        ["mq_open %s maxmsg=2" % mq, "{a}: mq_send %s hi prio=3" % mq, "{b}: mq_receive %s" % mq,
         "{a}: mq_notify %s SIGUSR1" % mq, "mq_unlink %s" % mq],
        ["shmget %s 4096" % s, "{a}: shmat %s" % s, "{a}: poke %s 0 hi" % s, "{b}: shmat %s ro" % s,
         "{b}: peek %s 0 2" % s, "shmctl %s rm" % s, "{a}: shmdt %s" % s],
        ["shm_open %s 8192" % ps, "{a}: mmap %s %s" % (m, ps), "{a}: poke %s 8 x" % m,
         "{a}: mmap %s anon len=4096" % (m + "x"), "{a}: munmap %s" % m, "shm_unlink %s" % ps],
        ["semget %s nsems=2 init=1" % e, "{a}: P %s 0" % e, "{b}: P %s 0" % e, "{a}: V %s 0 undo" % e,
         "{a}: semop %s 0:-1 1:+1 nowait" % e, "semctl %s rm" % e],
        ["sem_open %s init=0" % sem, "{a}: sem_wait %s" % sem, "{b}: sem_post %s" % sem, "sem_unlink %s" % sem],
        ["mkfile %s" % k, "{a}: open %s rw" % k, "{a}: lock %s w" % k, "{b}: open %s rw" % k,
         "{b}: lock %s w wait" % k, "{a}: flock %s ex nowait" % k, "unlink %s" % k],
        ["{a}: socket %s unix" % u, "{a}: bind %s %s" % (u, u), "{a}: listen %s" % u,
         "{b}: socket %s unix" % c, "{b}: connect %s %s" % (c, u), "{a}: accept %s %s" % (u, c + "a"),
         "{b}: send %s hi" % c, "{b}: socketpair %s" % (c + "p")],
        ["{a}: socket %s tcp" % t, "{a}: bind %s 127.0.0.1:0" % t, "{a}: listen %s backlog=1" % t,
         "{a}: socket %s udp" % (t + "d"), "{a}: send %s hi to=127.0.0.1:9" % (t + "d"), "{a}: linger %s 0" % t],
        ["{a}: signal SIGUSR1 catch", "kill -SIGUSR1 {a}", "{a}: sigprocmask block SIGUSR2",
         "kill -SIGUSR2 {a}", "{a}: alarm 1", "{a}: pause", "{a}: sigqueue {b} SIGRTMIN 7"],
        ["{a}: fork F%s" % n, "F%s: exit 3" % n, "{a}: wait F%s" % n, "kill -SIGKILL {b}", "spawn G%s" % n],
    ]


JUNK = ["", "nosuch", "A:", "pipe", "A: read", "msgsnd q 0 x", "shmget s -1", "A: write p \"\\x00\"",
        "expect A.state ==", "bench size=0", "kill -SIGNOPE A", "A: mmap m /nope", "mq_open bad"]


def session(seed):
    r = random.Random(seed)
    tag = "%d" % seed
    lines = ["spawn " + " ".join(ACTORS)]
    for _ in range(r.randint(5, 40)):
        if r.random() < 0.08:
            lines.append(r.choice(JUNK))
            continue
        fam = r.choice(families(r, r.randint(0, 2), tag))
        cmd = fam[r.randint(0, len(fam) - 1)] if r.random() < 0.5 else fam[0]
        a, b = r.sample(ACTORS, 2)
        lines.append(cmd.format(a=a, b=b))
    return r.choice(ENDS), lines


def main():
    end, lines = session(int(sys.argv[1]))
    print(end)
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
