/* pd-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file (all integers little-endian):
 *   0   8  magic "PDBACKUP"
 *   8   1  format version (1)
 *   9   1  key derivation: crypto_pwhash_ALG_ARGON2ID13 (2)
 *  10   2  zero
 *  12   4  plaintext chunk size (65536)
 *  16   8  Argon2id opslimit
 *  24   8  Argon2id memlimit (bytes)
 *  32  16  salt
 *  48  24  crypto_secretstream_xchacha20poly1305 header
 *  72  ..  chunks: each chunk-size bytes of the SQLite file (the last one shorter, maybe
 *          empty) encrypted with crypto_secretstream_xchacha20poly1305_push, 17 bytes
 *          longer; the last tagged TAG_FINAL, the others TAG_MESSAGE; the first has the
 *          72 header bytes as additional data.
 */

#define G_LOG_DOMAIN "pd-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "pd-backup.h"
#include "pd-error.h"
#include "pd-exchange-task.h"
#include "pd-types.h"

#define HEADER_SIZE (48 + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
#define KEY_SIZE crypto_secretstream_xchacha20poly1305_KEYBYTES
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);
G_STATIC_ASSERT (HEADER_SIZE == 72);

/* Argon2id at libsodium's "moderate" cost: about a second and 256 MiB on a laptop. A
 * backup asking for more than "sensitive" was not written by us. */
#define OPSLIMIT crypto_pwhash_OPSLIMIT_MODERATE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_MODERATE

static void
put_u64 (guint8 *p,
         guint64 value)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (value >> (8 * i)) & 0xff;
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value |= (guint64) p[i] << (8 * i);
  return value;
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              gboolean     writing,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (writing)
    g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not write “%s”: %s"), display,
                 pd_error_describe_errno (saved_errno));
  else
    g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display,
                 g_strerror (saved_errno));
}

static gboolean
init_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED, _("The encryption library could not start"));
      return FALSE;
    }
  return TRUE;
}

/* Output: a temporary file beside the destination, mode 0600, renamed into place when
 * complete, so a failure never leaves half a file. (One place to swap for the shared
 * atomic-output helper.) */

typedef struct
{
  char *dest_path;
  char *tmp_path;
  int fd;
} Output;

