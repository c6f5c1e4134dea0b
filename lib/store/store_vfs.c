/*
 * store_vfs.c — the VFS the store opens its databases with: SQLite's
 * default one, with each file wrapped to keep the errno of a write the
 * system refused. SQLite's sqlite3_system_errno() does not keep it for a
 * refused COMMIT (it gives 0 there; measured with SQLite 3.40), and
 * without the real cause a full disk or a file-size limit could only be
 * called "disk I/O error".
 *
 * In test builds (-DXXGK_FAULT_INJECTION=ON, like the allocation failures
 * of util.c; other builds never read the variables) the wrapper also counts
 * the writes to each kind of file and can kill the process at one:
 *
 *   XXGK_KILL_WRITE=KIND:N       SIGKILL just before the N-th write (from 1)
 *                                to a file of KIND: "wal" (the write-ahead
 *                                log, where every commit lands) or "db" (the
 *                                database file, written by checkpoints)
 *   XXGK_KILL_WRITE=KIND:N:half  the first half of that write, then SIGKILL
 *                                (a torn write, as a power cut can leave)
 *   XXGK_COUNT_WRITES=FILE       at each close of a database, appends the
 *                                process's counts so far, "wal=W db=D", to
 *                                FILE, over which a test spreads its kill
 *                                points
 *
 * The same command on the same data makes the same writes, so a kill point
 * is reproducible, unlike a kill after a delay: this is how tests/robust/crash.sh
 * reaches the inside of a commit and of a checkpoint. The register and the
 * corpus use a database from one thread at a time; the counters need no
 * lock.
 */
#include "store.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_DB, K_WAL, K_OTHER };

struct vfs_file {
  sqlite3_file base;
  int kind;
  sqlite3_file *real; /* the default VFS's file, allocated right after */
};

static sqlite3_vfs vfs, *real_vfs;
static _Thread_local int io_errno;

static sqlite3_file *R(sqlite3_file *f) { return ((struct vfs_file *)f)->real; }

/* Keeps errno if rc is a refused write; returns rc. */
static int kept(int rc) {
  if ((rc & 0xff) == SQLITE_IOERR || rc == SQLITE_FULL ||
      rc == SQLITE_CANTOPEN)
    io_errno = errno;
  return rc;
}

int store_vfs_errno(void) {
  int e = io_errno;
  io_errno = 0;
  return e;
}

#ifdef XXGK_FAULT_INJECTION
static int n_writes[K_OTHER + 1];
static int kill_kind = -1, kill_at, kill_half;
static const char *count_file;

static void fault_setup(void) {
  const char *kill = getenv("XXGK_KILL_WRITE");
  count_file = getenv("XXGK_COUNT_WRITES");
  if (!kill || !*kill)
    return;
  char kind[8] = "", half[8] = "";
  if (sscanf(kill, "%7[a-z]:%d:%7s", kind, &kill_at, half) < 2 ||
      kill_at < 1 || (strcmp(kind, "wal") && strcmp(kind, "db"))) {
    fprintf(stderr, "XXGK_KILL_WRITE=%s: expected wal:N, db:N or "
                    "KIND:N:half\n", kill);
    abort();
  }
  kill_kind = strcmp(kind, "wal") == 0 ? K_WAL : K_DB;
  kill_half = strcmp(half, "half") == 0;
}

static void fault_write(struct vfs_file *x, const void *p, int n,
                        sqlite3_int64 off) {
  if (++n_writes[x->kind] == kill_at && x->kind == kill_kind) {
    if (kill_half)
      x->real->pMethods->xWrite(x->real, p, n / 2, off);
    raise(SIGKILL);
  }
}

static void fault_close(struct vfs_file *x) {
  FILE *out = x->kind == K_DB && count_file && *count_file
                  ? fopen(count_file, "a")
                  : NULL;
  if (out) {
    fprintf(out, "wal=%d db=%d\n", n_writes[K_WAL], n_writes[K_DB]);
    fclose(out);
  }
}
#endif

