/*
 * subproc.c — running a converter (pdftotext, soffice) on untrusted input,
 * safely:
 *
 *   - posix_spawnp with an argument vector: no shell, so nothing in a file
 *     name or the input is ever interpreted as a command;
 *   - the input is piped to the child's standard input and its output read
 *     back through pipes, all three multiplexed with poll() so neither side
 *     can block the other, whatever the child does;
 *   - a time limit: past it the child is killed (SIGKILL) and reaped;
 *   - bounded output: more than max_out bytes kills the child too;
 *   - SIGPIPE (the child exits before reading all its input) is blocked in
 *     this thread while we write and a pending one is consumed, so a
 *     library call never kills its host process.
 */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ERR 4096

extern char **environ;

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void close_fd(int *fd) {
  if (*fd >= 0)
    close(*fd);
  *fd = -1;
}

/* Reads what is there from fd into b (up to cap bytes kept); returns 1 at
 * end of file, -1 if the cap was crossed, 0 otherwise. */
static int drain(int fd, buf *b, size_t cap) {
  char tmp[65536];
  ssize_t k = read(fd, tmp, sizeof tmp);
  if (k == 0)
    return 1;
  if (k < 0)
    return errno == EAGAIN || errno == EINTR ? 0 : 1;
  if (b->len + (size_t)k > cap) {
    buf_put(b, tmp, cap - b->len);
    return -1;
  }
  buf_put(b, tmp, (size_t)k);
  return 0;
}

/* Feeds the child its input and collects its output until it closes both
 * pipes, the time runs out or the output grows past max_out; then reaps
 * it. Takes our ends of the pipes (in_fd may be -1: no input). */
static int pump(pid_t pid, int in_fd, int out_fd, int err_fd, const char *in,
                size_t n_in, int seconds, size_t max_out, subproc *r) {
  int pin[2] = {-1, in_fd}, pout[2] = {out_fd, -1}, perr[2] = {err_fd, -1};
  if (pin[1] >= 0)
    fcntl(pin[1], F_SETFL, O_NONBLOCK);
  fcntl(pout[0], F_SETFL, O_NONBLOCK);
  fcntl(perr[0], F_SETFL, O_NONBLOCK);
  sigset_t pipe_set, old_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);

  long long deadline = now_ms() + (long long)seconds * 1000;
  size_t sent = 0;
  if (n_in == 0)
    close_fd(&pin[1]);
  int killed = 0;
  while (pout[0] >= 0 || perr[0] >= 0) {
    long long left = deadline - now_ms();
    if (left <= 0) {
      r->timed_out = 1;
      break;
    }
    struct pollfd fds[3];
    int nf = 0, i_in = -1, i_out = -1, i_err = -1;
    if (pin[1] >= 0)
      i_in = nf, fds[nf++] = (struct pollfd){pin[1], POLLOUT, 0};
    if (pout[0] >= 0)
      i_out = nf, fds[nf++] = (struct pollfd){pout[0], POLLIN, 0};
    if (perr[0] >= 0)
      i_err = nf, fds[nf++] = (struct pollfd){perr[0], POLLIN, 0};
    int k = poll(fds, (nfds_t)nf, left > 1000 ? 1000 : (int)left);
    if (k < 0 && errno != EINTR)
      break;
    if (k <= 0)
      continue;
    if (i_in >= 0 && fds[i_in].revents) {
      ssize_t w = fds[i_in].revents & POLLOUT
                      ? write(pin[1], in + sent, n_in - sent)
                      : -1;
      if (w > 0)
        sent += (size_t)w;
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == n_in)
        close_fd(&pin[1]); /* done, or the child stopped reading */
    }
    if (i_out >= 0 && fds[i_out].revents) {
      int d = drain(pout[0], &r->out, max_out);
      if (d < 0) {
        r->too_much = 1;
        break;
      }
      if (d > 0)
        close_fd(&pout[0]);
    }
    if (i_err >= 0 && fds[i_err].revents) {
      int d = drain(perr[0], &r->err, MAX_ERR);
      if (d != 0)
        close_fd(&perr[0]);
    }
  }
  if (r->timed_out || r->too_much) {
    kill(pid, SIGKILL);
    killed = 1;
  }
  close_fd(&pin[1]);
  close_fd(&pout[0]);
  close_fd(&perr[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  /* Consume a SIGPIPE our writes raised, then restore the mask. */
  struct timespec zero = {0, 0};
  while (sigtimedwait(&pipe_set, NULL, &zero) > 0)
    ;
  pthread_sigmask(SIG_SETMASK, &old_set, NULL);
  if (killed)
    return -1;
  r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  /* glibc's spawned child exits 127 when its exec fails and the error
   * cannot be handed back (under valgrind, whose vfork is a fork, the
   * spawn then "succeeds"): the program is missing all the same. */
  if (r->exit_code == 127)
    r->not_found = 1;
  return 0;
}

int subproc_run(const char *const argv[], const char *in, size_t n_in,
                int seconds, size_t max_out, subproc *r) {
  memset(r, 0, sizeof *r);
  r->exit_code = -1;
  int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
  if (pipe(pin) || pipe(pout) || pipe(perr)) {
    buf_printf(&r->err, "pipe: %s", strerror(errno));
    close_fd(&pin[0]), close_fd(&pin[1]), close_fd(&pout[0]);
    close_fd(&pout[1]), close_fd(&perr[0]), close_fd(&perr[1]);
    return -1;
  }
  /* Our ends must not leak into the child. */
  fcntl(pin[1], F_SETFD, FD_CLOEXEC);
  fcntl(pout[0], F_SETFD, FD_CLOEXEC);
  fcntl(perr[0], F_SETFD, FD_CLOEXEC);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
  posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
  posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
  posix_spawn_file_actions_addclose(&fa, pin[0]);
  posix_spawn_file_actions_addclose(&fa, pout[1]);
  posix_spawn_file_actions_addclose(&fa, perr[1]);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
                        environ);
  posix_spawn_file_actions_destroy(&fa);
  close_fd(&pin[0]);
  close_fd(&pout[1]);
  close_fd(&perr[1]);
  if (rc != 0) {
    r->not_found = rc == ENOENT || rc == EACCES;
    buf_printf(&r->err, "%s: %s", argv[0], strerror(rc));
    close_fd(&pin[1]), close_fd(&pout[0]), close_fd(&perr[0]);
    return -1;
  }
  return pump(pid, pin[1], pout[0], perr[0], in, n_in, seconds, max_out, r);
}