static gboolean
output_open (Output      *out,
             const char  *dest_path,
             GError     **error)
{
  out->dest_path = g_strdup (dest_path);
  out->tmp_path = g_strconcat (dest_path, ".XXXXXX", NULL);
  out->fd = g_mkstemp_full (out->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (out->fd < 0)
    {
      set_io_error (error, errno, TRUE, dest_path);
      g_clear_pointer (&out->tmp_path, g_free);
      g_clear_pointer (&out->dest_path, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
output_write (Output        *out,
              gconstpointer  data,
              gsize          size,
              GError       **error)
{
  if (!pd_write_all (out->fd, data, size))
    {
      set_io_error (error, errno, TRUE, out->dest_path);
      return FALSE;
    }
  return TRUE;
}

static void
output_abort (Output *out)
{
  if (out->fd >= 0)
    close (out->fd);
  out->fd = -1;
  if (out->tmp_path != NULL)
    g_remove (out->tmp_path);
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->dest_path, g_free);
}

static gboolean
output_commit (Output  *out,
               GError **error)
{
  int saved_errno;

  if (fsync (out->fd) != 0 || close (out->fd) != 0)
    {
      saved_errno = errno;
      out->fd = -1;
      set_io_error (error, saved_errno, TRUE, out->dest_path);
      output_abort (out);
      return FALSE;
    }
  out->fd = -1;
  if (g_rename (out->tmp_path, out->dest_path) != 0)
    {
      set_io_error (error, errno, TRUE, out->dest_path);
      output_abort (out);
      return FALSE;
    }
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->dest_path, g_free);
  return TRUE;
}

/* The stream of chunks either way: from in (its path for messages) to out, with its buffers */

typedef struct
{
  FILE *in;
  const char *path;
  Output *out;
  guint8 header[HEADER_SIZE];
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 *plain;
  guint8 *cipher;
} Stream;

/* Derives the key from passphrase and the header's salt and limits, and starts the stream
 * from the header's last part: writing it (push), or reading it (else), which refuses a
 * changed one. */
static gboolean
stream_start (Stream       *stream,
              const char   *passphrase,
              gboolean      push,
              GError      **error)
{
  guint8 *header = stream->header;
  guint8 key[KEY_SIZE];
  int failed;

  if (crypto_pwhash (key, sizeof key, passphrase, strlen (passphrase), header + 32,
                     get_u64 (header + 16), get_u64 (header + 24), crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                           _("Not enough memory to derive the key from the passphrase"));
      return FALSE;
    }
  if (push)
    failed = crypto_secretstream_xchacha20poly1305_init_push (&stream->state, header + 48, key);
  else
    failed = crypto_secretstream_xchacha20poly1305_init_pull (&stream->state, header + 48, key);
  sodium_memzero (key, sizeof key);
  if (failed != 0)
    {
      g_autofree char *display = g_filename_display_name (stream->path);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The backup “%s” was changed or damaged"), display);
      return FALSE;
    }
  stream->plain = g_malloc (PD_BACKUP_CHUNK_SIZE);
  stream->cipher = g_malloc (PD_BACKUP_CHUNK_SIZE + ABYTES);
  return TRUE;
}

/* Wipes and frees what stream_start made; returns ok. */
static gboolean
stream_end (Stream   *stream,
            gboolean  ok)
{
  sodium_memzero (stream->plain, PD_BACKUP_CHUNK_SIZE);
  sodium_memzero (&stream->state, sizeof stream->state);
  g_free (stream->plain);
  g_free (stream->cipher);
  return ok;
}

typedef gboolean (*StreamFunc) (Stream      *stream,
                                const char  *passphrase,
                                GError     **error);

/* Runs run (encrypt_file or decrypt_file) from in (in_path for messages) into dest_path:
 * all of it, or nothing at dest_path. */
static gboolean
stream_file (StreamFunc   run,
             FILE        *in,
             const char  *in_path,
             const char  *dest_path,
             const char  *passphrase,
             GError     **error)
{
  Output out = { .fd = -1 };

  if (!output_open (&out, dest_path, error))
    return FALSE;
  if (!run (&(Stream) { .in = in, .path = in_path, .out = &out }, passphrase, error))
    {
      output_abort (&out);
      return FALSE;
    }
  return output_commit (&out, error);
}

/* Writing */

static gboolean
encrypt_file (Stream      *stream,
              const char  *passphrase,
              GError     **error)
{
  guint8 *header = stream->header;
  gboolean first = TRUE, done = FALSE, ok = TRUE;

  memset (header, 0, HEADER_SIZE);
  memcpy (header, PD_BACKUP_MAGIC, 8);
  header[8] = PD_BACKUP_VERSION;
  header[9] = crypto_pwhash_ALG_ARGON2ID13;
  header[12] = PD_BACKUP_CHUNK_SIZE & 0xff;
  header[13] = (PD_BACKUP_CHUNK_SIZE >> 8) & 0xff;
  header[14] = (PD_BACKUP_CHUNK_SIZE >> 16) & 0xff;
  header[15] = (PD_BACKUP_CHUNK_SIZE >> 24) & 0xff;
  put_u64 (header + 16, OPSLIMIT);
  put_u64 (header + 24, MEMLIMIT);
  randombytes_buf (header + 32, crypto_pwhash_SALTBYTES);

  if (!stream_start (stream, passphrase, TRUE, error))
    return FALSE;
  ok = output_write (stream->out, header, HEADER_SIZE, error);
  while (ok && !done)
    {
      size_t n = fread (stream->plain, 1, PD_BACKUP_CHUNK_SIZE, stream->in);
      unsigned long long length;

      if (ferror (stream->in))
        {
          set_io_error (error, errno, FALSE, stream->path);
          ok = FALSE;
          break;
        }
      done = feof (stream->in);
      crypto_secretstream_xchacha20poly1305_push (&stream->state, stream->cipher, &length,
                                                  stream->plain, n,
                                                  first ? header : NULL, first ? HEADER_SIZE : 0,
                                                  done ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      first = FALSE;
      ok = output_write (stream->out, stream->cipher, length, error);
    }
  return stream_end (stream, ok);
}

/* The unencrypted copy a backup is made from lives in a private folder of its own in the
 * temporary folder, locked (flock) while the backup uses it, and is removed as soon as it is
 * open for reading. A backup killed while it copied leaves the folder unlocked: the next
 * backup removes it, so that no plain copy of a diary outlives its backup for long. */
#define SNAPSHOT_PREFIX "pain-diary-backup-"
/* A folder younger than this may be another backup's, made but not yet locked. */
#define SNAPSHOT_LOCK_GRACE_S 60

static void
remove_folder_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

static void
remove_abandoned_snapshots (void)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (!g_str_has_prefix (name, SNAPSHOT_PREFIX))
        continue;
      path = g_build_filename (tmp, name, NULL);
      fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && st.st_uid == getuid () &&
          now - (gint64) st.st_mtime > SNAPSHOT_LOCK_GRACE_S &&
          flock (fd, LOCK_EX | LOCK_NB) == 0)
        remove_folder_files (path);
      close (fd);
    }
}

