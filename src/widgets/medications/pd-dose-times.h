/* pd-dose-times.h: the scheduled times of a medication, one row each with a clock to type
 * or spin, in a preferences group of the medication editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _PdDoseTimes PdDoseTimes;

/* The rows go into group; when the last one is removed, the focus goes to empty_focus. */
PdDoseTimes *pd_dose_times_new          (AdwPreferencesGroup  *group,
                                         GtkWidget            *empty_focus);
void         pd_dose_times_free         (PdDoseTimes          *self);
/* A row for minutes after midnight; returns its spin button. */
GtkWidget   *pd_dose_times_add          (PdDoseTimes          *self,
                                         guint                 minutes);
/* A row four hours after the last (08:00 for the first), with the focus. */
void         pd_dose_times_add_next     (PdDoseTimes          *self);
void         pd_dose_times_clear        (PdDoseTimes          *self);
guint        pd_dose_times_get_n        (PdDoseTimes          *self);
/* Takes what is still being typed in each row; FALSE with a message naming the dose whose
 * text is no time of day. */
gboolean     pd_dose_times_take_typed   (PdDoseTimes          *self,
                                         GError              **error);
/* The times (guint minutes after midnight), sorted, each once. */
GArray      *pd_dose_times_get_minutes  (PdDoseTimes          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDoseTimes, pd_dose_times_free)

G_END_DECLS
