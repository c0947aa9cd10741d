/* portal-driver.c: asks the Background portal for start at login, for test-portal.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * portal-driver on|off [ARG...]   request autostart on or off for "pain-diary ARG..."
 */

#include "config.h"

#include <string.h>

#include "pd-background-portal.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) commandline = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (argc < 2 || (strcmp (argv[1], "on") != 0 && strcmp (argv[1], "off") != 0))
    {
      g_printerr ("usage: portal-driver on|off [ARG...]\n");
      return 2;
    }
  g_ptr_array_add (commandline, (gpointer) "pain-diary");
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (commandline, argv[i]);
  g_ptr_array_add (commandline, NULL);

  if (!pd_background_portal_request (NULL, strcmp (argv[1], "on") == 0,
                                     (const char * const *) commandline->pdata, "testing",
                                     &error))
    {
      g_printerr ("portal-driver: %s\n", error->message);
      return 1;
    }
  return 0;
}
