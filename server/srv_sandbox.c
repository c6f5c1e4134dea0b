/*
 * srv_sandbox.c — reading an anonymous upload without risking the server:
 * the work (read, check, write the answer) runs in a child process made by
 * fork(), which gives it the request as it is, with
 *
 *   - a memory bound: RLIMIT_AS at the size the child starts with (the
 *     server's threads' stacks and arenas are mapped in it too) plus
 *     SRV_UPLOAD_MEMORY; crossing it fails an allocation, which aborts;
 *   - a CPU bound (RLIMIT_CPU) and a wall-clock one (SIGKILL past
 *     SRV_UPLOAD_SECONDS), both inherited by what it starts (pdftotext,
 *     soffice), which lives in the child's process group and is killed
 *     with it;
 *   - a lower priority (nice 10), so the request threads win the CPU;
 *   - no descriptor of the server's but the pipe its answer goes back by.
 *
 * The child only computes and writes; it never touches the register or
 * the shared tables, and it leaves with _exit. Its answer comes back as
 * the status, then the body.
 */
#include "srv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
/* ASan maps terabytes of shadow memory: no address-space bound there. */
#define NO_AS_LIMIT 1
#endif

#define MAX_ANSWER (64 * 1024 * 1024) /* bytes of page the child may send */

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void write_all(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t k = write(fd, c, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      _exit(3);
    c += k;
    n -= (size_t)k;
  }
}

/* Closes every descriptor above 3 (the server's sockets and files). */
static void close_others(void) {
  DIR *d = opendir("/proc/self/fd");
  if (!d)
    return;
  int fds[256], n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    int fd = atoi(e->d_name);
    if (fd > 3 && fd != dirfd(d) && n < 256)
      fds[n++] = fd;
  }
  closedir(d);
  while (n)
    close(fds[--n]);
}

/* The child: limits, the work, the answer down fd; never returns. */
static void child(int fd, int seconds,
                  void (*fill)(void *ctx, struct srv_resp *r), void *ctx) {
  setpgid(0, 0);
  if (fd != 3) {
    dup2(fd, 3);
    fd = 3;
  }
  close_others();
  setpriority(PRIO_PROCESS, 0, 10);
  struct rlimit cpu = {(rlim_t)seconds, (rlim_t)seconds + 1};
  setrlimit(RLIMIT_CPU, &cpu);
#ifndef NO_AS_LIMIT
  long pages = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f) {
    if (fscanf(f, "%ld", &pages) != 1)
      pages = 0;
    fclose(f);
  }
  rlim_t as = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + SRV_UPLOAD_MEMORY;
  struct rlimit mem = {as, as};
  setrlimit(RLIMIT_AS, &mem);
#endif
  struct srv_resp r = {0};
  fill(ctx, &r);
  int head[2] = {r.status, r.no_store};
  write_all(fd, head, sizeof head);
  write_all(fd, r.body.data ? r.body.data : "", r.body.len);
  _exit(0);
}

int srv_sandboxed(struct srv *s, struct srv_resp *r,
                  void (*fill)(void *ctx, struct srv_resp *r), void *ctx,
                  char *why, size_t cap) {
  int seconds = s->o.upload_seconds > 0 ? s->o.upload_seconds
                                        : SRV_UPLOAD_SECONDS;
  if (atomic_load(&s->sh->stopping)) {
    snprintf(why, cap, "服务器正在停止");
    return -1;
  }
  int p[2];
  if (pipe(p) != 0) {
    snprintf(why, cap, "无法建立管道：%s", strerror(errno));
    return -1;
  }
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(why, cap, "无法启动子进程：%s", strerror(errno));
    close(p[0]);
    close(p[1]);
    return -1;
  }
  if (pid == 0) {
    close(p[0]);
    fcntl(p[1], F_SETFD, 0);
    child(p[1], seconds, fill, ctx);
  }
  setpgid(pid, pid); /* also here: no race with the kill below */
  close(p[1]);
  fcntl(p[0], F_SETFD, FD_CLOEXEC); /* not into another child */
  xxgk_buf got = {0};
  long long deadline = now_ms() + seconds * 1000LL;
  int done = 0, over = 0, big = 0, stopped = 0;
  while (!done && !over && !big && !stopped) {
    long long left = deadline - now_ms();
    if (left <= 0) {
      over = 1;
      break;
    }
    struct pollfd pf = {p[0], POLLIN, 0};
    int k = poll(&pf, 1, left > 200 ? 200 : (int)left);
    stopped = atomic_load(&s->sh->stopping);
    if (k <= 0)
      continue;
    char buf[65536];
    ssize_t n = read(p[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      done = 1;
    else if (got.len + (size_t)n > MAX_ANSWER)
      big = 1;
    else
      xxgk_buf_put(&got, buf, (size_t)n);
  }
  close(p[0]);
  if (!done)
    kill(-pid, SIGKILL);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
    ;
  int ok = done && WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
           got.len >= 2 * sizeof(int);
  if (ok) {
    int head[2];
    memcpy(head, got.data, sizeof head);
    r->status = head[0];
    r->no_store = head[1];
    xxgk_buf_put(&r->body, got.data + sizeof head, got.len - sizeof head);
  } else if (stopped) {
    snprintf(why, cap, "服务器正在停止");
  } else if (big) {
    snprintf(why, cap, "结果超过了 %d MiB", MAX_ANSWER >> 20);
  } else if (over || (WIFSIGNALED(st) && (WTERMSIG(st) == SIGXCPU ||
                                          WTERMSIG(st) == SIGKILL))) {
    snprintf(why, cap, "读取超过了 %d 秒的时限", seconds);
  } else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT) {
    /* the library's allocator aborts when the bound refuses memory */
    snprintf(why, cap, "读取所需内存超过了 %d MiB 的上限",
             (int)(SRV_UPLOAD_MEMORY >> 20));
  } else {
    snprintf(why, cap, "读取时子进程异常退出");
  }
  xxgk_buf_free(&got);
  return ok ? 0 : -1;
}
