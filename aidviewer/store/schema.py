"""The catalogue's schema as numbered migrations keyed on `PRAGMA user_version`.

Step N takes a file from user_version N-1 to N inside one transaction, so a failure or a
crash leaves the file entirely at the old version. Shipped steps are never edited: a change
to the schema is a new step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .folding import plain_spellings

# A step is SQL text, or a function for what SQL alone cannot do.
Step = str | Callable[[sqlite3.Connection], None]

APPLICATION_ID = 0x41494442  # "AIDB": marks a SQLite file as an aidviewer catalogue

_V1: list[Step] = [
    """
    CREATE TABLE organisation (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind        TEXT NOT NULL CHECK (kind IN ('government', 'ministry', 'armed_forces',
                        'international_organisation', 'ngo', 'company', 'other')),
        country     TEXT CHECK (country IS NULL OR length(country) = 2),
        iati_id     TEXT,
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    )""",
    "CREATE INDEX organisation_name ON organisation (name COLLATE NOCASE)",
    """
    CREATE TABLE organisation_alias (
        organisation_id INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
        alias           TEXT NOT NULL CHECK (length(trim(alias)) > 0),
        PRIMARY KEY (organisation_id, alias)
    )""",
    "CREATE UNIQUE INDEX organisation_alias_name ON organisation_alias (alias COLLATE NOCASE)",
    """
    CREATE TABLE person (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role            TEXT NOT NULL DEFAULT '',
        organisation_id INTEGER REFERENCES organisation (id) ON DELETE SET NULL,
        version         INTEGER NOT NULL DEFAULT 1,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        updated_by      TEXT NOT NULL
    )""",
    "CREATE INDEX person_organisation ON person (organisation_id)",
    """
    CREATE TABLE category (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        aid_type    TEXT CHECK (aid_type IN ('military', 'humanitarian', 'financial')),
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX category_name ON category (name COLLATE NOCASE)",
    """
    CREATE TABLE tag (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX tag_name ON tag (name COLLATE NOCASE)",
    """
    CREATE TABLE source (
        id                  INTEGER PRIMARY KEY,
        title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
        kind                TEXT NOT NULL CHECK (kind IN ('press_release', 'article',
                                'official_document', 'data_file', 'other')),
        publisher           TEXT NOT NULL DEFAULT '',
        published_on        TEXT,
        published_precision TEXT NOT NULL DEFAULT 'unknown'
                                CHECK (published_precision IN ('day', 'month', 'year', 'unknown')),
        url                 TEXT NOT NULL DEFAULT '',
        file_path           TEXT NOT NULL DEFAULT '',
        version             INTEGER NOT NULL DEFAULT 1,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        updated_by          TEXT NOT NULL
    )""",
    """
    CREATE TABLE aid_record (
        id              INTEGER PRIMARY KEY,
        title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
        description     TEXT NOT NULL DEFAULT '',
        donor_id        INTEGER REFERENCES organisation (id) ON DELETE RESTRICT,
        recipient_id    INTEGER REFERENCES organisation (id) ON DELETE RESTRICT,
        implementer_id  INTEGER REFERENCES organisation (id) ON DELETE RESTRICT,
        aid_type        TEXT NOT NULL CHECK (aid_type IN ('military', 'humanitarian', 'financial')),
        category_id     INTEGER REFERENCES category (id) ON DELETE RESTRICT,
        item            TEXT NOT NULL DEFAULT '',
        quantity        INTEGER CHECK (quantity IS NULL OR quantity >= 0),
        unit            TEXT NOT NULL DEFAULT '',
        amount_minor    INTEGER,
        currency        TEXT CHECK (currency IS NULL OR length(currency) = 3),
        value_eur_cents INTEGER,
        eur_rate        TEXT,
        rate_date       TEXT,
        status          TEXT CHECK (status IN ('announced', 'committed', 'allocated',
                            'delivered', 'cancelled')),
        version         INTEGER NOT NULL DEFAULT 1,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        updated_by      TEXT NOT NULL,
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
    )""",
    "CREATE INDEX aid_record_donor ON aid_record (donor_id)",
    "CREATE INDEX aid_record_recipient ON aid_record (recipient_id)",
    "CREATE INDEX aid_record_implementer ON aid_record (implementer_id)",
    "CREATE INDEX aid_record_category ON aid_record (category_id)",
    "CREATE INDEX aid_record_status ON aid_record (status)",
    """
    CREATE TABLE stage (
        id              INTEGER PRIMARY KEY,
        record_id       INTEGER NOT NULL REFERENCES aid_record (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL CHECK (kind IN ('announced', 'committed', 'allocated',
                            'delivered', 'cancelled')),
        date            TEXT,
        date_precision  TEXT NOT NULL DEFAULT 'unknown'
                            CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
        quantity        INTEGER CHECK (quantity IS NULL OR quantity >= 0),
        amount_minor    INTEGER,
        currency        TEXT CHECK (currency IS NULL OR length(currency) = 3),
        value_eur_cents INTEGER,
        eur_rate        TEXT,
        rate_date       TEXT,
        note            TEXT NOT NULL DEFAULT '',
        position        INTEGER NOT NULL,
        CHECK ((amount_minor IS NULL) = (currency IS NULL))
    )""",
    "CREATE INDEX stage_record ON stage (record_id, position)",
    "CREATE INDEX stage_kind_date ON stage (kind, date)",
    """
    CREATE TABLE record_source (
        record_id INTEGER NOT NULL REFERENCES aid_record (id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE RESTRICT,
        position  INTEGER NOT NULL,
        PRIMARY KEY (record_id, source_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX record_source_source ON record_source (source_id)",
    """
    CREATE TABLE record_tag (
        record_id INTEGER NOT NULL REFERENCES aid_record (id) ON DELETE CASCADE,
        tag_id    INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
        PRIMARY KEY (record_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX record_tag_tag ON record_tag (tag_id)",
    """
    CREATE TABLE meeting (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
        starts_at   TEXT NOT NULL,
        ends_at     TEXT NOT NULL DEFAULT '',
        place       TEXT NOT NULL DEFAULT '',
        minutes     TEXT NOT NULL DEFAULT '',
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    )""",
    "CREATE INDEX meeting_starts_at ON meeting (starts_at)",
    """
    CREATE TABLE meeting_participant (
        meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
        role       TEXT NOT NULL DEFAULT '',
        position   INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, person_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX meeting_participant_person ON meeting_participant (person_id)",
    """
    CREATE TABLE meeting_topic (
        meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        text       TEXT NOT NULL,
        PRIMARY KEY (meeting_id, position)
    ) WITHOUT ROWID""",
    """
    CREATE TABLE meeting_action (
        id         INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('decision', 'follow_up')),
        text       TEXT NOT NULL,
        owner_id   INTEGER REFERENCES person (id) ON DELETE SET NULL,
        due_on     TEXT,
        done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        position   INTEGER NOT NULL
    )""",
    "CREATE INDEX meeting_action_meeting ON meeting_action (meeting_id, position)",
    "CREATE INDEX meeting_action_owner ON meeting_action (owner_id)",
    """
    CREATE TABLE meeting_record (
        meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        record_id  INTEGER NOT NULL REFERENCES aid_record (id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, record_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX meeting_record_record ON meeting_record (record_id)",
    """
    CREATE TABLE meeting_source (
        meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        source_id  INTEGER NOT NULL REFERENCES source (id) ON DELETE RESTRICT,
        position   INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, source_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX meeting_source_source ON meeting_source (source_id)",
    """
    CREATE TABLE note (
        id          INTEGER PRIMARY KEY,
        record_id   INTEGER REFERENCES aid_record (id) ON DELETE CASCADE,
        meeting_id  INTEGER REFERENCES meeting (id) ON DELETE CASCADE,
        body        TEXT NOT NULL CHECK (length(trim(body)) > 0),
        author      TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('comment', 'question', 'follow_up')),
        resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
        pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL,
        CHECK ((record_id IS NULL) <> (meeting_id IS NULL))
    )""",
    "CREATE INDEX note_record ON note (record_id, created_at)",
    "CREATE INDEX note_meeting ON note (meeting_id, created_at)",
    """
    CREATE TABLE history (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        who       TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        field     TEXT NOT NULL,
        old       TEXT,
        new       TEXT
    )""",
    "CREATE INDEX history_entity ON history (entity, entity_id, id)",
    # Full-text index over record titles and descriptions, meeting titles, topics and
    # minutes, and note bodies. The rowid encodes the row: id * 4 + 1 for a record, + 2
    # for a meeting, + 3 for a note. The store keeps it in step: triggers cannot, because
    # with trusted_schema=OFF SQLite refuses a virtual table inside a trigger.
    """
    CREATE VIRTUAL TABLE search_index USING fts5 (
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
]

# Version 2: sort and filter a million records in SQL. The table shows names, stage dates
# and the status's rank; they are copied onto each record (kept in step by the store) so
# that every column sorts through an index of its own instead of a join and a sort.
_SORT_COLUMNS = {
    "title": "title COLLATE NOCASE",
    "donor": "donor_name COLLATE NOCASE",
    "recipient": "recipient_name COLLATE NOCASE",
    "aid_type": "aid_type",
    "category": "category_name COLLATE NOCASE",
    "status": "status_rank",
    "quantity": "coalesce(quantity, -1)",
    "value": "coalesce(value_eur_cents, -1)",
    "announced": "announced_on",
    "delivered": "delivered_on",
    "updated": "updated_at",
}

_V2: list[Step] = [
    "ALTER TABLE aid_record ADD COLUMN donor_name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE aid_record ADD COLUMN recipient_name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE aid_record ADD COLUMN category_name TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE aid_record ADD COLUMN status_rank INTEGER NOT NULL DEFAULT -1",
    # ISO date of the first announced / delivered stage, '' when unknown, with precision.
    "ALTER TABLE aid_record ADD COLUMN announced_on TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE aid_record ADD COLUMN announced_precision TEXT NOT NULL DEFAULT 'unknown'",
    "ALTER TABLE aid_record ADD COLUMN delivered_on TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE aid_record ADD COLUMN delivered_precision TEXT NOT NULL DEFAULT 'unknown'",
    """
    UPDATE aid_record SET
        donor_name = coalesce((SELECT name FROM organisation WHERE id = donor_id), ''),
        recipient_name = coalesce((SELECT name FROM organisation WHERE id = recipient_id), ''),
        category_name = coalesce((SELECT name FROM category WHERE id = category_id), ''),
        status_rank = CASE status WHEN 'announced' THEN 0 WHEN 'committed' THEN 1
            WHEN 'allocated' THEN 2 WHEN 'delivered' THEN 3 WHEN 'cancelled' THEN 4 ELSE -1 END,
        announced_on = coalesce((SELECT date FROM stage WHERE record_id = aid_record.id
            AND kind = 'announced' ORDER BY position LIMIT 1), ''),
        announced_precision = coalesce((SELECT date_precision FROM stage
            WHERE record_id = aid_record.id AND kind = 'announced' ORDER BY position LIMIT 1),
            'unknown'),
        delivered_on = coalesce((SELECT date FROM stage WHERE record_id = aid_record.id
            AND kind = 'delivered' ORDER BY position LIMIT 1), ''),
        delivered_precision = coalesce((SELECT date_precision FROM stage
            WHERE record_id = aid_record.id AND kind = 'delivered' ORDER BY position LIMIT 1),
            'unknown')
    """,
    *(
        f"CREATE INDEX aid_record_by_{name} ON aid_record ({expression}, id)"
        for name, expression in _SORT_COLUMNS.items()
    ),
    "CREATE INDEX stage_date ON stage (date, record_id)",
    # The status bar's sum of values reads this index instead of every record.
    "CREATE INDEX aid_record_value ON aid_record (value_eur_cents)",
    "CREATE INDEX meeting_by_title ON meeting (title COLLATE NOCASE, id)",
    "CREATE INDEX meeting_by_place ON meeting (place COLLATE NOCASE, id)",
    "CREATE INDEX meeting_by_starts ON meeting (starts_at, id)",
    "DROP INDEX meeting_starts_at",
    # A named search, filters, sort and columns of the records or meetings table.
    """
    CREATE TABLE saved_view (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind        TEXT NOT NULL CHECK (kind IN ('records', 'meetings')),
        query       TEXT NOT NULL,
        layout      TEXT NOT NULL DEFAULT '{}',
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX saved_view_name ON saved_view (kind, name COLLATE NOCASE)",
    # The full-text index gains a column of plain spellings (folding.py): "Lodz" finds
    # "Łódź". FTS5 tables cannot gain a column, so the index is made again.
    "DROP TABLE search_index",
    """
    CREATE VIRTUAL TABLE search_index USING fts5 (
        title, body, plain, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    lambda con: _reindex(con),
]


def _reindex(con: sqlite3.Connection) -> None:
    """Fill the full-text index from the records, meetings and notes."""
    rows: list[tuple[int, str, str]] = []
    rows.extend(con.execute("SELECT id * 4 + 1, title, description FROM aid_record"))
    rows.extend(
        con.execute(
            "SELECT m.id * 4 + 2, m.title, coalesce((SELECT group_concat(text, char(10))"
            " FROM (SELECT text FROM meeting_topic WHERE meeting_id = m.id ORDER BY position))"
            " || char(10), '') || m.minutes FROM meeting m"
        )
    )
    rows.extend(con.execute("SELECT id * 4 + 3, '', body FROM note"))
    con.executemany(
        "INSERT INTO search_index (rowid, title, body, plain) VALUES (?, ?, ?, ?)",
        [(rowid, title, body, plain_spellings(title, body)) for rowid, title, body in rows],
    )


# The number of records, kept by triggers: an unfiltered table knows its size at once
# instead of counting a million rows. (INSERT OR REPLACE would bypass the delete trigger;
# the store never uses it, and Catalogue.check compares the tally with a count.)
_V3: list[Step] = [
    "CREATE TABLE tally (name TEXT PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT INTO tally (name, rows) SELECT 'aid_record', count(*) FROM aid_record",
    """
    CREATE TRIGGER aid_record_tally_insert AFTER INSERT ON aid_record BEGIN
        UPDATE tally SET rows = rows + 1 WHERE name = 'aid_record';
    END""",
    """
    CREATE TRIGGER aid_record_tally_delete AFTER DELETE ON aid_record BEGIN
        UPDATE tally SET rows = rows - 1 WHERE name = 'aid_record';
    END""",
]

# Where an imported record came from, as its source identifies it ("iati:XM-DAC-5-7-1",
# "kiel:AUH1", "fts:234567"): importing the same file again updates the record it made.
_V4: list[Step] = [
    "ALTER TABLE aid_record ADD COLUMN source_ref TEXT",
    "CREATE UNIQUE INDEX aid_record_source_ref ON aid_record (source_ref)"
    " WHERE source_ref IS NOT NULL",
]

SORT_EXPRESSIONS = _SORT_COLUMNS

# MIGRATIONS[n] takes a catalogue from user_version n to n + 1.
MIGRATIONS: list[list[Step]] = [_V1, _V2, _V3, _V4]
SCHEMA_VERSION = len(MIGRATIONS)


def run_steps(con: sqlite3.Connection, first: int, last: int) -> None:
    """Run the steps of MIGRATIONS[first:last] (from format `first` to `last`), in the
    caller's transaction; the format version is the caller's to set."""
    for steps in MIGRATIONS[first:last]:
        for step in steps:
            if isinstance(step, str):
                con.execute(step)
            else:
                step(con)
