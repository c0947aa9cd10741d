/* pd-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_ERROR (pd_error_quark ())

typedef enum
{
  PD_ERROR_FAILED,
  PD_ERROR_NOT_A_DIARY,    /* the file is not a Pain Diary file */
  PD_ERROR_NEWER_SCHEMA,   /* written by a newer Pain Diary */
  PD_ERROR_DAMAGED,        /* fails PRAGMA quick_check */
  PD_ERROR_READ_ONLY,      /* a write was attempted on a read-only diary */
  PD_ERROR_INVALID,        /* a value is out of range or malformed */
  PD_ERROR_NOT_FOUND,      /* no record with that id */
  PD_ERROR_IO,             /* the file system refused */
} PdError;

GQuark      pd_error_quark             (void);

/* "the disk is full", with what to do about it: for ENOSPC, or SQLITE_FULL. */
const char *pd_error_disk_full_message (void);
/* The system's message for saved_errno; for ENOSPC, the disk-full message. */
const char *pd_error_describe_errno    (int saved_errno);

G_END_DECLS
