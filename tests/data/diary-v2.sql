-- A Pain Diary file at schema version 2, as the foundation release wrote it.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The CREATE statements are byte for byte those of version 2 (SQLite keeps their text, and
-- test-database compares a migrated schema with a fresh one).
--
-- Meta (patient name, surgery date) and five entries over two local days (2025-05-06 and
-- 2025-05-07, Europe/Berlin, UTC+2), one of them deleted (undo still possible), one made
-- while travelling (UTC-4): its UTC date is the 8th, its local date the 7th.
PRAGMA application_id = 1348748409;
PRAGMA journal_mode = WAL;

BEGIN;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pain_entries (  id TEXT PRIMARY KEY NOT NULL,  at INTEGER NOT NULL,  utc_offset INTEGER NOT NULL,  local_date TEXT NOT NULL,  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),  enjoyment_interference INTEGER CHECK (enjoyment_interference BETWEEN 0 AND 10),  activity_interference INTEGER CHECK (activity_interference BETWEEN 0 AND 10),  locations TEXT NOT NULL DEFAULT '',  qualities TEXT NOT NULL DEFAULT '',  sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),  sleep_quality INTEGER CHECK (sleep_quality BETWEEN 0 AND 10),  mood INTEGER CHECK (mood BETWEEN 0 AND 10),  red_flags TEXT NOT NULL DEFAULT '',  note TEXT NOT NULL DEFAULT '',  created INTEGER NOT NULL,  updated INTEGER NOT NULL,  deleted INTEGER);
CREATE INDEX pain_entries_at ON pain_entries (at, created, id DESC);

INSERT INTO meta (key, value) VALUES
  ('patient_name', 'Sam Example'),
  ('surgery_date', '2024-11-20');

INSERT INTO pain_entries (id, at, utc_offset, local_date, pain, enjoyment_interference,
                          activity_interference, locations, qualities, sleep_hours,
                          sleep_quality, mood, red_flags, note, created, updated, deleted)
VALUES
  ('6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d01', 1746512100, 7200, '2025-05-06', 6, 5, 6,
   'low_back;buttock_left', 'aching;stiffness', 6.5, 5, 6, '', 'Stiff on waking',
   1746512160, 1746512160, NULL),
  ('6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d02', 1746549000, 7200, '2025-05-06', 7, NULL, NULL,
   'low_back;thigh_left;lower_leg_left', 'burning;electric', NULL, NULL, 4, 'leg_weakness',
   'Leg felt weak on the stairs', 1746549060, 1746552000, NULL),
  ('6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d03', 1746556200, 7200, '2025-05-06', 3, NULL, NULL,
   '', '', NULL, NULL, NULL, '', 'Typed by mistake', 1746556260, 1746556300, 1746556300),
  ('6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d04', 1746598500, 7200, '2025-05-07', 5, NULL, NULL,
   'low_back', 'aching', 7.25, 7, NULL, '', '', 1746598520, 1746598520, NULL),
  ('6b1e0d52-8a3f-4c11-b7d2-2f9e5a0c3d05', 1746670000, -14400, '2025-05-07', 4, 3, 4,
   'low_back', 'aching', NULL, NULL, 7, '', 'Evening in Boston', 1746670030, 1746670030, NULL);

PRAGMA user_version = 2;
COMMIT;
