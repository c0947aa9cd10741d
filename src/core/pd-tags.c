/* pd-tags.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-tags"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-tags.h"

typedef struct
{
  const char *key;
  const char *label;
} PdTag;

/* A region of each side, left first. */
#define SIDES(key, left, right) { key "_left", left }, { key "_right", right }

static const PdTag locations[] = {
  /* The keys of the first version (a thigh, lower leg or foot as a whole) keep their
   * meaning and their order, so an older diary maps onto the body map at once; the body
   * map's finer regions sit beside them. */
  { "low_back", N_("Low back") },
  SIDES ("buttock", N_("Left buttock"), N_("Right buttock")),
  SIDES ("hip", N_("Left hip"), N_("Right hip")),
  { "groin", N_("Groin") },
  SIDES ("thigh", N_("Left thigh"), N_("Right thigh")),
  SIDES ("thigh_front", N_("Front of left thigh"), N_("Front of right thigh")),
  SIDES ("thigh_back", N_("Back of left thigh"), N_("Back of right thigh")),
  SIDES ("thigh_outer", N_("Outer side of left thigh"), N_("Outer side of right thigh")),
  SIDES ("knee", N_("Left knee"), N_("Right knee")),
  SIDES ("lower_leg", N_("Left lower leg"), N_("Right lower leg")),
  SIDES ("lower_leg_front", N_("Left shin"), N_("Right shin")),
  SIDES ("lower_leg_back", N_("Left calf"), N_("Right calf")),
  SIDES ("lower_leg_outer", N_("Outer side of left lower leg"),
         N_("Outer side of right lower leg")),
  SIDES ("ankle", N_("Left ankle"), N_("Right ankle")),
  SIDES ("foot", N_("Left foot"), N_("Right foot")),
  SIDES ("foot_top", N_("Top of left foot"), N_("Top of right foot")),
  SIDES ("foot_sole", N_("Sole of left foot"), N_("Sole of right foot")),
  { "neck", N_("Neck") },
  { "upper_back", N_("Upper back") },
  SIDES ("shoulder", N_("Left shoulder"), N_("Right shoulder")),
  SIDES ("arm", N_("Left arm"), N_("Right arm")),
  SIDES ("hand", N_("Left hand"), N_("Right hand")),
  { "other", N_("Other") },
};

#undef SIDES

static const PdTag qualities[] = {
  { "aching", N_("Dull, aching") },
  { "sharp", N_("Sharp, stabbing") },
  { "burning", N_("Burning") },
  { "electric", N_("Electric, shooting") },
  { "numbness", N_("Numbness, tingling") },
  { "spasm", N_("Muscle spasm") },
  { "stiffness", N_("Stiffness") },
  { "throbbing", N_("Throbbing") },
};

static const PdTag red_flags[] = {
  { "bowel_bladder", N_("New bowel or bladder problems") },
  { "leg_weakness", N_("New or worsening leg weakness") },
  { "saddle_numbness", N_("Numbness in the saddle area") },
  { "fever_wound", N_("Fever, chills or wound redness or discharge") },
  { "unrelieved_pain", N_("Severe pain not eased by rest or medication") },
  /* domain.md's full list (NICE NG59, AHCPR NBK52120, FDA 2019), appended so that the bits
   * and keys above keep their meaning. */
  { "sexual_problems", N_("New sexual problems (numbness, loss of function)") },
  { "both_legs", N_("Pain, numbness or weakness in both legs") },
  { "unsteady_walking", N_("New unsteady walking") },
  { "wound_fluid_headache",
    N_("Clear fluid from the wound, or a headache that comes on when upright (after surgery)") },
  { "calf_breathless", N_("Calf pain or swelling, or breathlessness or chest pain") },
  { "night_pain", N_("Pain at night that rest does not ease") },
  { "weight_loss_cancer",
    N_("Unexplained weight loss, or a history of cancer with new back pain") },
  { "fall_injury", N_("A fall or injury") },
  { "pain_despite_care", N_("New or worsening pain despite 6 weeks of conservative care") },
  { "opioid_overdose",
    N_("Signs of opioid overdose: very sleepy and hard to wake, slow or shallow breathing, "
       "pinpoint pupils") },
};

/* The red flags that are an emergency: call emergency services, not only the doctor. */
static const char * const emergency_red_flags[] = { "calf_breathless", "opioid_overdose" };

G_STATIC_ASSERT (G_N_ELEMENTS (locations) <= 64);