/* A new private folder for the snapshot, locked; its descriptor in *lock_fd. */
static char *
make_snapshot_folder (int     *lock_fd,
                      GError **error)
{
  g_autofree char *dir = NULL;

  remove_abandoned_snapshots ();
  if (!(dir = g_dir_make_tmp (SNAPSHOT_PREFIX "XXXXXX", error)))
    return NULL;
  *lock_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (*lock_fd < 0 || flock (*lock_fd, LOCK_EX) != 0)
    {
      set_io_error (error, errno, TRUE, dir);
      if (*lock_fd >= 0)
        close (*lock_fd);
      *lock_fd = -1;
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

gboolean
pd_backup_write (PdDatabase  *db,
                 const char  *dest_path,
                 const char  *passphrase,
                 GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *snapshot = NULL;
  FILE *in = NULL;
  int lock_fd = -1;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (dest_path != NULL && passphrase != NULL, FALSE);

  if (!init_sodium (error))
    return FALSE;
  /* A consistent copy (the online backup API) in a private folder, gone once open. */
  if (!(dir = make_snapshot_folder (&lock_fd, error)))
    return FALSE;
  snapshot = g_build_filename (dir, "diary.db", NULL);
  ok = pd_database_backup_to (db, snapshot, error);
  if (ok && !(in = g_fopen (snapshot, "rb")))
    {
      set_io_error (error, errno, FALSE, snapshot);
      ok = FALSE;
    }
  remove_folder_files (dir);
  close (lock_fd);
  ok = ok && stream_file (encrypt_file, in, snapshot, dest_path, passphrase, error);
  if (in != NULL)
    fclose (in);
  return ok;
}

static gboolean
is_daily_name (const char *name,
               const char *stem)
{
  static const char pattern[] = "-0000-00-00" PD_BACKUP_SUFFIX;
  gsize stem_len = strlen (stem);

  if (strncmp (name, stem, stem_len) != 0 || strlen (name + stem_len) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == '0' ? !g_ascii_isdigit (name[stem_len + i]) : name[stem_len + i] != pattern[i])
      return FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "diary" for "/path/diary.db": the start of the diary's daily backups' names. */
static char *
diary_stem (const char *diary_path)
{
  char *base = g_path_get_basename (diary_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return base;
}

GPtrArray *
pd_backup_list_daily (const char  *diary_path,
                      const char  *folder,
                      GError     **error)
{
  g_autofree char *stem = diary_stem (diary_path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  g_return_val_if_fail (diary_path != NULL && folder != NULL, NULL);

  if (!(dir = g_dir_open (folder, 0, error)))
    return NULL;
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (is_daily_name (entry, stem))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

char *
pd_backup_write_daily (PdDatabase  *db,
                       const char  *folder,
                       const char  *passphrase,
                       GDateTime   *now,
                       guint        keep,
                       GError     **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) names = NULL;
  gboolean written = FALSE;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (folder != NULL && passphrase != NULL && now != NULL && keep > 0, NULL);

  stem = diary_stem (pd_database_get_path (db));
  date = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("%s-%s" PD_BACKUP_SUFFIX, stem, date);
  path = g_build_filename (folder, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!pd_backup_write (db, path, passphrase, error))
        return NULL;
      written = TRUE;
    }

  if (!(names = pd_backup_list_daily (pd_database_get_path (db), folder, error)))
    return NULL;
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *old = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      g_remove (old);
    }
  return written ? g_steal_pointer (&path) : g_strdup ("");
}

/* Reading */

static gboolean
read_header (FILE         *in,
             const char   *path,
             guint8        header[HEADER_SIZE],
             GError      **error)
{
  g_autofree char *display = g_filename_display_name (path);
  size_t n = fread (header, 1, HEADER_SIZE, in);
  guint32 chunk;
  guint64 ops, mem;

  if (n < 8 || memcmp (header, PD_BACKUP_MAGIC, 8) != 0)
    {
      if (ferror (in))
        set_io_error (error, errno, FALSE, path);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_A_DIARY, _("“%s” is not a Pain Diary backup"), display);
      return FALSE;
    }
  if (n < HEADER_SIZE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The backup “%s” is incomplete (the file was cut short)"), display);
      return FALSE;
    }
  if (header[8] > PD_BACKUP_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was written by a newer Pain Diary (format %u)"), display,
                   header[8]);
      return FALSE;
    }
  chunk = header[12] | header[13] << 8 | header[14] << 16 | (guint32) header[15] << 24;
  ops = get_u64 (header + 16);
  mem = get_u64 (header + 24);
  /* Limits beyond what this program writes would only make it spin or run out of memory:
   * the header was changed. */
  if (header[8] != PD_BACKUP_VERSION || header[9] != crypto_pwhash_ALG_ARGON2ID13 ||
      header[10] != 0 || header[11] != 0 || chunk != PD_BACKUP_CHUNK_SIZE ||
      ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The backup “%s” was changed or damaged (its header is not one this program writes)"),
                   display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decrypt_file (Stream      *stream,
              const char  *passphrase,
              GError     **error)
{
  FILE *in = stream->in;
  g_autofree char *display = g_filename_display_name (stream->path);
  gboolean first = TRUE, ok = TRUE;
  unsigned char tag = 0;

  if (!read_header (in, stream->path, stream->header, error) ||
      !stream_start (stream, passphrase, FALSE, error))
    return FALSE;
  while (ok && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      size_t n = fread (stream->cipher, 1, PD_BACKUP_CHUNK_SIZE + ABYTES, in);
      unsigned long long length;

      if (ferror (in))
        {
          set_io_error (error, errno, FALSE, stream->path);
          ok = FALSE;
        }
      else if (n == 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The backup “%s” is incomplete (the file was cut short)"), display);
          ok = FALSE;
        }
      else if (crypto_secretstream_xchacha20poly1305_pull (&stream->state, stream->plain, &length,
                                                           &tag, stream->cipher, n,
                                                           first ? stream->header : NULL,
                                                           first ? HEADER_SIZE : 0) != 0)
        {
          /* The first chunk cannot tell a wrong key from a changed byte. */
          if (first)
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("Wrong passphrase, or the backup “%s” was changed or damaged"), display);
          else if (feof (in))
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The backup “%s” is incomplete or damaged (its last part does not check out)"),
                         display);
          else
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                         _("The backup “%s” was changed or damaged"), display);
          ok = FALSE;
        }
      else if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL && n < PD_BACKUP_CHUNK_SIZE + ABYTES)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The backup “%s” is incomplete (the file was cut short)"), display);
          ok = FALSE;
        }
      else
        ok = output_write (stream->out, stream->plain, length, error);
      first = FALSE;
    }
  if (ok && fgetc (in) != EOF)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The backup “%s” was changed (there is data after its end)"), display);
      ok = FALSE;
    }
  return stream_end (stream, ok);
}

