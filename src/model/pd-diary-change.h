/* pd-diary-change.h: what the diary model's "records-changed" signal reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a "records-changed" emission reports. */
typedef enum
{
  PD_DIARY_CHANGE_ADDED,    /* saved for the first time, or back by undo */
  PD_DIARY_CHANGE_CHANGED,  /* saved again (edited) */
  PD_DIARY_CHANGE_REMOVED,  /* deleted */
  PD_DIARY_CHANGE_MANY,     /* an import: several records, possibly of several kinds */
} PdDiaryChange;

/* "records-changed" names the kinds as a mask of these bits. */
#define PD_DIARY_KIND_BIT(kind) (1u << (kind))

G_END_DECLS
