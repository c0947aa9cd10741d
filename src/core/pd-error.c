/* pd-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-error"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "pd-error.h"

G_DEFINE_QUARK (pd-error-quark, pd_error)

const char *
pd_error_disk_full_message (void)
{
  return _("the disk is full. Nothing was lost; free some space and try again");
}

const char *
pd_error_describe_errno (int saved_errno)
{
  if (saved_errno == ENOSPC)
    return pd_error_disk_full_message ();
  return g_strerror (saved_errno);
}