gboolean
pd_backup_decrypt (const char  *backup_path,
                   const char  *passphrase,
                   const char  *dest_path,
                   GError     **error)
{
  FILE *in;
  gboolean ok;

  g_return_val_if_fail (backup_path != NULL && passphrase != NULL && dest_path != NULL, FALSE);

  if (!init_sodium (error))
    return FALSE;
  if (!(in = g_fopen (backup_path, "rb")))
    {
      set_io_error (error, errno, FALSE, backup_path);
      return FALSE;
    }
  ok = stream_file (decrypt_file, in, backup_path, dest_path, passphrase, error);
  fclose (in);
  return ok;
}

/* Restoring */

gint64
pd_backup_count_records (const char  *diary_path,
                         GError     **error)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDiaryData) data = NULL;

  if (!g_file_test (diary_path, G_FILE_TEST_EXISTS))
    return 0;
  if (!(db = pd_database_open (diary_path, PD_DATABASE_READ_ONLY | PD_DATABASE_NO_BACKUPS, error)) ||
      !(data = pd_database_load (db, error)))
    return -1;
  return (gint64) data->pain_entries->len + data->medications->len + data->doses->len +
         data->activities->len + data->events->len;
}

/* Writes a normal backup of the diary and closes it; FALSE when it cannot be closed for
 * good (another program has it open: its WAL stays). */
