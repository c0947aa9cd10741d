-- A Pain Diary file at schema version 1, as the first release wrote it.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Five entries over two local days (2024-03-14 and 2024-03-15). The last one was made
-- while travelling (UTC-5): its UTC date is the 16th, its local date the 15th.
PRAGMA application_id = 1348748409;
PRAGMA user_version = 1;

BEGIN;
CREATE TABLE pain_entries (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL,
  pain INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
INSERT INTO pain_entries VALUES
  ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c01', 1710400200, 3600, 6, 'Stiff on waking',
   1710400230, 1710400230),
  ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c02', 1710417900, 3600, 4, '',
   1710417960, 1710417960),
  ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c03', 1710456300, 3600, 7, 'Long drive, “bad” evening',
   1710456400, 1710460000),
  ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c04', 1710484200, 3600, 5, 'Physio today',
   1710484300, 1710484300),
  ('0f3c2a8e-5b1d-4c7a-9e21-6d8f0b4a1c05', 1710556200, -18000, 3, 'Hotel bed was good',
   1710556260, 1710556260);
COMMIT;
