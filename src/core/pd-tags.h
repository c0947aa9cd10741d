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

/* A tag by its key, its English label or its label in the current locale, ignoring case,
 * spaces, '_', '-' and ',' ("Low back", "LOW-BACK", "low_back", "Dull aching"); -1 when
 * none. length may be -1. */
int          pd_tag_match        (PdTagKind    kind,
                                  const char  *text,
                                  gssize       length);
/* Whether a kind of tag takes the patient's own values (locations and qualities do, red
 * flags do not: they drive a safety message). */
gboolean     pd_tag_kind_allows_custom (PdTagKind kind);
/* Whether text can be an own value: not empty, no ';', no line break, at most
 * PD_TAG_MAX_CUSTOM_LENGTH characters, and matching no tag (pd_tag_match). */
#define PD_TAG_MAX_CUSTOM_LENGTH 60
gboolean     pd_tag_check_custom (PdTagKind    kind,
                                  const char  *text,
                                  GError     **error);
/* A ';'-separated list: the tags in *mask, the rest (trimmed, in order, without repeats) in
 * *custom (NULL when none). lenient: items are matched with pd_tag_match, as people write
 * them; else by key only, as the diary stores them. An item that matches nothing is an own
 * value where the kind allows it, else an error ("unknown red_flags value “x”; accepted: ...").
 * custom may be NULL when the caller wants only the tags (own values are then dropped). */
gboolean     pd_tags_parse       (PdTagKind    kind,
                                  const char  *string,
                                  gboolean     lenient,
                                  guint64     *mask,
                                  GStrv       *custom,
                                  GError     **error);
/* The keys of mask, then the own values as written, ';'-separated. */
/* The labels of mask, then the own values, ", "-separated, for people. */
char        *pd_tags_to_label_full (PdTagKind          kind,
                                    guint64            mask,
                                    const char * const *custom);
char        *pd_tags_to_string_full (PdTagKind          kind,
                                     guint64            mask,
                                     const char * const *custom);
/* Whether string is already what pd_tags_to_string_full writes for what pd_tags_parse
 * (kind, string, FALSE, ...) reads from it, as the diary stores tags: the keys in list
 * order, each once, then own values (where the kind takes them), each once, without
 * surrounding spaces or empty items. Such a string stands for itself. */
gboolean     pd_tags_is_canonical  (PdTagKind          kind,
                                    const char        *string);

G_END_DECLS