static gboolean
back_up_existing (const char  *diary_path,
                  const char  *file,
                  char       **previous_backup,
                  GError     **error)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *wal = g_strconcat (file, "-wal", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *display = g_filename_display_name (diary_path);

  if (!(db = pd_database_open (diary_path, PD_DATABASE_NO_BACKUPS, error)) ||
      !(backup = pd_database_backup_now (db, "before-restore", error)))
    return FALSE;
  g_clear_object (&db);
  /* The last connection to close removes the WAL. One still there belongs to another
   * program, and would be replayed into the restored file. */
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("“%s” is open in another program (close Pain Diary first)"), display);
      return FALSE;
    }
  if (previous_backup != NULL)
    *previous_backup = g_steal_pointer (&backup);
  return TRUE;
}

/* A checked copy of the backup's diary beside diary_path, or NULL. */
static char *
decrypt_beside (const char  *diary_path,
                const char  *backup_path,
                const char  *passphrase,
                GError     **error)
{
  g_autofree char *dir = NULL;
  /* A restore killed before its rename leaves ".<base>.restore-<pid>" (or its temporary
   * ".<base>.restore-<pid>.XXXXXX", with a -wal or -shm) beside the diary: a plain copy of
   * the backup's diary under a name no later restore reuses, removed once stale. */
  g_autofree char *prefix = pd_sweep_temporaries_beside (diary_path, "restore", &dir);
  g_autofree char *restored = g_strdup_printf ("%s/%s%u", dir, prefix, (guint) getpid ());
  g_autoptr(PdDatabase) check = NULL;

  pd_remove_diary_file (restored);
  if (!pd_backup_decrypt (backup_path, passphrase, restored, error))
    return NULL;
  /* Opened for writing: a backup of an older schema is brought up to date here, in the
   * copy; a damaged or foreign file is refused. */
  if (!(check = pd_database_open (restored, PD_DATABASE_NO_BACKUPS, error)))
    {
      pd_remove_diary_file (restored);
      return NULL;
    }
  g_clear_object (&check);
  return g_steal_pointer (&restored);
}

