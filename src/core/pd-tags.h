/* pd-tags.h: the fixed lists a pain entry ticks (locations, qualities, red flags)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PD_TAG_LOCATION,
  PD_TAG_QUALITY,
  PD_TAG_RED_FLAG,
} PdTagKind;

/* A set of tags of one kind is a bit mask: bit i is pd_tag_key (kind, i). The keys are
 * stable (they are stored in the diary and written to CSV); the labels are translated. */
guint        pd_tag_count        (PdTagKind    kind);
const char  *pd_tag_key          (PdTagKind    kind,
                                  guint        index);
const char  *pd_tag_label        (PdTagKind    kind,
                                  guint        index);
int          pd_tag_lookup       (PdTagKind    kind,
                                  const char  *key);
char        *pd_tags_to_string   (PdTagKind    kind,
                                  guint64      mask);
gboolean     pd_tags_from_string (PdTagKind    kind,
                                  const char  *string,
                                  guint64     *mask,
                                  GError     **error);
char        *pd_tags_to_label    (PdTagKind    kind,
                                  guint64      mask);

/* Red flags that are an emergency (domain.md: calf pain or swelling, breathlessness or chest
 * pain; signs of opioid overdose): the message says to call emergency services. */
gboolean     pd_red_flag_is_emergency    (guint        index);
guint32      pd_red_flags_emergency_mask (void);

G_END_DECLS