/* Each kind's tags, and its name in messages (the CSV column). */
static const struct
{
  const PdTag *tags;
  guint n_tags;
  const char *name;
} kinds[] = {
  [PD_TAG_LOCATION] = { locations, G_N_ELEMENTS (locations), "locations" },
  [PD_TAG_QUALITY] = { qualities, G_N_ELEMENTS (qualities), "qualities" },
  [PD_TAG_RED_FLAG] = { red_flags, G_N_ELEMENTS (red_flags), "red_flags" },
};

static const PdTag *
tags_for (PdTagKind  kind,
          guint     *n)
{
  g_assert ((guint) kind < G_N_ELEMENTS (kinds));
  *n = kinds[kind].n_tags;
  return kinds[kind].tags;
}

guint
pd_tag_count (PdTagKind kind)
{
  guint n;

  tags_for (kind, &n);
  return n;
}

static const PdTag *
tag_at (PdTagKind kind,
        guint     index)
{
  guint n;
  const PdTag *tags = tags_for (kind, &n);

  g_return_val_if_fail (index < n, NULL);
  return &tags[index];
}

const char *
pd_tag_key (PdTagKind kind,
            guint     index)
{
  const PdTag *tag = tag_at (kind, index);

  return tag != NULL ? tag->key : NULL;
}

const char *
pd_tag_label (PdTagKind kind,
              guint     index)
{
  const PdTag *tag = tag_at (kind, index);

  return tag != NULL ? g_dgettext (GETTEXT_PACKAGE, tag->label) : NULL;
}

static int
lookup_key (PdTagKind   kind,
            const char *key,
            gsize       length)
{
  guint n;
  const PdTag *tags = tags_for (kind, &n);

  for (guint i = 0; i < n; i++)
    if (strncmp (tags[i].key, key, length) == 0 && tags[i].key[length] == '\0')
      return (int) i;
  return -1;
}

int
pd_tag_lookup (PdTagKind   kind,
               const char *key)
{
  return key != NULL ? lookup_key (kind, key, strlen (key)) : -1;
}

static char *
join_tags (PdTagKind    kind,
           guint64      mask,
           const char  *separator,
           const char *(*name) (PdTagKind, guint))
{
  GString *str = g_string_new (NULL);
  guint n = pd_tag_count (kind);

  for (guint i = 0; i < n; i++)
    {
      if (!(mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      if (str->len > 0)
        g_string_append (str, separator);
      g_string_append (str, name (kind, i));
    }
  return g_string_free (str, FALSE);
}

char *
pd_tags_to_string (PdTagKind kind,
                   guint64   mask)
{
  return join_tags (kind, mask, ";", pd_tag_key);
}

/* The next ';'-separated item from *cursor, white space around it trimmed (it may be empty),
 * as [*item, *end); FALSE past the last. Lists are parsed in place, without splitting into
 * copies: the database reads three of them per entry, for thousands of entries. */
static gboolean
next_item (const char **cursor,
           const char **item,
           const char **end)
{
  const char *start = *cursor;
  const char *stop;

  if (start == NULL || *start == '\0')
    return FALSE;
  stop = strchr (start, ';');
  *cursor = stop != NULL ? stop + 1 : NULL;
  if (stop == NULL)
    stop = start + strlen (start);
  while (start < stop && g_ascii_isspace (*start))
    start++;
  while (stop > start && g_ascii_isspace (stop[-1]))
    stop--;
  *item = start;
  *end = stop;
  return TRUE;
}

gboolean
pd_tags_from_string (PdTagKind    kind,
                     const char  *string,
                     guint64     *mask,
                     GError     **error)
{
  guint64 result = 0;
  const char *cursor = string;
  const char *item, *end;

  g_return_val_if_fail (mask != NULL, FALSE);

  while (next_item (&cursor, &item, &end))
    {
      int index;

      if (item == end)
        continue;
      index = lookup_key (kind, item, end - item);
      if (index < 0)
        {
          g_autofree char *key = g_strndup (item, end - item);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("unknown %s value “%s”"), kinds[kind].name, key);
          return FALSE;
        }
      result |= G_GUINT64_CONSTANT (1) << index;
    }

  *mask = result;
  return TRUE;
}

char *
pd_tags_to_label (PdTagKind kind,
                  guint64   mask)
{
  return join_tags (kind, mask, ", ", pd_tag_label);
}

gboolean
pd_red_flag_is_emergency (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (red_flags), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (emergency_red_flags); i++)
    if (strcmp (red_flags[index].key, emergency_red_flags[i]) == 0)
      return TRUE;
  return FALSE;
}