int subproc_fork(int (*fn)(void *arg, int out_fd), void *arg, int seconds,
                 size_t max_out, size_t max_mem, subproc *r) {
  memset(r, 0, sizeof *r);
  r->exit_code = -1;
  int pout[2] = {-1, -1}, perr[2] = {-1, -1};
  if (pipe(pout) || pipe(perr)) {
    buf_printf(&r->err, "pipe: %s", strerror(errno));
    close_fd(&pout[0]), close_fd(&pout[1]);
    close_fd(&perr[0]), close_fd(&perr[1]);
    return -1;
  }
  pid_t pid = fork();
  if (pid < 0) {
    buf_printf(&r->err, "fork: %s", strerror(errno));
    close_fd(&pout[0]), close_fd(&pout[1]);
    close_fd(&perr[0]), close_fd(&perr[1]);
    return -1;
  }
  if (pid == 0) {
    /* The child: its output pipe, its diagnostics to the error pipe, no
     * input, and an address space past which allocation fails (the child
     * then exits, and the parent says the memory limit was reached). */
    close(pout[0]);
    close(perr[0]);
    dup2(perr[1], 2);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
      dup2(devnull, 0);
    if (max_mem) {
      struct rlimit rl = {max_mem, max_mem};
      setrlimit(RLIMIT_AS, &rl);
    }
    _exit(fn(arg, pout[1]));
  }
  close_fd(&pout[1]);
  close_fd(&perr[1]);
  fcntl(pout[0], F_SETFD, FD_CLOEXEC);
  fcntl(perr[0], F_SETFD, FD_CLOEXEC);
  return pump(pid, -1, pout[0], perr[0], NULL, 0, seconds, max_out, r);
}
