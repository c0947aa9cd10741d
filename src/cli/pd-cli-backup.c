/* pd-cli-backup.c: --backup, --restore and --passphrase-file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pain-diary"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "pd-backup.h"
#include "pd-cli.h"
#include "pd-cli-common.h"
#include "pd-database.h"

/* The first line of the file, without its line end. */
static char *
read_passphrase_file (const char  *file,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  char *end;

  if (!g_file_get_contents (file, &contents, NULL, error))
    return NULL;
  end = contents + strcspn (contents, "\r\n");
  *end = '\0';
  return g_steal_pointer (&contents);
}

/* A line from the terminal (not standard input: that may be a file or a pipe), echoed only
 * when echo is TRUE. NULL without a terminal. */
static char *
ask_terminal (const char *prompt,
              gboolean    echo)
{
  struct termios saved, quiet;
  char line[1024];
  FILE *tty;
  gboolean restore = FALSE;
  char *answer = NULL;

  if (!(tty = fopen ("/dev/tty", "r+e")))
    return NULL;
  fputs (prompt, tty);
  fflush (tty);
  if (!echo && tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      restore = tcsetattr (fileno (tty), TCSANOW, &quiet) == 0;
    }
  if (fgets (line, sizeof line, tty) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      answer = g_strdup (line);
    }
  if (restore)
    tcsetattr (fileno (tty), TCSANOW, &saved);
  sodium_memzero (line, sizeof line);
  fclose (tty);
  return answer;
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

typedef char Secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Secret, free_secret)

/* From --passphrase-file, else asked on the terminal (twice when creating). NULL with the
 * message printed and *status set. */
static Secret *
get_passphrase (const char *file,
                gboolean    creating,
                int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Secret) passphrase = NULL;

  *status = 1;
  if (file != NULL)
    {
      if (!(passphrase = read_passphrase_file (file, &error)))
        {
          pd_cli_fail ("--passphrase-file", error);
          return NULL;
        }
    }
  else
    {
      g_autoptr(Secret) again = NULL;

      if (!(passphrase = ask_terminal (_("Passphrase: "), FALSE)))
        {
          g_printerr (_("pain-diary: no passphrase: give --passphrase-file=FILE or run on a terminal\n"));
          *status = 2;
          return NULL;
        }
      if (creating && *passphrase != '\0' &&
          (!(again = ask_terminal (_("The same passphrase again: "), FALSE)) ||
           strcmp (again, passphrase) != 0))
        {
          g_printerr (_("pain-diary: the passphrases differ; nothing was written\n"));
          return NULL;
        }
    }
  if (*passphrase == '\0')
    {
      g_printerr (_("pain-diary: the passphrase is empty\n"));
      return NULL;
    }
  return g_steal_pointer (&passphrase);
}

int
pd_cli_backup (const PdCliRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(Secret) passphrase = NULL;
  int status;

  if ((status = pd_cli_check_names (request->diary, request->file,
                                    N_("pain-diary: --backup needs a file name\n"))) != 0)
    return status;
  if (!(db = pd_database_open (request->diary, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS, &error)))
    return pd_cli_fail (request->diary, error);
  if (!(passphrase = get_passphrase (request->passphrase_file, TRUE, &status)))
    return status;
  if (!pd_backup_write (db, request->file, passphrase, &error))
    return pd_cli_fail (NULL, error);
  g_print (_("Wrote the encrypted backup of %s to %s\n"), request->diary, request->file);
  return 0;
}

int
pd_cli_restore (const PdCliRequest *request)
{
  const char *diary = request->diary, *file = request->file;
  g_autoptr(GError) error = NULL;
  g_autoptr(Secret) passphrase = NULL;
  g_autofree char *previous = NULL;
  gint64 n_records;
  int status;

  if ((status = pd_cli_check_names (NULL, file, N_("pain-diary: --restore needs a file name\n"))) != 0)
    return status;
  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("pain-diary: %s: no such backup\n"), file);
      return 1;
    }
  if ((n_records = pd_backup_count_records (diary, &error)) < 0)
    return pd_cli_fail (diary, error);
  /* Replacing a diary that holds something needs a yes from a person. */
  if (n_records > 0)
    {
      g_autofree char *question = NULL;
      g_autofree char *answer = NULL;

      guint shown = (guint) MIN (n_records, G_MAXUINT);

      question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s holds %u record. Replace it with the backup (it is "
                                               "backed up first)? [y/N] ",
                                               "%s holds %u records. Replace it with the backup (it is "
                                               "backed up first)? [y/N] ",
                                               shown),
                                  diary, shown);
      if (!(answer = ask_terminal (question, TRUE)))
        {
          g_printerr (_("pain-diary: %s is not empty; restoring over it asks first, on a terminal\n"), diary);
          return 1;
        }
      if (g_ascii_strcasecmp (answer, "y") != 0 && g_ascii_strcasecmp (answer, "yes") != 0 &&
          g_ascii_strcasecmp (answer, _("y")) != 0)
        {
          g_printerr (_("pain-diary: nothing was restored\n"));
          return 1;
        }
    }
  if (!(passphrase = get_passphrase (request->passphrase_file, FALSE, &status)))
    return status;
  if (!pd_backup_restore (file, passphrase, diary, &previous, &error))
    return pd_cli_fail (NULL, error);
  if (previous != NULL)
    g_print (_("Restored %s into %s; the diary it replaced is kept as %s\n"), file, diary, previous);
  else
    g_print (_("Restored %s into %s\n"), file, diary);
  return 0;
}