gboolean
pd_backup_restore (const char  *backup_path,
                   const char  *passphrase,
                   const char  *diary_path,
                   char       **previous_backup,
                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *file = NULL;
  g_autofree char *shm = NULL;

  g_return_val_if_fail (backup_path != NULL && passphrase != NULL && diary_path != NULL, FALSE);

  if (previous_backup != NULL)
    *previous_backup = NULL;
  /* A diary reached through a symbolic link is restored in the file the link points to (the
   * link is kept). A link to nothing is refused. */
  if (!(file = pd_database_real_file (diary_path, error)))
    return FALSE;
  dir = g_path_get_dirname (file);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, TRUE, diary_path);
      return FALSE;
    }
  /* Beside the diary, so that the rename that replaces it is atomic. */
  if (!(restored = decrypt_beside (file, backup_path, passphrase, error)))
    return FALSE;

  if (g_file_test (file, G_FILE_TEST_EXISTS) &&
      !back_up_existing (diary_path, file, previous_backup, error))
    {
      pd_remove_diary_file (restored);
      return FALSE;
    }
  if (g_rename (restored, file) != 0)
    {
      set_io_error (error, errno, TRUE, diary_path);
      pd_remove_diary_file (restored);
      return FALSE;
    }
  /* The old diary's shared-memory index, if its last reader left it. */
  shm = g_strconcat (file, "-shm", NULL);
  g_remove (shm);
  /* The rename itself survives a power cut. */
  pd_sync_folder (dir);
  return TRUE;
}

gboolean
pd_backup_restore_into (PdDatabase  *db,
                        const char  *backup_path,
                        const char  *passphrase,
                        char       **previous_backup,
                        GError     **error)
{
  g_autofree char *restored = NULL;
  g_autofree char *previous = NULL;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup_path != NULL && passphrase != NULL, FALSE);

  if (!(restored = decrypt_beside (pd_database_get_path (db), backup_path, passphrase, error)))
    return FALSE;
  ok = (previous = pd_database_backup_now (db, "before-restore", error)) != NULL &&
       pd_database_replace_with (db, restored, error);
  pd_remove_diary_file (restored);
  if (ok && previous_backup != NULL)
    *previous_backup = g_steal_pointer (&previous);
  return ok;
}

/* Off the main thread */

typedef struct
{
  char *path;
  char *passphrase;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->path);
  if (job->passphrase != NULL)
    sodium_memzero (job->passphrase, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job);
}

static gboolean
write_backup (gpointer       db,
              gpointer       data,
              guint         *n,
              GCancellable  *cancellable,
              GError       **error)
{
  BackupJob *job = data;

  return pd_backup_write (db, job->path, job->passphrase, error);
}

/* The previous diary's backup: only a success gives one. */
static gpointer
restore_backup (gpointer       db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  BackupJob *job = data;
  char *previous = NULL;

  pd_backup_restore_into (db, job->path, job->passphrase, &previous, error);
  return previous;
}

/* Writes a backup, or restores one when source_tag is pd_backup_restore_into_async. */
static void
backup_run_in_thread (PdDatabase          *db,
                      const char          *path,
                      const char          *passphrase,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  BackupJob *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (path != NULL && passphrase != NULL);

  job = g_new0 (BackupJob, 1);
  job->path = g_strdup (path);
  job->passphrase = g_strdup (passphrase);
  if (source_tag == pd_backup_restore_into_async)
    _pd_task_run_work (db, source_tag, job, (GDestroyNotify) backup_job_free, restore_backup,
                       g_free, cancellable, callback, user_data);
  else
    _pd_task_run_count (db, source_tag, job, (GDestroyNotify) backup_job_free, write_backup,
                        cancellable, callback, user_data);
}

void
pd_backup_write_async (PdDatabase          *db,
                       const char          *dest_path,
                       const char          *passphrase,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  backup_run_in_thread (db, dest_path, passphrase, pd_backup_write_async, cancellable, callback,
                        user_data);
}

gboolean
pd_backup_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  return _pd_task_propagate_count (result, pd_backup_write_async, NULL, error);
}

void
pd_backup_restore_into_async (PdDatabase          *db,
                              const char          *backup_path,
                              const char          *passphrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  backup_run_in_thread (db, backup_path, passphrase, pd_backup_restore_into_async, cancellable,
                        callback, user_data);
}

char *
pd_backup_restore_into_finish (GAsyncResult  *result,
                               GError       **error)
{
  return _pd_task_propagate_pointer (result, pd_backup_restore_into_async, error);
}
