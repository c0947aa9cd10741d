/* fault-vfs.h: a SQLite VFS for tests that fails one chosen write or sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "pd-fault" wraps the default VFS. Armed with fault_vfs_arm (kind, n, rc, sys_errno), the
 * nth write (or sync) from then on returns rc, and the VFS reports sys_errno as the system's
 * error (what sqlite3_system_errno() gives, and what the failed file answers to
 * SQLITE_FCNTL_LAST_ERRNO, as the unix VFS's files do); every other call goes through
 * unchanged. The diary code is pointed at it with _pd_database_set_vfs ("pd-fault").
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <sqlite3.h>

typedef enum
{
  FAULT_WRITE,
  FAULT_SYNC,
} FaultKind;

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;   /* the wrapped file, allocated right after this struct */
  int last_errno;       /* the system error of this file's failed call */
} FaultFile;

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *fault_real_vfs;
static sqlite3_io_methods fault_methods_v1, fault_methods_v2, fault_methods_v3;
static FaultKind fault_kind;
static int fault_countdown;   /* 0: disarmed */
static int fault_rc;
static int fault_errno;
static int fault_n_writes;    /* writes and syncs seen since arming */
static int fault_n_syncs;
static gboolean fault_fired;
/* Syncs reach the disk only when this is FALSE: a test that checks error handling, not
 * durability, runs much faster without them. */
static gboolean fault_skip_real_sync;

static inline void
fault_vfs_arm (FaultKind kind,
               int       n,
               int       rc,
               int       sys_errno)
{
  fault_kind = kind;
  fault_countdown = n;
  fault_rc = rc;
  fault_errno = sys_errno;
  fault_n_writes = 0;
  fault_n_syncs = 0;
  fault_fired = FALSE;
}

static inline void
fault_vfs_disarm (void)
{
  fault_countdown = 0;
}

static inline gboolean
fault_hit (FaultKind kind)
{
  if (kind == FAULT_WRITE)
    fault_n_writes++;
  else
    fault_n_syncs++;
  if (fault_countdown <= 0 || kind != fault_kind)
    return FALSE;
  if (--fault_countdown > 0)
    return FALSE;
  fault_fired = TRUE;
  return TRUE;
}

static int
fault_close (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;
  int rc = f->real->pMethods ? f->real->pMethods->xClose (f->real) : SQLITE_OK;

  return rc;
}

