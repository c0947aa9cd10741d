/* record-fields.h: comparing two records field by field through a table of their getters
 * (the storage tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

typedef enum
{
  FIELD_STR,     /* const char * */
  FIELD_INT,     /* int, an enum or gboolean */
  FIELD_UINT,    /* guint or guint32 */
  FIELD_UINT64,
  FIELD_INT64,
  FIELD_DOUBLE,
} FieldType;

typedef struct
{
  const char *getter;
  FieldType type;
  GCallback get;
} Field;

/* A table row: FIELD (INT64, pd_dose_get_time). */
#define FIELD(type, getter) { #getter, FIELD_##type, G_CALLBACK (getter) }

/* Every field of fields is the same in a as in b; a failure names the getter. */
static inline void
assert_same_fields (gpointer     a,
                    gpointer     b,
                    const Field *fields,
                    gsize        n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const Field *field = &fields[i];
      gpointer get = (gpointer) field->get;
      long double x = 0, y = 0;
      char numeric = 'i';

      switch (field->type)
        {
        case FIELD_STR:
          {
            const char *s = ((const char *(*) (gpointer)) get) (a);
            const char *t = ((const char *(*) (gpointer)) get) (b);

            if (g_strcmp0 (s, t) != 0)
              g_assertion_message_cmpstr (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,
                                          field->getter, s, "==", t);
            continue;
          }
        case FIELD_INT:
          x = ((int (*) (gpointer)) get) (a);
          y = ((int (*) (gpointer)) get) (b);
          break;
        case FIELD_UINT:
          x = ((guint (*) (gpointer)) get) (a);
          y = ((guint (*) (gpointer)) get) (b);
          break;
        case FIELD_UINT64:
          x = ((guint64 (*) (gpointer)) get) (a);
          y = ((guint64 (*) (gpointer)) get) (b);
          break;
        case FIELD_INT64:
          x = ((gint64 (*) (gpointer)) get) (a);
          y = ((gint64 (*) (gpointer)) get) (b);
          break;
        case FIELD_DOUBLE:
          x = ((double (*) (gpointer)) get) (a);
          y = ((double (*) (gpointer)) get) (b);
          numeric = 'f';
          break;
        default:
          g_assert_not_reached ();
        }
      if (x != y)
        g_assertion_message_cmpnum (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,
                                    field->getter, x, "==", y, numeric);
    }
}