static int f_close(sqlite3_file *f) {
#ifdef XXGK_FAULT_INJECTION
  fault_close((struct vfs_file *)f);
#endif
  return R(f)->pMethods->xClose(R(f));
}

static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off) {
#ifdef XXGK_FAULT_INJECTION
  fault_write((struct vfs_file *)f, p, n, off);
#endif
  return kept(R(f)->pMethods->xWrite(R(f), p, n, off));
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size) {
  return kept(R(f)->pMethods->xTruncate(R(f), size));
}
static int f_sync(sqlite3_file *f, int flags) {
  return kept(R(f)->pMethods->xSync(R(f), flags));
}
static int f_control(sqlite3_file *f, int op, void *arg) {
  int rc = R(f)->pMethods->xFileControl(R(f), op, arg);
  return rc == SQLITE_NOTFOUND ? rc : kept(rc); /* a size hint allocates */
}
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend,
                     void volatile **p) {
  return kept(R(f)->pMethods->xShmMap(R(f), pg, sz, extend, p));
}

/* ## Everything else goes straight to the default VFS's file. */

static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off) {
  return R(f)->pMethods->xRead(R(f), p, n, off);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size) {
  return R(f)->pMethods->xFileSize(R(f), size);
}
static int f_lock(sqlite3_file *f, int l) { return R(f)->pMethods->xLock(R(f), l); }
static int f_unlock(sqlite3_file *f, int l) {
  return R(f)->pMethods->xUnlock(R(f), l);
}
static int f_reserved(sqlite3_file *f, int *out) {
  return R(f)->pMethods->xCheckReservedLock(R(f), out);
}
static int f_sector(sqlite3_file *f) { return R(f)->pMethods->xSectorSize(R(f)); }
static int f_device(sqlite3_file *f) {
  return R(f)->pMethods->xDeviceCharacteristics(R(f));
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags) {
  return R(f)->pMethods->xShmLock(R(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f) { R(f)->pMethods->xShmBarrier(R(f)); }
static int f_shm_unmap(sqlite3_file *f, int del) {
  return R(f)->pMethods->xShmUnmap(R(f), del);
}
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p) {
  return R(f)->pMethods->xFetch(R(f), off, n, p);
}
static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p) {
  return R(f)->pMethods->xUnfetch(R(f), off, p);
}

static const sqlite3_io_methods METHODS = {
    3,          f_close,       f_read,      f_write,  f_truncate,
    f_sync,     f_size,        f_lock,      f_unlock, f_reserved,
    f_control,  f_sector,      f_device,    f_shm_map, f_shm_lock,
    f_shm_barrier, f_shm_unmap, f_fetch,    f_unfetch};

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags,
                  int *out_flags) {
  (void)v;
  struct vfs_file *x = (struct vfs_file *)f;
  x->real = (sqlite3_file *)(x + 1);
  x->kind = flags & SQLITE_OPEN_MAIN_DB ? K_DB
            : flags & SQLITE_OPEN_WAL   ? K_WAL
                                        : K_OTHER;
  int rc = kept(real_vfs->xOpen(real_vfs, name, x->real, flags, out_flags));
  /* SQLite closes a file only if its methods are set. */
  x->base.pMethods = x->real->pMethods ? &METHODS : NULL;
  return rc;
}

static void setup(void) {
  /* Before SQLite initialises (the look-up below does): without memory
   * statistics, which nothing here reads, an allocation takes no global
   * mutex, which the server's threads otherwise queue on. Too
   * late, if the program initialised SQLite itself: then a no-op. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  real_vfs = sqlite3_vfs_find(NULL);
  /* The default VFS's own functions, files wrapped: they read only their
   * pAppData, which the copy keeps. */
  vfs = *real_vfs;
  vfs.zName = "xxgk";
  vfs.szOsFile = (int)sizeof(struct vfs_file) + real_vfs->szOsFile;
  vfs.xOpen = v_open;
  sqlite3_vfs_register(&vfs, 0);
#ifdef XXGK_FAULT_INJECTION
  fault_setup();
#endif
}

const char *store_vfs(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, setup);
  return vfs.zName;
}
