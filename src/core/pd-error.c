/* pd-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-error"

#include "config.h"

#include "pd-error.h"

G_DEFINE_QUARK (pd-error-quark, pd_error)
