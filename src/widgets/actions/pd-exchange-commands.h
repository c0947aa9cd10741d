/* pd-exchange-commands.h: Export… and Import… for the diary of a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-diary-model.h"

G_BEGIN_DECLS

/* Asks what to export (a CSV, the report, a FHIR bundle) and where, from the model's diary.
 * Says what happened through parent's win.show-toast action. */
void pd_exchange_commands_export (GtkWindow    *parent,
                                  PdDiaryModel *model);
/* Asks for a diary CSV, shows what it holds, and adds it to the model's database all or
 * nothing; then activates parent's win.reload. */
void pd_exchange_commands_import (GtkWindow    *parent,
                                  PdDiaryModel *model);

G_END_DECLS