static int
fault_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xRead (f->real, buf, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  FaultFile *f = (FaultFile *) file;

  if (fault_hit (FAULT_WRITE))
    {
      f->last_errno = fault_errno;
      return fault_rc;
    }
  return f->real->pMethods->xWrite (f->real, buf, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  FaultFile *f = (FaultFile *) file;

  if (fault_hit (FAULT_SYNC))
    {
      f->last_errno = fault_errno;
      return fault_rc;
    }
  if (fault_skip_real_sync)
    return SQLITE_OK;
  return f->real->pMethods->xSync (f->real, flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xFileSize (f->real, size);
}

static int
fault_lock (sqlite3_file *file, int lock)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xLock (f->real, lock);
}

static int
fault_unlock (sqlite3_file *file, int lock)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xUnlock (f->real, lock);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *out)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xCheckReservedLock (f->real, out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  FaultFile *f = (FaultFile *) file;

  if (op == SQLITE_FCNTL_LAST_ERRNO && f->last_errno != 0)
    {
      *(int *) arg = f->last_errno;
      return SQLITE_OK;
    }
  return f->real->pMethods->xFileControl (f->real, op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xSectorSize (f->real);
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xDeviceCharacteristics (f->real);
}

static int
fault_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xShmMap (f->real, page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xShmLock (f->real, offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  FaultFile *f = (FaultFile *) file;
  f->real->pMethods->xShmBarrier (f->real);
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xShmUnmap (f->real, delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xFetch (f->real, offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *p)
{
  FaultFile *f = (FaultFile *) file;
  return f->real->pMethods->xUnfetch (f->real, offset, p);
}

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *f = (FaultFile *) file;
  const sqlite3_io_methods *real_methods;
  int rc;

  f->real = (sqlite3_file *) (f + 1);
  f->last_errno = 0;
  rc = fault_real_vfs->xOpen (fault_real_vfs, name, f->real, flags, out_flags);
  real_methods = f->real->pMethods;
  if (real_methods == NULL)
    {
      file->pMethods = NULL;
      return rc;
    }
  switch (real_methods->iVersion)
    {
    case 1:
      file->pMethods = &fault_methods_v1;
      break;
    case 2:
      file->pMethods = &fault_methods_v2;
      break;
    default:
      file->pMethods = &fault_methods_v3;
      break;
    }
  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return fault_real_vfs->xDelete (fault_real_vfs, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return fault_real_vfs->xAccess (fault_real_vfs, name, flags, out);
}

static int
fault_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return fault_real_vfs->xFullPathname (fault_real_vfs, name, n, out);
}

static int
fault_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return fault_real_vfs->xRandomness (fault_real_vfs, n, out);
}

static int
fault_sleep (sqlite3_vfs *vfs, int usec)
{
  return fault_real_vfs->xSleep (fault_real_vfs, usec);
}

static int
fault_current_time (sqlite3_vfs *vfs, double *out)
{
  return fault_real_vfs->xCurrentTime (fault_real_vfs, out);
}

static int
fault_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  if (fault_fired && fault_errno != 0)
    return fault_errno;
  return fault_real_vfs->xGetLastError (fault_real_vfs, n, out);
}

static int
fault_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return fault_real_vfs->xCurrentTimeInt64 (fault_real_vfs, out);
}

/* Registers "pd-fault" (not as the default), disarmed. */
static inline void
fault_vfs_register (void)
{
  static const sqlite3_io_methods methods = {
    3, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size,
    fault_lock, fault_unlock, fault_check_reserved_lock, fault_file_control, fault_sector_size,
    fault_device_characteristics, fault_shm_map, fault_shm_lock, fault_shm_barrier,
    fault_shm_unmap, fault_fetch, fault_unfetch,
  };

  if (fault_real_vfs != NULL)
    return;
  fault_real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (fault_real_vfs);

  fault_methods_v3 = methods;
  fault_methods_v2 = methods;
  fault_methods_v2.iVersion = 2;
  fault_methods_v2.xFetch = NULL;
  fault_methods_v2.xUnfetch = NULL;
  fault_methods_v1 = fault_methods_v2;
  fault_methods_v1.iVersion = 1;
  fault_methods_v1.xShmMap = NULL;
  fault_methods_v1.xShmLock = NULL;
  fault_methods_v1.xShmBarrier = NULL;
  fault_methods_v1.xShmUnmap = NULL;

  memset (&fault_vfs, 0, sizeof fault_vfs);
  fault_vfs.iVersion = 2;
  fault_vfs.szOsFile = sizeof (FaultFile) + fault_real_vfs->szOsFile;
  fault_vfs.mxPathname = fault_real_vfs->mxPathname;
  fault_vfs.zName = "pd-fault";
  fault_vfs.xOpen = fault_open;
  fault_vfs.xDelete = fault_delete;
  fault_vfs.xAccess = fault_access;
  fault_vfs.xFullPathname = fault_full_pathname;
  fault_vfs.xDlOpen = fault_real_vfs->xDlOpen;
  fault_vfs.xDlError = fault_real_vfs->xDlError;
  fault_vfs.xDlSym = fault_real_vfs->xDlSym;
  fault_vfs.xDlClose = fault_real_vfs->xDlClose;
  fault_vfs.xRandomness = fault_randomness;
  fault_vfs.xSleep = fault_sleep;
  fault_vfs.xCurrentTime = fault_current_time;
  fault_vfs.xGetLastError = fault_get_last_error;
  fault_vfs.xCurrentTimeInt64 = fault_current_time_int64;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 0), ==, SQLITE_OK);
}