guint32
pd_red_flags_emergency_mask (void)
{
  guint32 mask = 0;

  for (guint i = 0; i < G_N_ELEMENTS (red_flags); i++)
    if (pd_red_flag_is_emergency (i))
      mask |= 1u << i;
  return mask;
}

/* Own values and matching as people write tags */

/* Beside case, spaces, '_' and '-' (DESIGN.md), the comma that some labels hold ("Dull,
 * aching"): people write them without it. */
static gboolean
is_ignored (gunichar c)
{
  return c == '_' || c == '-' || c == ',' || g_unichar_isspace (c);
}

static const char *
skip_ignored (const char *p,
              const char *end)
{
  while ((end == NULL ? *p != '\0' : p < end) && is_ignored (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* text[0..length) and name are equal but for case, spaces, '_' and '-'. */
static gboolean
loose_equal (const char *text,
             const char *end,
             const char *name)
{
  for (;;)
    {
      text = skip_ignored (text, end);
      name = skip_ignored (name, NULL);
      if (text >= end || *name == '\0')
        return text >= end && *name == '\0';
      if (g_unichar_tolower (g_utf8_get_char (text)) != g_unichar_tolower (g_utf8_get_char (name)))
        return FALSE;
      text = g_utf8_next_char (text);
      name = g_utf8_next_char (name);
    }
}

int
pd_tag_match (PdTagKind   kind,
              const char *text,
              gssize      length)
{
  guint n;
  const PdTag *tags = tags_for (kind, &n);
  const char *end;
  int index;

  g_return_val_if_fail (text != NULL, -1);

  if (length < 0)
    length = strlen (text);
  index = lookup_key (kind, text, length);
  if (index >= 0)
    return index;
  if (!g_utf8_validate_len (text, length, NULL))
    return -1;
  end = text + length;
  for (guint i = 0; i < n; i++)
    if (loose_equal (text, end, tags[i].key) || loose_equal (text, end, tags[i].label) ||
        loose_equal (text, end, g_dgettext (GETTEXT_PACKAGE, tags[i].label)))
      return (int) i;
  return -1;
}

gboolean
pd_tag_kind_allows_custom (PdTagKind kind)
{
  return kind == PD_TAG_LOCATION || kind == PD_TAG_QUALITY;
}

static char *
accepted_keys (PdTagKind kind)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < pd_tag_count (kind); i++)
    g_string_append_printf (str, "%s%s", i > 0 ? ", " : "", pd_tag_key (kind, i));
  return g_string_free (str, FALSE);
}

gboolean
pd_tag_check_custom (PdTagKind    kind,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!pd_tag_kind_allows_custom (kind))
    {
      g_autofree char *keys = accepted_keys (kind);
      shown = g_utf8_make_valid (text, MIN (strlen (text), 60));
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("unknown %s value “%s”; accepted: %s"),
                   kinds[kind].name, shown, keys);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("not valid UTF-8 text"));
      return FALSE;
    }
  if (*skip_ignored (text, NULL) == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("an own value is empty"));
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > PD_TAG_MAX_CUSTOM_LENGTH)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("an own value is longer than %d characters"), PD_TAG_MAX_CUSTOM_LENGTH);
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p++)
    if (*p == ';' || (guchar) *p < 0x20)
      {
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("an own value cannot hold a ';' or a line break: “%s”"), text);
        return FALSE;
      }
  if (pd_tag_match (kind, text, -1) >= 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is already in the list, not an own value"), text);
      return FALSE;
    }
  return TRUE;
}

/* A list written with commas in place of ';' ("low_back, buttock_left"): only when every
 * part is a known value, else it is the patient's own words ("Pins in my hip, left"). */
static gboolean
match_comma_list (PdTagKind   kind,
                  const char *item,
                  const char *end,
                  guint64    *mask)
{
  guint64 found = 0;
  const char *part = item;

  if (memchr (item, ',', end - item) == NULL)
    return FALSE;
  while (part < end)
    {
      const char *stop = memchr (part, ',', end - part);
      const char *part_end;
      int index;

      if (stop == NULL)
        stop = end;
      part_end = stop;
      while (part < part_end && g_ascii_isspace (*part))
        part++;
      while (part_end > part && g_ascii_isspace (part_end[-1]))
        part_end--;
      if (part_end > part)
        {
          index = pd_tag_match (kind, part, part_end - part);
          if (index < 0)
            return FALSE;
          found |= G_GUINT64_CONSTANT (1) << index;
        }
      part = stop + 1;
    }
  *mask |= found;
  return found != 0;
}

