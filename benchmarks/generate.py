"""Generate a large, realistic aidviewer catalogue for benchmarks, the same for a seed.

    python benchmarks/generate.py OUT.aidb [--records N] [--meetings M] [--notes K]
                                           [--seed S] [--workers W] [--check] [--force]

or, from Python, `generate(path, records=..., meetings=..., notes=..., seed=...)`.

The file is made by `Catalogue.create()`, so its schema, application id, user version and
pragmas are the real ones. The rows are then bulk-loaded with plain `sqlite3`: a benchmark
tool may write SQL, but every row is what the store itself would write for the same
content (see `aidviewer/store/records.py`, `meetings.py`, `notes.py`): the record's copies
of donor, recipient and category names, its status (the highest-ranked stage) and
`status_rank`, the date and precision of its first announced and delivered stages, money
in integer minor units with the EUR value computed in integers from the rate, version 1
with `created_at == updated_at`, and one `search_index` row for every record, meeting and
note, with the rowid the store gives it (id * 4 + 1, + 2, + 3).

Not written, on purpose: the `history` table's "create" entries (one per record, meeting
and note when the store adds them). They would double the file's size without changing
what the table, search or filters read; the catalogue is sound without them.

The content: 62 real donors with a Zipf-like skew (United States, Germany, the EU
institutions, the United Kingdom, Poland, Lithuania's defence ministry, ...), Ukraine's
ministries, armed forces, regional administrations and UN agencies as recipients, 28
categories whose aid type, recipients, items, units, quantities and prices belong
together, stages dated from February 2022 on, sources, tags, meetings with participants,
topics, minutes, decisions and linked records, and notes of 5 to 60 words by the office's
staff. Every chunk of rows is drawn from its own `random.Random` seeded by the seed, the
table and the chunk number, so the file depends only on the seed and the counts, not on
the number of worker processes.

Speed: rows are generated in worker processes (chunks of 25,000) while the main process
inserts them, each chunk one transaction with one `executemany` per table, with the
tables' indexes dropped during the load and rebuilt after it (from their own SQL in
`sqlite_master`), then `ANALYZE`. The default size (1,000,000 records, 50,000 meetings,
2,000,000 notes) takes about 4 minutes on 2 cores and makes a file of 2.9 GB.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import math
import os
import random
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from aidviewer.store import Catalogue, minor_digits
from aidviewer.store.folding import plain_spellings

try:  # imported as benchmarks.generate
    from . import vocabulary as vocab
except ImportError:  # run as a script: benchmarks/ is on sys.path
    import vocabulary as vocab  # type: ignore[no-redef, import-not-found]

CHUNK = 25_000  # rows of the main table per generated chunk (fixed: the output depends on it)

# The timeline: announcements from the full-scale invasion on, entries in the catalogue
# from March 2022 to October 2025.
WAR_START = date(2022, 2, 24).toordinal()
CREATED_START = date(2022, 3, 1).toordinal()
CREATED_END = date(2025, 10, 31).toordinal()
DAYS = CREATED_END - CREATED_START
DAY_MS = 86_400_000

# Stage kinds in rank order (StageKind.rank).
ANNOUNCED, COMMITTED, ALLOCATED, DELIVERED, CANCELLED = (
    "announced",
    "committed",
    "allocated",
    "delivered",
    "cancelled",
)
RANK = {ANNOUNCED: 0, COMMITTED: 1, ALLOCATED: 2, DELIVERED: 3, CANCELLED: 4}
SEQUENCES: list[tuple[str, ...]] = [
    (ANNOUNCED,),
    (ANNOUNCED, COMMITTED),
    (ANNOUNCED, DELIVERED),
    (ANNOUNCED, COMMITTED, DELIVERED),
    (COMMITTED,),
    (COMMITTED, DELIVERED),
    (ANNOUNCED, ALLOCATED, DELIVERED),
    (ANNOUNCED, COMMITTED, ALLOCATED),
    (DELIVERED,),
    (ANNOUNCED, CANCELLED),
    (ANNOUNCED, COMMITTED, CANCELLED),
]
SEQUENCE_WEIGHTS = [18, 17, 15, 18, 6, 8, 6, 4, 4, 2, 2]

RECORD_COLUMNS = (
    "id, title, description, donor_id, recipient_id, implementer_id, aid_type, category_id,"
    " item, quantity, unit, amount_minor, currency, value_eur_cents, eur_rate, rate_date,"
    " status, version, created_at, updated_at, updated_by, donor_name, recipient_name,"
    " category_name, status_rank, announced_on, announced_precision, delivered_on,"
    " delivered_precision"
)
STAGE_COLUMNS = (
    "record_id, kind, date, date_precision, quantity, amount_minor, currency,"
    " value_eur_cents, eur_rate, rate_date, note, position"
)
NOTE_COLUMNS = (
    "id, record_id, meeting_id, body, author, kind, resolved, pinned, version, created_at,"
    " updated_at, updated_by"
)
MEETING_COLUMNS = (
    "id, title, starts_at, ends_at, place, minutes, version, created_at, updated_at, updated_by"
)
META_COLUMNS = "version, created_at, updated_at, updated_by"


def _insert(table: str, columns: str) -> str:
    marks = ", ".join("?" for _ in columns.split(","))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"


INSERTS: dict[str, str] = {
    "aid_record": _insert("aid_record", RECORD_COLUMNS),
    "stage": _insert("stage", STAGE_COLUMNS),
    "record_tag": _insert("record_tag", "record_id, tag_id"),
    "record_source": _insert("record_source", "record_id, source_id, position"),
    "meeting": _insert("meeting", MEETING_COLUMNS),
    "meeting_participant": _insert("meeting_participant", "meeting_id, person_id, role, position"),
    "meeting_topic": _insert("meeting_topic", "meeting_id, position, text"),
    "meeting_action": _insert(
        "meeting_action", "meeting_id, kind, text, owner_id, due_on, done, position"
    ),
    "meeting_record": _insert("meeting_record", "meeting_id, record_id"),
    "meeting_source": _insert("meeting_source", "meeting_id, source_id, position"),
    "note": _insert("note", NOTE_COLUMNS),
    "search_index": _insert("search_index", "rowid, title, body, plain"),
}
# Tables whose indexes are dropped for the load and rebuilt after it.
BULK_TABLES = (
    "aid_record",
    "stage",
    "record_tag",
    "record_source",
    "meeting",
    "meeting_participant",
    "meeting_action",
    "meeting_record",
    "meeting_source",
    "note",
)

T = TypeVar("T")
Rows = list[tuple[Any, ...]]
Chunk = dict[str, Rows]


# -- drawing ---------------------------------------------------------------------------


class Draw(random.Random):
    """`random.Random` with quick picks built on `random()` alone.

    The generic `choice`, `choices`, `randint` and `sample` cost a few microseconds each,
    which adds up to minutes over millions of rows; these do the same in a fraction.
    """

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def below(self, n: int) -> int:
        """A whole number in [0, n)."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """A whole number in [low, high]."""
        return low + int(self.random() * (high - low + 1))

    def weighted(self, items: Sequence[T], cw: Sequence[float]) -> T:
        """One of `items`, weighted by the cumulative weights `cw`."""
        index = bisect.bisect_right(cw, self.random() * cw[-1])
        return items[index if index < len(items) else -1]

    def draws(self, items: Sequence[T], cw: Sequence[float], count: int) -> list[T]:
        return [self.weighted(items, cw) for _ in range(count)]

    def several(self, items: Sequence[T], count: int) -> list[T]:
        """`count` different items (all of them when there are fewer), in drawn order."""
        if count >= len(items):
            return list(items)
        chosen: dict[int, None] = {}
        while len(chosen) < count:
            chosen[int(self.random() * len(items))] = None
        return [items[i] for i in chosen]


# -- dates and times ----------------------------------------------------------------------


class Calendar:
    """ISO strings of days and instants, cached per day: formatting dates is the hot path."""

    def __init__(self) -> None:
        self._day: dict[int, tuple[str, str, str]] = {}

    def day(self, ordinal: int) -> tuple[str, str, str]:
        """(the day, the first of its month, the first of its year) as ISO dates."""
        cached = self._day.get(ordinal)
        if cached is None:
            when = date.fromordinal(ordinal)
            cached = (
                when.isoformat(),
                f"{when.year:04d}-{when.month:02d}-01",
                f"{when.year:04d}-01-01",
            )
            self._day[ordinal] = cached
        return cached

    def stamp(self, ms: int) -> str:
        """The store's timestamp ('YYYY-MM-DDTHH:MM:SS.mmmZ') of `ms` after CREATED_START."""
        day, rest = divmod(ms, DAY_MS)
        hours, rest = divmod(rest, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        seconds, millis = divmod(rest, 1000)
        return (
            f"{self.day(CREATED_START + day)[0]}T{hours:02d}:{minutes:02d}:{seconds:02d}"
            f".{millis:03d}Z"
        )


def _spread(row_id: int) -> float:
    """A fixed pseudo-random fraction in [0, 1) for a row id (no generator state)."""
    return ((row_id * 2654435761) & 0xFFFF) / 65536.0


def created_ms(row_id: int, total: int) -> int:
    """When row `row_id` of `total` was entered, in ms after CREATED_START, increasing
    with the id: during office hours (06:00-18:00 UTC), spread over the whole timeline."""
    position = (row_id - 1 + _spread(row_id)) / total * DAYS
    day = int(position)
    return day * DAY_MS + 21_600_000 + int((position - day) * 43_200_000)


def existing_before(ms: int, total: int) -> int:
    """The highest id of `total` rows that was surely entered before `ms` (0 if none)."""
    day, rest = divmod(ms, DAY_MS)
    within = min(max(rest - 21_600_000, 0), 43_199_999) / 43_200_000
    return min(total, int((day + within) / DAYS * total))


def _weekday_on_or_before(ordinal: int) -> int:
    weekday = (ordinal - 1) % 7  # date(1, 1, 1) is a Monday
    return ordinal - max(0, weekday - 4)


# -- the vocabulary as rows --------------------------------------------------------------


# Names read with "the" inside a sentence: "the Armed Forces of Ukraine", "the World Bank".
_WITH_THE = (
    " of ",
    "Administration",
    "Fund",
    "Programme",
    "Organization",
    "Commission",
    "Bank",
    "Brigade",
    "Facility",
    "Package",
    "Agency",
    "Office",
    "Service",
    "Forces",
    "Guard",
    "Council",
    "Committee",
    "Foundation",
    "Secretariat",
    "Trust",
    "Society",
    "Group",
    "United States",
    "United Kingdom",
    "Netherlands",
    "Government",
)


@functools.cache
def the(name: str) -> str:
    """The name as it reads inside a sentence."""
    return f"the {name}" if any(word in name for word in _WITH_THE) else name


@dataclass
class Donor:
    id: int
    name: str
    the: str
    short: str
    currency: str
    local_share: float
    category_cw: list[float]  # cumulative weights over World.categories


@dataclass
class CategoryInfo:
    id: int
    name: str
    aid_type: str | None
    group: str
    items: list[vocab.Item]


@dataclass
class Group:
    """Organisations of one role for one kind of aid, with cumulative weights."""

    ids: list[int]
    names: list[str]
    cw: list[float]


@dataclass
class World:
    """Everything the chunk generators share: ids and names of the vocabulary rows."""

    seed: int
    records: int
    meetings: int
    notes: int
    donors: list[Donor]
    donor_cw: list[float]
    categories: list[CategoryInfo]
    recipients: dict[str, Group]
    implementers: dict[str, Group]
    tag_ids: list[int]
    tag_cw: list[float]
    source_days: list[int]  # published ordinal of source id i + 1, ascending
    people: list[tuple[int, str]]
    official_ids: list[int]
    person_cw: list[float]
    staff_cw: list[float]
    reference: Chunk = field(default_factory=dict)  # rows of the vocabulary tables


def _zipf_cw(n: int, exponent: float = 1.0) -> list[float]:
    total = 0.0
    cw = []
    for rank in range(1, n + 1):
        total += 1.0 / rank**exponent
        cw.append(total)
    return cw


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    cw = []
    for weight in weights:
        total += weight
        cw.append(total)
    return cw


def build_world(seed: int, records: int, meetings: int, notes: int) -> World:
    """The vocabulary: organisations, categories, tags, people and sources, with rows."""
    rng = random.Random(f"{seed}:vocabulary")
    calendar = Calendar()
    staff_cw = _zipf_cw(len(vocab.STAFF), 0.8)
    setup_ms = 0  # the vocabulary was entered on the first morning

    def meta(ms: int) -> tuple[int, str, str, str]:
        stamp = calendar.stamp(ms)
        return (1, stamp, stamp, rng.choices(vocab.STAFF, cum_weights=staff_cw)[0])

    org_rows: Rows = []
    org_ids: dict[str, int] = {}

    def organisation(name: str, kind: str, country: str | None) -> int:
        if name not in org_ids:
            org_ids[name] = len(org_rows) + 1
            iati = IATI_IDS.get(name)
            ms = setup_ms + 21_600_000 + len(org_rows) * 61_000
            org_rows.append((org_ids[name], name, kind, country, iati, *meta(ms)))
        return org_ids[name]

    countries = {code: name for name, kind, code, *_ in vocab.DONORS if kind == "government"}
    categories = [
        CategoryInfo(i + 1, name, aid_type, group, items)
        for i, (name, aid_type, group, _, items) in enumerate(vocab.CATEGORIES)
    ]
    type_weight = {"military": 0, "humanitarian": 1, "financial": 2}
    donors = []
    for name, kind, country, currency, share, profile in vocab.DONORS:
        donor_id = organisation(name, kind, country)
        aliases = vocab.ALIASES.get(name, ())
        if aliases and len(aliases[0]) < len(name):
            short = aliases[0]
        elif kind == "ministry" and country in countries:
            short = countries[country]
        else:
            short = name
        weights = []
        for _, aid_type, _, weight, _ in vocab.CATEGORIES:
            if aid_type is None:  # either military or humanitarian
                share_of = (profile[0] + profile[1]) / 2
            else:
                share_of = profile[type_weight[aid_type]]
            weights.append(weight * share_of + 1e-9)
        donors.append(
            Donor(donor_id, name, the(name), short, currency, share, _cumulative(weights))
        )

    recipients = {}
    for group, entries in vocab.RECIPIENTS.items():
        ids = [organisation(name, kind, "UA") for name, kind, _ in entries]
        recipients[group] = Group(
            ids, [name for name, *_ in entries], _cumulative([w for *_, w in entries])
        )
    implementers = {}
    for group, impl in vocab.IMPLEMENTERS.items():
        ids = [organisation(name, kind, country) for name, kind, country in impl]
        implementers[group] = Group(ids, [name for name, *_ in impl], _zipf_cw(len(impl), 0.7))

    alias_rows: Rows = [
        (org_ids[name], alias) for name, aliases in vocab.ALIASES.items() for alias in aliases
    ]
    category_rows: Rows = [
        (c.id, c.name, c.aid_type, *meta(setup_ms + 25_200_000 + c.id * 47_000)) for c in categories
    ]
    tag_rows: Rows = [
        (i + 1, name, *meta(setup_ms + 28_800_000 + i * 13_000))
        for i, name in enumerate(vocab.TAGS)
    ]

    people: list[tuple[int, str]] = []
    person_rows: Rows = []

    def person(name: str, role: str, org: int | None) -> None:
        person_id = len(person_rows) + 1
        people.append((person_id, name))
        ms = setup_ms + 32_400_000 + person_id * 17_000
        person_rows.append((person_id, name, role, org, *meta(ms)))

    for name, role, org_name in vocab.OFFICIALS:
        person(name, role, org_ids.get(org_name))
    official_ids = [person_id for person_id, _ in people]
    all_orgs = [row[0] for row in org_rows]
    seen = {name for _, name in people}
    while len(people) < 600:
        name = f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
        if name in seen:
            continue
        seen.add(name)
        person(name, rng.choice(vocab.ROLES), rng.choice(all_orgs))
    # Officials and a few regulars attend most meetings.
    person_weights = [
        6.0 if pid in official_ids else 1.0 / (1 + (pid % 97)) + 0.4 for pid, _ in people
    ]

    source_count = max(50, records // 50)
    source_days = sorted(rng.randint(WAR_START, CREATED_END) for _ in range(source_count))
    source_rows: Rows = []
    item_names = [item[0] for c in categories for item in c.items]
    for index, day in enumerate(source_days):
        source_id = index + 1
        publisher, kind, site = rng.choice(vocab.PUBLISHERS)
        donor = rng.choices(donors, cum_weights=_zipf_cw(len(donors)))[0]
        title = _source_title(rng, kind, donor.short, rng.choice(item_names), source_id)
        precision = "day" if rng.random() < 0.9 else "month"
        iso = calendar.day(day)
        published = iso[0] if precision == "day" else iso[1]
        when = date.fromordinal(day)
        words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
        slug = "-".join(words[:6])
        url = f"https://www.{site}/en/news/{when.year}/{when.month:02d}/{slug}-{source_id}"
        file_path = ""
        if kind == "data_file":
            file_path = f"data/{site.split('.')[0]}-{when.isoformat()}.xlsx"
            url = "" if rng.random() < 0.5 else url
        created = max(0, (day + 1 - CREATED_START)) * DAY_MS + 30_000_000 + source_id % 1000
        source_rows.append(
            (
                source_id,
                title,
                kind,
                publisher,
                published,
                precision,
                url,
                file_path,
                *meta(min(created, DAYS * DAY_MS)),
            )
        )

    reference: Chunk = {
        "organisation": org_rows,
        "organisation_alias": alias_rows,
        "category": category_rows,
        "tag": tag_rows,
        "person": person_rows,
        "source": source_rows,
    }
    return World(
        seed=seed,
        records=records,
        meetings=meetings,
        notes=notes,
        donors=donors,
        donor_cw=_zipf_cw(len(donors), 1.05),
        categories=categories,
        recipients=recipients,
        implementers=implementers,
        tag_ids=[row[0] for row in tag_rows],
        tag_cw=_zipf_cw(len(tag_rows), 0.9),
        source_days=source_days,
        people=people,
        official_ids=official_ids,
        person_cw=_cumulative(person_weights),
        staff_cw=staff_cw,
        reference=reference,
    )


IATI_IDS = {
    "United States Agency for International Development": "US-GOV-1",
    "United Kingdom": "GB-GOV-1",
    "Swedish International Development Cooperation Agency": "SE-0",
    "World Bank": "XM-DAC-44000",
    "UNDP Ukraine": "XM-DAC-41114",
    "UNICEF Ukraine": "XM-DAC-41122",
    "World Food Programme": "XM-DAC-41140",
    "UNHCR Ukraine": "XM-DAC-41121",
    "World Health Organization": "XM-DAC-928",
}


def _source_title(rng: random.Random, kind: str, donor: str, item: str, number: int) -> str:
    if kind == "press_release":
        return rng.choice(
            (
                f"{donor} announces a new aid package for Ukraine",
                f"{donor} hands over {in_sentence(item)} to Ukraine",
                f"Minister visits Kyiv; {donor} pledges further support",
                f"{donor} and Ukraine sign an agreement on {in_sentence(item)}",
            )
        )
    if kind == "article":
        return rng.choice(
            (
                f"{donor} to send {in_sentence(item)} to Ukraine",
                f"What {donor} has given Ukraine so far",
                f"Ukraine receives {in_sentence(item)} from {donor}",
                f"{donor} speeds up deliveries before winter",
            )
        )
    if kind == "data_file":
        return rng.choice(
            (
                f"Ukraine Support Tracker, release {number % 25 + 1}",
                f"FTS flows export {number}",
                f"IATI activity file, {donor}",
            )
        )
    return f"Decision on assistance to Ukraine no. {number}"


# -- money --------------------------------------------------------------------------------

CURRENCY_PHASE = {code: i * 0.7 for i, code in enumerate(vocab.CURRENCY_RANGES)}


def _nice(rng: Draw, value: float) -> tuple[int, bool]:
    """A sum as a source would give it: mostly rounded to 1-3 significant digits; True
    when it was left exact (then it may have cents)."""
    value = max(value, 1.0)
    draw = rng.random()
    if draw < 0.2:
        return int(value), True
    digits = 1 if draw < 0.45 else 2 if draw < 0.85 else 3
    step = 10 ** max(0, int(math.log10(value)) + 1 - digits)
    return max(step, round(value / step) * step), False


# (amount_minor, currency, value_eur_cents, eur_rate, rate_date), all NULL without money.
MoneyColumns = tuple[int | None, str | None, int | None, str | None, str | None]
NO_MONEY: MoneyColumns = (None, None, None, None, None)


def money(rng: Draw, calendar: Calendar, eur: float, currency: str, day: int) -> MoneyColumns:
    """(amount_minor, currency, value_eur_cents, eur_rate, rate_date) as `money_to_db`
    writes them, for a value of about `eur` euros announced on ordinal `day`."""
    if currency == "EUR":
        units, exact = _nice(rng, eur)
        cents = units * 100 + (rng.below(100) if exact and rng.random() < 0.5 else 0)
        return cents, "EUR", cents, "1", None
    low, high = vocab.CURRENCY_RANGES[currency]
    drift = 0.5 + 0.4 * math.sin((day - WAR_START) / 140.0 + CURRENCY_PHASE[currency])
    rate = low + (high - low) * min(1.0, max(0.0, drift + (rng.random() - 0.5) * 0.05))
    places = 2 if high >= 100 else 4
    rate_text = f"{rate:.{places}f}"
    rate_scaled = int(rate_text.replace(".", ""))
    digits = minor_digits(currency)
    units, exact = _nice(rng, eur * rate)
    amount_minor = units * 10**digits
    if exact and digits and rng.random() < 0.5:
        amount_minor += rng.below(10**digits)
    # EUR cents = amount / rate, rounded half up, in integers only.
    numerator = amount_minor * 10 ** (2 - digits) * 10**places
    cents = (2 * numerator + rate_scaled) // (2 * rate_scaled)
    rate_day = calendar.day(_weekday_on_or_before(day))[0]
    return amount_minor, currency, cents, rate_text, rate_day


# -- records ------------------------------------------------------------------------------

STAGE_NOTES = (
    "Planned assistance",
    "Reported by the donor",
    "First batch",
    "Confirmed by the recipient",
    "Per Kiel tracker",
    "Reported in the press release",
    "Contract signed",
    "Handed over at the border",
    "Remaining items expected later",
    "Funds disbursed",
)

DESCRIPTION_SENTENCES: dict[str, tuple[str, ...]] = {
    "all": (
        "{Donor} will provide {qty}{item_l} to {recipient}.",
        "Announced by {official} during a visit to {city}.",
        "Confirmed at a press conference in {abroad}.",
        "Part of the {short} package number {n}.",
        "The figures follow the donor's press release of {month} {year}.",
        "Agreed at the bilateral consultations in {abroad} in {month} {year}.",
        "Reported by the Ministry of Defence of Ukraine; the donor has not published details.",
        "Delivery is planned in {k} batches through {hub}.",
    ),
    "military": (
        "Agreed at meeting {n} of the Ukraine Defense Contact Group in Ramstein.",
        "Financed through the European Peace Facility.",
        "Procured from {company} and shipped from {abroad}.",
        "Includes spare parts, training and maintenance for {k} months.",
        "Intended for units defending {region} oblast.",
        "Handed over at the logistics hub in {hub}.",
        "Crews were trained in {abroad} before the handover.",
        "The {item_l} come from the donor's own stocks and will be backfilled.",
        "Delivered to the {brigade} near {city}.",
    ),
    "humanitarian": (
        "Distributed by {company} to displaced families in {region} oblast.",
        "For hospitals and shelters in {city} and {city2}.",
        "Part of the winter support for {city}.",
        "Transported by rail from {abroad} to {city}.",
        "Coordinated with the regional military administration in {city}.",
        "Families in de-occupied villages near {city} were reached first.",
        "The shelters in {city} need heating for {k} more weeks.",
    ),
    "energy": (
        "Hospitals and water utilities in {city} will use them during blackouts.",
        "Replaces equipment destroyed in the strikes on the power grid near {city}.",
        "Delivered through the Ukraine Energy Support Fund.",
        "Installed by {company} at substations in {region} oblast.",
        "The {item_l} arrived in {city} before the heating season.",
    ),
    "financial": (
        "Disbursed to the state budget to pay salaries of teachers and doctors.",
        "A tranche under the Ukraine Facility, subject to reform conditions.",
        "Channelled through the World Bank's PEACE project.",
        "Repaid from the proceeds of immobilised Russian assets.",
        "Signed by {official} in {abroad}.",
        "The grant covers pensions and social payments in {month} {year}.",
    ),
}
BRIGADES = (
    "47th Mechanised Brigade",
    "93rd Mechanised Brigade",
    "3rd Separate Assault Brigade",
    "92nd Assault Brigade",
    "72nd Mechanised Brigade",
    "25th Airborne Brigade",
    "80th Air Assault Brigade",
    "36th Marine Brigade",
    "110th Mechanised Brigade",
    "Kraken unit",
)
SEASONS = ("winter", "spring", "summer", "autumn")


# Items whose name starts with a proper name keep their capital inside a sentence.
PROPER = frozenset(
    [
        "Patriot",
        "Stinger",
        "Piorun",
        "Gepard",
        "Skynex",
        "Hawk",
        "Mistral",
        "Caesar",
        "Archer",
        "Leopard",
        "Challenger",
        "Bradley",
        "Patria",
        "Marder",
        "MaxxPro",
        "Javelin",
        "Carl",
        "Panzerfaust",
        "Puma",
        "Bayraktar",
        "Switchblade",
        "Sea",
        "Harpoon",
        "Starlink",
        "Bozena",
        "Contribution",
    ]
)


@functools.cache
def in_sentence(item: str) -> str:
    """The item's name as it reads inside a sentence: "Winter uniforms" -> "winter
    uniforms", but "IRIS-T missiles" and "Leopard 2A4 tanks" stay."""
    first = item.split(" ", 1)[0]
    if item[1:2].islower() and first not in PROPER:
        return item[0].lower() + item[1:]
    return item


COUNTED_AS_ITEMS = frozenset(("units", "vehicles", "systems"))


def _title(rng: Draw, item: str, quantity: int | None, unit: str, ctx: dict[str, Any]) -> str:
    draw = rng.random()
    if draw < 0.18:
        return item
    if draw < 0.42 and quantity and quantity > 1:
        if item.endswith(unit) or unit in COUNTED_AS_ITEMS:
            return f"{quantity:,} {in_sentence(item)}"  # "40 IRIS-T missiles"
        return f"{item} ({quantity:,} {unit})"  # "Diesel fuel (1,200 tonnes)"
    if draw < 0.60 and ctx["group"] != "financial":
        return f"{item} {'in' if ' for ' in item else 'for'} {ctx['city']}"
    if draw < 0.68 and ctx["group"] == "military":
        return f"{item} for the {ctx['brigade']}"
    if draw < 0.78:
        return f"{ctx['short']} package {ctx['n']}: {item}"
    if draw < 0.88:
        return f"{item}, tranche {ctx['k']}"
    return f"{item} ({ctx['season']} {ctx['year']})"


def _description(rng: Draw, ctx: dict[str, Any]) -> str:
    group = ctx["group"]
    pool = DESCRIPTION_SENTENCES["all"] + DESCRIPTION_SENTENCES[group]
    count = rng.weighted((1, 2, 3), (0.35, 0.80, 1.0))
    picked = rng.several(pool, count)
    return " ".join(sentence.format(**ctx) for sentence in picked)


def record_chunk(world: World, index: int) -> Chunk:
    """Records CHUNK * index + 1 ... with their stages, tags, sources and index rows."""
    rng = Draw(f"{world.seed}:records:{index}")
    calendar = Calendar()
    first = index * CHUNK + 1
    last = min(world.records, first + CHUNK - 1)
    count = last - first + 1
    donors = rng.draws(world.donors, world.donor_cw, count)
    sequences = rng.draws(SEQUENCES, _cumulative(SEQUENCE_WEIGHTS), count)
    staff = rng.draws(vocab.STAFF, world.staff_cw, count)
    records: Rows = []
    stages: Rows = []
    record_tags: Rows = []
    record_sources: Rows = []
    fts: Rows = []
    categories = world.categories
    source_days = world.source_days
    n_sources = len(source_days)
    officials = [name for _, name in world.people[: len(world.official_ids)]]
    for offset in range(count):
        record_id = first + offset
        donor = donors[offset]
        category = rng.weighted(categories, donor.category_cw)
        aid_type = category.aid_type or ("military" if rng.random() < 0.5 else "humanitarian")
        group = category.group
        if category.aid_type is None and aid_type == "military":
            group = "military"
        item_name, unit, q_low, q_high, price = rng.pick(category.items)
        recipients = world.recipients[group]
        r_index = rng.weighted(range(len(recipients.ids)), recipients.cw)
        recipient_id, recipient = recipients.ids[r_index], recipients.names[r_index]
        implementers = world.implementers[group]
        i_index = rng.weighted(range(len(implementers.ids)), implementers.cw)
        implementer_id = implementers.ids[i_index] if rng.random() < 0.35 else None
        company = implementers.names[i_index]

        # Quantity and value.
        if q_high:
            quantity: int | None = int(math.exp(rng.uniform(math.log(q_low), math.log(q_high))))
            assert quantity is not None
            if quantity > 50:
                step = 10 ** (int(math.log10(quantity)) - 1)
                quantity = round(quantity / step) * step
            eur = quantity * price * rng.uniform(0.6, 1.6)
            if rng.random() < 0.08:
                quantity = None
        else:
            quantity = None
            low, high = vocab.MONEY_ONLY_RANGE[category.name]
            eur = math.exp(rng.uniform(math.log(low), math.log(high)))
        record_unit = unit if quantity is not None else ""

        # Dates: entered at `created`, announced up to about a year before.
        created = created_ms(record_id, world.records)
        created_day = CREATED_START + created // DAY_MS
        announced_day = max(WAR_START, created_day - min(int(rng.expovariate(1 / 25)), 400))
        sequence = sequences[offset]
        span = created_day - announced_day
        days = sorted(announced_day + rng.between(0, span) for _ in sequence[1:])
        stage_days = [announced_day, *days]

        has_money = rng.random() < (
            0.6 if aid_type == "military" else 0.85 if aid_type == "humanitarian" else 1.0
        )
        if has_money:
            currency = donor.currency if rng.random() < donor.local_share else "EUR"
            amount = money(rng, calendar, eur, currency, announced_day)
        else:
            amount = NO_MONEY

        status = max(sequence, key=RANK.__getitem__)
        announced_on, announced_precision = "", "unknown"
        delivered_on, delivered_precision = "", "unknown"
        seen_announced = seen_delivered = False
        for position, (kind, day) in enumerate(zip(sequence, stage_days, strict=True)):
            draw = rng.random()
            iso = calendar.day(day)
            if draw < 0.82:
                when, precision = iso[0], "day"
            elif draw < 0.94:
                when, precision = iso[1], "month"
            elif draw < 0.97:
                when, precision = iso[2], "year"
            else:
                when, precision = None, "unknown"
            stage_quantity = quantity
            stage_money = NO_MONEY
            if kind == DELIVERED and quantity and rng.random() < 0.3:
                stage_quantity = max(1, int(quantity * rng.uniform(0.3, 0.9)))
            elif has_money and rng.random() < (0.3 if kind == ANNOUNCED else 0.5):
                stage_money = amount
            note = rng.pick(STAGE_NOTES) if rng.random() < 0.3 else ""
            stages.append(
                (record_id, kind, when, precision, stage_quantity, *stage_money, note, position)
            )
            # The store copies the date of the first stage of each kind (stage_date()).
            if kind == ANNOUNCED and not seen_announced:
                seen_announced = True
                announced_on, announced_precision = when or "", precision
            if kind == DELIVERED and not seen_delivered:
                seen_delivered = True
                delivered_on, delivered_precision = when or "", precision

        city, region = rng.pick(vocab.UA_CITIES)
        announced = date.fromordinal(announced_day)
        ctx = {
            "group": group,
            "donor": donor.the,
            "Donor": donor.the[0].upper() + donor.the[1:],
            "short": donor.short,
            "recipient": the(recipient),
            "item_l": in_sentence(item_name),
            "qty": f"{quantity:,} " if quantity else "",
            "city": city,
            "city2": rng.pick(vocab.UA_CITIES)[0],
            "region": region,
            "abroad": rng.pick(vocab.ABROAD_CITIES),
            "hub": rng.pick(vocab.HUBS),
            "official": rng.pick(officials),
            "company": company,
            "brigade": rng.pick(BRIGADES),
            "n": rng.between(2, 80),
            "k": rng.between(2, 12),
            "month": vocab.MONTHS[announced.month - 1],
            "year": announced.year,
            "season": SEASONS[(announced.month % 12) // 3],
        }
        title = _title(rng, item_name, quantity, unit, ctx)
        description = _description(rng, ctx)
        stamp = calendar.stamp(created)
        records.append(
            (
                record_id,
                title,
                description,
                donor.id,
                recipient_id,
                implementer_id,
                aid_type,
                category.id,
                item_name,
                quantity,
                record_unit,
                *amount,
                status,
                1,
                stamp,
                stamp,
                staff[offset],
                donor.name,
                recipient,
                category.name,
                RANK[status],
                announced_on,
                announced_precision,
                delivered_on,
                delivered_precision,
            )
        )
        fts.append((record_id * 4 + 1, title, description, plain_spellings(title, description)))

        tag_count = rng.weighted((0, 1, 2, 3), (0.35, 0.70, 0.90, 1.0))
        if tag_count:
            chosen = set(rng.draws(world.tag_ids, world.tag_cw, tag_count))
            record_tags.extend((record_id, tag_id) for tag_id in sorted(chosen))
        source_count = rng.weighted((0, 1, 2, 3), (0.15, 0.80, 0.97, 1.0))
        if source_count:
            near = bisect.bisect_right(source_days, announced_day)
            chosen_sources: dict[int, None] = {}
            for _ in range(source_count):
                source_index = min(n_sources - 1, max(0, near - 1 - rng.between(0, 15)))
                chosen_sources[source_index + 1] = None
            record_sources.extend(
                (record_id, source_id, position)
                for position, source_id in enumerate(chosen_sources)
            )
    return {
        "aid_record": records,
        "stage": stages,
        "record_tag": record_tags,
        "record_source": record_sources,
        "search_index": fts,
    }


# -- meetings -----------------------------------------------------------------------------

MEETING_TITLES = (
    "Ukraine Defense Contact Group (Ramstein), meeting {n}",
    "Weekly donor coordination: {category}",
    "Bilateral consultations with {short}",
    "Energy coordination for {city}",
    "Humanitarian cluster meeting, {region} oblast",
    "Briefing for {official}",
    "Capability coalition: {coalition}",
    "Video call with {recipient}",
    "{short} delegation visit to {city}",
    "Working group on {topic}",
    "Monthly review of {short} commitments",
)
COALITIONS = ("air defence", "drones", "demining", "IT", "armour", "artillery", "maritime")
WORKING_TOPICS = (
    "ammunition production",
    "winterisation",
    "medical evacuation",
    "demining of farmland",
    "repair of the power grid",
    "training of new brigades",
    "transport and customs",
    "end-user certificates",
    "reporting to the Kiel tracker",
)
PLACES = (
    "Online (Microsoft Teams)",
    "Online (Zoom)",
    "Ministry of Defence, Kyiv",
    "Ramstein Air Base",
    "NATO Headquarters, Bruxelles",
    "Embassy of Lithuania, Kyiv",
    "Conference room 3",
    "{abroad}",
    "{city}",
    "Regional Military Administration, {city}",
)
TOPICS = (
    "Air defence deliveries for {city}",
    "Winterisation: generators and fuel for {city}",
    "Status of {short} commitments",
    "Demining in {region} oblast",
    "Ammunition: deliveries and production",
    "Training of the {brigade}",
    "Repairs of the energy infrastructure in {city}",
    "Medical supplies for hospitals in {city}",
    "Budget support for {month}",
    "Transport through {hub}",
    "Reporting: discrepancies with the Kiel tracker",
    "Next steps and follow-ups",
)
MINUTES = (
    "{official} opened the meeting and summarised the situation near {city}.",
    "{short} confirmed the delivery of {item_l} by the end of {month}.",
    "The Ukrainian side asked for more {item_l}, citing attacks on {city}.",
    "Participants agreed to share the updated list of needs within {k} days.",
    "The logistics team reported delays at {hub} because of customs checks.",
    "{official} thanked the partners for their support.",
    "The question of financing was left to the next meeting.",
    "The humanitarian situation in {region} oblast remains difficult; shelters need heating.",
    "Deliveries of generators to {city} continue as planned.",
    "It was noted that the figures differ from those published by the donor.",
    "The next meeting will take place in {abroad}.",
    "Training of crews in {abroad} started on schedule.",
)
DECISIONS = (
    "Agreed to prioritise {item_l} for {city}",
    "Approved the joint procurement with {short}",
    "Agreed to report monthly to the coordination group",
    "Decided to send a team to {hub}",
)
FOLLOW_UPS = (
    "Send the updated list of needs to {short}",
    "Check the delivery schedule with the logistics team in {hub}",
    "Prepare a briefing note for {official}",
    "Confirm the figures with {recipient}",
    "Ask {short} for the end-user certificate",
)


def meeting_chunk(world: World, index: int) -> Chunk:
    """Meetings CHUNK * index + 1 ... with participants, topics, actions and links."""
    rng = Draw(f"{world.seed}:meetings:{index}")
    calendar = Calendar()
    first = index * CHUNK + 1
    last = min(world.meetings, first + CHUNK - 1)
    meetings: Rows = []
    participants: Rows = []
    topics_rows: Rows = []
    actions: Rows = []
    links: Rows = []
    sources: Rows = []
    fts: Rows = []
    people = world.people
    officials = [name for _, name in people[: len(world.official_ids)]]
    items = [item[0] for c in world.categories for item in c.items if item[1]]
    for meeting_id in range(first, last + 1):
        created = created_ms(meeting_id, world.meetings)
        created_day = CREATED_START + created // DAY_MS
        day = max(WAR_START, created_day - rng.between(0, 4))
        day = _weekday_on_or_before(day)
        iso_day = calendar.day(day)[0]
        donor = rng.weighted(world.donors, world.donor_cw)
        city, region = rng.pick(vocab.UA_CITIES)
        item = rng.pick(items)
        recipients = world.recipients[rng.pick(("military", "humanitarian", "energy"))]
        when = date.fromordinal(day)
        ctx = {
            "n": rng.between(1, 30),
            "category": rng.pick(world.categories).name.lower(),
            "short": donor.short,
            "city": city,
            "region": region,
            "official": rng.pick(officials),
            "coalition": rng.pick(COALITIONS),
            "recipient": the(rng.pick(recipients.names)),
            "topic": rng.pick(WORKING_TOPICS),
            "abroad": rng.pick(vocab.ABROAD_CITIES),
            "hub": rng.pick(vocab.HUBS),
            "brigade": rng.pick(BRIGADES),
            "month": vocab.MONTHS[when.month - 1],
            "item_l": in_sentence(item),
            "k": rng.between(2, 14),
        }
        title = rng.pick(MEETING_TITLES).format(**ctx)
        if rng.random() < 0.85:
            start_minutes = rng.pick(range(8 * 60, 17 * 60 + 1, 30))
            starts_at = f"{iso_day}T{start_minutes // 60:02d}:{start_minutes % 60:02d}"
            if rng.random() < 0.7:
                end = min(start_minutes + rng.pick((30, 45, 60, 90, 120, 180)), 23 * 60)
                ends_at = f"{iso_day}T{end // 60:02d}:{end % 60:02d}"
            else:
                ends_at = ""
        else:
            starts_at, ends_at = iso_day, ""
        place = rng.pick(PLACES).format(**ctx)
        topic_list = [t.format(**ctx) for t in rng.several(TOPICS, rng.between(1, 4))]
        minutes = " ".join(m.format(**ctx) for m in rng.several(MINUTES, rng.between(2, 6)))
        stamp = calendar.stamp(created)
        author = rng.weighted(vocab.STAFF, world.staff_cw)
        meetings.append(
            (meeting_id, title, starts_at, ends_at, place, minutes, 1, stamp, stamp, author)
        )
        body = "\n".join((*topic_list, minutes))
        fts.append((meeting_id * 4 + 2, title, body, plain_spellings(title, body)))
        topics_rows.extend((meeting_id, position, text) for position, text in enumerate(topic_list))
        attendees = list(
            dict.fromkeys(rng.draws(range(1, len(people) + 1), world.person_cw, rng.between(2, 8)))
        )
        for position, person_id in enumerate(attendees):
            role = "Chair" if position == 0 else rng.pick(vocab.MEETING_ROLES)
            participants.append((meeting_id, person_id, role, position))
        for position in range(rng.weighted((0, 1, 2, 3), (0.4, 0.7, 0.9, 1.0))):
            if rng.random() < 0.4:
                kind, text = "decision", rng.pick(DECISIONS).format(**ctx)
                owner, due, done = None, None, 0
            else:
                kind, text = "follow_up", rng.pick(FOLLOW_UPS).format(**ctx)
                owner = rng.pick(attendees)
                due = calendar.day(day + rng.between(3, 30))[0]
                done = int(rng.random() < 0.6)
            actions.append((meeting_id, kind, text, owner, due, done, position))
        existing = existing_before(created, world.records)
        if existing:
            window = max(1, min(existing, world.records // 20))
            linked = {
                existing - rng.below(window)
                for _ in range(rng.weighted((0, 1, 3, 5, 8), (0.2, 0.5, 0.75, 0.9, 1)))
            }
            links.extend((meeting_id, record_id) for record_id in sorted(linked))
        if rng.random() < 0.4:
            near = bisect.bisect_right(world.source_days, day)
            source_index = min(len(world.source_days) - 1, max(0, near - 1 - rng.between(0, 10)))
            sources.append((meeting_id, source_index + 1, 0))
    return {
        "meeting": meetings,
        "meeting_participant": participants,
        "meeting_topic": topics_rows,
        "meeting_action": actions,
        "meeting_record": links,
        "meeting_source": sources,
        "search_index": fts,
    }


# -- notes --------------------------------------------------------------------------------

NOTE_SENTENCES = {
    "comment": (
        "Checked with {official} by phone.",
        "Delivery expected in {month} {year}.",
        "The quantity in the press release ({a:,}) differs from the ministry's figure ({b:,}).",
        "Receipt acknowledged by the recipient in {city}.",
        "Source updated; see the {publisher} article of {month} {year}.",
        "Amount converted at the ECB rate of the announcement date.",
        "Partial delivery: {k} of {b:,} received in {city}.",
        "No change since the last review.",
        "Waiting for the logistics team in {hub}.",
        "Discussed at the weekly coordination meeting.",
        "{official} asked for photos of the handover.",
        "Figures are provisional until the donor publishes the final list.",
        "Matches the entry in the Kiel tracker.",
        "The shipment left {abroad} on {day} {month}.",
        "Customs clearance at {hub} took {k} days.",
        "Part of the equipment went to units near {city}.",
        "The embassy in {abroad} confirmed the numbers.",
        "Entered from the donor's spreadsheet.",
        "Value includes transport and insurance.",
        "Training of operators finished in {abroad}.",
    ),
    "question": (
        "Does the value include VAT and transport to {hub}?",
        "Is this a new commitment or a repeat of the {month} announcement?",
        "Which unit received the batch delivered to {city}?",
        "Could this duplicate the record entered last week?",
        "Who signed the end-user certificate?",
        "Is the amount in euros or in the donor's currency?",
        "Are spare parts included?",
    ),
    "follow_up": (
        "Follow up with the embassy in {abroad} about the end-user certificate.",
        "Ask {official}'s office for the final figures by {day} {month}.",
        "Remind the logistics team in {hub} about the missing documents.",
        "Send the updated table to the coordination group.",
        "Check the delivery status with the recipient in {city} next week.",
        "Request the contract number from the donor.",
    ),
    "energy": (
        "The generators reached the hospital in {city}.",
        "Fuel for the generators in {city} is needed for {k} more weeks.",
    ),
}
NOTE_KINDS = ("comment", "question", "follow_up")


def note_chunk(world: World, index: int) -> Chunk:
    """Notes CHUNK * index + 1 ...: on a record (nine in ten) or a meeting."""
    rng = Draw(f"{world.seed}:notes:{index}")
    calendar = Calendar()
    first = index * CHUNK + 1
    last = min(world.notes, first + CHUNK - 1)
    count = last - first + 1
    notes: Rows = []
    fts: Rows = []
    officials = [name for _, name in world.people[: len(world.official_ids)]]
    publishers = [publisher for publisher, _, _ in vocab.PUBLISHERS]
    authors = rng.draws(vocab.STAFF, world.staff_cw, count)
    kinds = rng.draws(NOTE_KINDS, (0.70, 0.85, 1.0), count)
    # A few records, spread over the years, collect long discussions.
    hot = sorted(
        {1 + (k * 7_919 * 104_729) % world.records for k in range(1, world.records // 5000)}
    )
    recent = max(50, world.records // 40)
    for offset in range(count):
        note_id = first + offset
        when_ms = created_ms(note_id, world.notes)
        record_id: int | None = None
        meeting_id: int | None = None
        meetings_so_far = existing_before(when_ms, world.meetings)
        if not world.records or (meetings_so_far and rng.random() < 0.12):
            latest = max(1, meetings_so_far)
            back = int(rng.expovariate(1 / 40))  # mostly recent meetings
            meeting_id = latest - (back if back < latest else rng.below(latest))
            owner_ms = created_ms(meeting_id, world.meetings)
        else:
            latest = max(1, existing_before(when_ms, world.records))
            draw = rng.random()
            candidate = hot[rng.below(len(hot))] if draw < 0.03 and hot else latest + 1
            if candidate <= latest:
                record_id = candidate
            elif draw < 0.6:  # most notes are on recent records
                record_id = latest - rng.below(min(latest, recent))
            else:
                record_id = rng.between(1, latest)
            owner_ms = created_ms(record_id, world.records)
        when_ms = max(when_ms, owner_ms + 60_000 + note_id % 60_000)
        when = date.fromordinal(CREATED_START + when_ms // DAY_MS)
        kind = kinds[offset]
        a = rng.between(2, 400) * 50
        ctx = {
            "official": rng.pick(officials),
            "month": vocab.MONTHS[when.month - 1],
            "year": when.year,
            "day": rng.between(1, 28),
            "a": a,
            "b": a + rng.between(1, 40) * 50,
            "k": rng.between(2, 12),
            "city": rng.pick(vocab.UA_CITIES)[0],
            "hub": rng.pick(vocab.HUBS),
            "abroad": rng.pick(vocab.ABROAD_CITIES),
            "publisher": rng.pick(publishers),
        }
        pool = NOTE_SENTENCES[kind] + NOTE_SENTENCES["comment"]
        first_pool = NOTE_SENTENCES["energy"] if rng.random() < 0.002 else NOTE_SENTENCES[kind]
        sentences = [rng.pick(first_pool)]
        target = int(rng.triangular(5, 60, 14))
        words = len(sentences[0].split())
        while words < target:
            sentence = rng.pick(pool)
            sentences.append(sentence)
            words += len(sentence.split())
        body = " ".join(s.format(**ctx) for s in sentences)
        split = body.split()
        if len(split) > 60:
            body = " ".join(split[:60]).rstrip(".,;:?") + "."
        resolved = int(
            rng.random() < (0.6 if kind == "question" else 0.5 if kind == "follow_up" else 0.02)
        )
        pinned = int(rng.random() < 0.03)
        stamp = calendar.stamp(when_ms)
        author = authors[offset]
        notes.append(
            (
                note_id,
                record_id,
                meeting_id,
                body,
                author,
                kind,
                resolved,
                pinned,
                1,
                stamp,
                stamp,
                author,
            )
        )
        fts.append((note_id * 4 + 3, "", body, plain_spellings(body)))
    return {"note": notes, "search_index": fts}


# -- loading ------------------------------------------------------------------------------

GENERATORS: dict[str, Callable[[World, int], Chunk]] = {
    "records": record_chunk,
    "meetings": meeting_chunk,
    "notes": note_chunk,
}
_WORLD: World | None = None


def _init_worker(world: World) -> None:
    global _WORLD
    _WORLD = world


def _run_chunk(task: tuple[str, int]) -> Chunk:
    assert _WORLD is not None
    kind, index = task
    return GENERATORS[kind](_WORLD, index)


def _chunks(world: World, tasks: list[tuple[str, int]], workers: int) -> Iterator[Chunk]:
    """The chunks in order, generated `workers` at a time ahead of the caller."""
    if workers <= 0:
        for kind, index in tasks:
            yield GENERATORS[kind](world, index)
        return
    import multiprocessing

    # "spawn" everywhere: forking a process that runs threads (Qt, a test runner) is unsafe.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, _init_worker, (world,)) as pool:
        pending: deque[Future[Chunk]] = deque()
        queue = iter(tasks)
        for task in queue:
            pending.append(pool.submit(_run_chunk, task))
            if len(pending) > workers + 1:
                break
        while pending:
            chunk = pending.popleft().result()
            following = next(queue, None)
            if following is not None:
                pending.append(pool.submit(_run_chunk, following))
            yield chunk


def _log(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)


def generate(
    path: str | os.PathLike[str],
    records: int = 1_000_000,
    meetings: int = 50_000,
    notes: int = 2_000_000,
    seed: int = 1,
    *,
    workers: int | None = None,
    check: bool = False,
    quiet: bool = False,
) -> Path:
    """Write a new catalogue at `path` with these many rows, the same for the same seed.

    `workers` generator processes run ahead of the inserts (default: one fewer than the
    CPUs, at least one; 0 generates in this process). With `check`, the finished file is
    opened with the store and `Catalogue.check()` must find it sound (slow on big files).
    """
    path = Path(path)
    started = time.perf_counter()

    def log(message: str) -> None:
        if not quiet:
            _log(message, started)

    if min(records, meetings, notes) < 0:
        raise ValueError("counts cannot be negative")
    if notes and not (records or meetings):
        raise ValueError("notes need records or meetings to annotate")
    if workers is None:
        workers = max(1, (os.cpu_count() or 2) - 1)
    if path.exists() and path.stat().st_size > 0:
        raise FileExistsError(f"{path} exists")
    # Built under a temporary name and renamed when complete: an interrupted run leaves
    # no half-loaded catalogue behind.
    draft = path.with_name(f".{path.name}.part")
    draft.unlink(missing_ok=True)
    try:
        _load(draft, build_world(seed, records, meetings, notes), workers, log)
        os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    size = path.stat().st_size
    log(f"written {path} ({size / 1e6:,.0f} MB)")
    with Catalogue.open(path, user="benchmark") as catalogue:
        log("opened with the store")
        if check:
            report = catalogue.check()
            log(f"check: {'sound' if report.sound else 'PROBLEMS'} {report.counts}")
            if not report.sound:
                problems = "; ".join(report.problems)
                raise RuntimeError(f"generated catalogue is not sound: {problems}")
    return path


def _load(path: Path, world: World, workers: int, log: Callable[[str], None]) -> None:
    """Create the catalogue at `path` with the store, then bulk-load the world's rows."""
    Catalogue.create(path, user="benchmark").close()
    records, meetings, notes = world.records, world.meetings, world.notes
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = OFF")  # a new file: nothing to roll back to
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA cache_size = -1000000")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute(f"PRAGMA threads = {os.cpu_count() or 1}")  # sorts for CREATE INDEX
        indexes = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({', '.join('?' for _ in BULK_TABLES)})",
            BULK_TABLES,
        ).fetchall()
        con.execute("BEGIN")
        for name, _ in indexes:
            con.execute(f"DROP INDEX {name}")
        for table, rows in world.reference.items():
            if rows:
                marks = ", ".join("?" for _ in rows[0])
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        con.execute("COMMIT")
        log(
            f"vocabulary: {len(world.reference['organisation'])} organisations, "
            f"{len(world.categories)} categories, {len(world.tag_ids)} tags, "
            f"{len(world.people)} people, {len(world.source_days)} sources"
        )
        tasks = [
            (kind, index)
            for kind, total in (("records", records), ("meetings", meetings), ("notes", notes))
            for index in range(math.ceil(total / CHUNK))
        ]
        totals = {"records": records, "meetings": meetings, "notes": notes}
        done = dict.fromkeys(totals, 0)
        main_table = {"records": "aid_record", "meetings": "meeting", "notes": "note"}
        waited = inserting = 0.0
        chunks = _chunks(world, tasks, workers)
        for kind, _ in tasks:  # an error closes `chunks` (and its workers) on the way out
            mark = time.perf_counter()
            chunk = next(chunks)
            waited += time.perf_counter() - mark
            mark = time.perf_counter()
            con.execute("BEGIN")
            for table, rows in chunk.items():
                if rows:
                    con.executemany(INSERTS[table], rows)
            con.execute("COMMIT")
            inserting += time.perf_counter() - mark
            done[kind] += len(chunk[main_table[kind]])
            log(
                f"{kind}: {done[kind]:,} of {totals[kind]:,}"
                f" (waited for rows {waited:.1f} s, inserting {inserting:.1f} s)"
            )
        log("building indexes")
        con.execute("BEGIN")
        for _, sql in indexes:
            con.execute(sql)
        con.execute("COMMIT")
        log("ANALYZE")
        con.execute("ANALYZE")
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the catalogue file to write (.aidb)")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=50_000)
    parser.add_argument("--notes", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers", type=int, default=None, help="generator processes (0: none; default CPUs-1)"
    )
    parser.add_argument(
        "--check", action="store_true", help="run Catalogue.check() on the result (slow)"
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.force:
        args.out.unlink(missing_ok=True)
    elif args.out.exists():
        print(f"{args.out} exists (use --force to replace it)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    generate(
        args.out,
        records=args.records,
        meetings=args.meetings,
        notes=args.notes,
        seed=args.seed,
        workers=args.workers,
        check=args.check,
        quiet=args.quiet,
    )
    print(f"{args.out}: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