gboolean
pd_tags_parse (PdTagKind    kind,
               const char  *string,
               gboolean     lenient,
               guint64     *mask,
               GStrv       *custom,
               GError     **error)
{
  g_autoptr(GPtrArray) own = NULL;
  guint64 result = 0;
  const char *cursor = string;
  const char *item, *end;

  g_return_val_if_fail (mask != NULL, FALSE);

  while (next_item (&cursor, &item, &end))
    {
      g_autofree char *value = NULL;
      int index;

      if (item == end)
        continue;
      index = lenient ? pd_tag_match (kind, item, end - item) : lookup_key (kind, item, end - item);
      if (index >= 0)
        {
          result |= G_GUINT64_CONSTANT (1) << index;
          continue;
        }
      if (lenient && match_comma_list (kind, item, end, &result))
        continue;
      value = g_strndup (item, end - item);
      /* What the diary stored was checked when it was saved. */
      if ((lenient || !pd_tag_kind_allows_custom (kind)) &&
          !pd_tag_check_custom (kind, value, error))
        return FALSE;
      if (own == NULL)
        own = g_ptr_array_new_with_free_func (g_free);
      if (!g_ptr_array_find_with_equal_func (own, value, g_str_equal, NULL))
        g_ptr_array_add (own, g_steal_pointer (&value));
    }

  *mask = result;
  if (custom != NULL)
    {
      if (own != NULL)
        {
          g_ptr_array_add (own, NULL);
          *custom = (GStrv) g_ptr_array_free (g_steal_pointer (&own), FALSE);
        }
      else
        {
          *custom = NULL;
        }
    }
  return TRUE;
}

char *
pd_tags_to_string_full (PdTagKind          kind,
                        guint64            mask,
                        const char * const *custom)
{
  GString *str;

  if (custom == NULL || custom[0] == NULL)
    return pd_tags_to_string (kind, mask);
  str = g_string_new (NULL);
  {
    g_autofree char *keys = pd_tags_to_string (kind, mask);
    g_string_append (str, keys);
  }
  for (guint i = 0; custom[i] != NULL; i++)
    {
      if (str->len > 0)
        g_string_append_c (str, ';');
      g_string_append (str, custom[i]);
    }
  return g_string_free (str, FALSE);
}

char *
pd_tags_to_label_full (PdTagKind          kind,
                       guint64            mask,
                       const char * const *custom)
{
  GString *str = g_string_new (NULL);
  g_autofree char *labels = pd_tags_to_label (kind, mask);

  g_string_append (str, labels);
  for (guint i = 0; custom != NULL && custom[i] != NULL; i++)
    {
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, custom[i]);
    }
  return g_string_free (str, FALSE);
}

/* Whether the own value item[0..length) appears among the ';'-separated ones from own up
 * to item. */
static gboolean
own_value_repeats (const char *own,
                   const char *item,
                   gsize       length)
{
  while (own < item)
    {
      const char *end = strchr (own, ';');

      if ((gsize) (end - own) == length && memcmp (own, item, length) == 0)
        return TRUE;
      own = end + 1;
    }
  return FALSE;
}

gboolean
pd_tags_is_canonical (PdTagKind   kind,
                      const char *string)
{
  guint n;
  const PdTag *tags = tags_for (kind, &n);
  const char *item = string;
  const char *own = NULL;   /* the first own value */
  guint next = 0;           /* keys come in list order */

  g_return_val_if_fail (string != NULL, FALSE);

  if (*string == '\0')
    return TRUE;
  for (;;)
    {
      const char *end = strchr (item, ';');
      gsize length;
      guint i;

      if (end == NULL)
        end = item + strlen (item);
      length = end - item;
      if (length == 0 || g_ascii_isspace (item[0]) || g_ascii_isspace (end[-1]))
        return FALSE;
      for (i = next; i < n; i++)
        if (tags[i].key[0] == item[0] && strncmp (tags[i].key, item, length) == 0 &&
            tags[i].key[length] == '\0')
          break;
      if (i < n && own == NULL)
        next = i + 1;
      else if (i < n || !pd_tag_kind_allows_custom (kind) || lookup_key (kind, item, length) >= 0 ||
               (own != NULL && own_value_repeats (own, item, length)))
        return FALSE;
      else if (own == NULL)
        own = item;
      if (*end == '\0')
        return TRUE;
      item = end + 1;
    }
}
