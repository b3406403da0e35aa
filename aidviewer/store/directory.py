"""Organisations, people, categories, tags and sources: the catalogue's vocabulary."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from .base import CatalogueBase, DbValue
from .errors import InvalidValueError, NotFoundError
from .types import (
    AidType,
    Category,
    FuzzyDate,
    Organisation,
    OrganisationKind,
    Person,
    Precision,
    Source,
    SourceKind,
    Tag,
)


def _meta(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "version": row["version"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "updated_by": row["updated_by"],
    }


def fuzzy_from_db(value: str | None, precision: str) -> FuzzyDate:
    if value is None:
        return FuzzyDate()
    return FuzzyDate(date.fromisoformat(value), Precision(precision))


def fuzzy_to_db(value: FuzzyDate) -> tuple[str | None, str]:
    return (value.value.isoformat() if value.value else None, value.precision.value)


class DirectoryMixin(CatalogueBase):
    # -- organisations --------------------------------------------------------------------

    @staticmethod
    def _organisation_values(org: Organisation) -> dict[str, DbValue]:
        return {
            "name": org.name.strip(),
            "kind": OrganisationKind(org.kind).value,
            "country": org.country.upper() if org.country else None,
            "iati_id": org.iati_id or None,
        }

    def _aliases(self, org_id: int) -> tuple[str, ...]:
        rows = self._con.execute(
            "SELECT alias FROM organisation_alias WHERE organisation_id = ? ORDER BY alias",
            (org_id,),
        )
        return tuple(row[0] for row in rows)

    def _set_aliases(self, org_id: int, aliases: tuple[str, ...]) -> None:
        self._con.execute("DELETE FROM organisation_alias WHERE organisation_id = ?", (org_id,))
        for alias in dict.fromkeys(a.strip() for a in aliases if a.strip()):
            try:
                self._con.execute(
                    "INSERT INTO organisation_alias (organisation_id, alias) VALUES (?, ?)",
                    (org_id, alias),
                )
            except sqlite3.IntegrityError as error:
                raise InvalidValueError(
                    f"The alias “{alias}” already exists for another organisation."
                ) from error

    def _organisation_from_row(self, row: sqlite3.Row) -> Organisation:
        return Organisation(
            **_meta(row),
            name=row["name"],
            kind=OrganisationKind(row["kind"]),
            country=row["country"],
            iati_id=row["iati_id"],
            aliases=self._aliases(row["id"]),
        )

    def add_organisation(self, org: Organisation) -> Organisation:
        aliases = tuple(sorted(set(org.aliases)))
        with self._write():
            new_id, _ = self._insert(
                "organisation",
                "organisation",
                self._organisation_values(org),
                {"aliases": "\n".join(aliases)},
            )
            self._set_aliases(new_id, aliases)
            return self.organisation(new_id)

    def organisation(self, org_id: int) -> Organisation:
        with self._read() as con:
            row = con.execute("SELECT * FROM organisation WHERE id = ?", (org_id,)).fetchone()
            if row is None:
                raise NotFoundError("This organisation does not exist.", self.path)
            return self._organisation_from_row(row)

    def organisations(self) -> list[Organisation]:
        with self._read() as con:
            rows = con.execute("SELECT * FROM organisation ORDER BY name COLLATE NOCASE, id")
            return [self._organisation_from_row(row) for row in rows.fetchall()]

    def find_organisation(self, name: str) -> Organisation | None:
        """The organisation with this name or alias, ignoring case."""
        with self._read() as con:
            row = con.execute(
                "SELECT o.* FROM organisation o WHERE o.name = ? COLLATE NOCASE"
                " UNION ALL SELECT o.* FROM organisation o JOIN organisation_alias a"
                " ON a.organisation_id = o.id WHERE a.alias = ? COLLATE NOCASE LIMIT 1",
                (name.strip(), name.strip()),
            ).fetchone()
            return None if row is None else self._organisation_from_row(row)

    def update_organisation(self, org: Organisation) -> Organisation:
        aliases = tuple(sorted(set(org.aliases)))
        with self._write():
            self._current("organisation", "organisation", org.id, org.version)
            old_aliases = self._aliases(org.id)
            self._update(
                "organisation",
                "organisation",
                org.id,
                org.version,
                self._organisation_values(org),
                {"aliases": ("\n".join(old_aliases), "\n".join(aliases))},
            )
            if old_aliases != aliases:
                self._set_aliases(org.id, aliases)
            for role in ("donor", "recipient"):  # the records' copies of the name
                self._con.execute(
                    f"UPDATE aid_record SET {role}_name = ? WHERE {role}_id = ?"
                    f" AND {role}_name <> ?",
                    (org.name.strip(), org.id, org.name.strip()),
                )
            return self.organisation(org.id)

    def delete_organisation(self, org_id: int, version: int) -> None:
        with self._write("delete"):
            self._current("organisation", "organisation", org_id, version)
            staff = self._con.execute(
                "SELECT id FROM person WHERE organisation_id = ?", (org_id,)
            ).fetchall()
            for (person_id,) in staff:  # people stay, without their organisation
                self._touch("person", "person", person_id, "organisation_id", org_id, None)
            self._con.execute(
                "UPDATE person SET organisation_id = NULL WHERE organisation_id = ?", (org_id,)
            )
            self._delete(
                "organisation",
                "organisation",
                org_id,
                version,
                {"aliases": "\n".join(self._aliases(org_id))},
            )

    # -- people -------------------------------------------------------------------------

    @staticmethod
    def _person_values(person: Person) -> dict[str, DbValue]:
        return {
            "name": person.name.strip(),
            "role": person.role.strip(),
            "organisation_id": person.organisation_id,
        }

    @staticmethod
    def _person_from_row(row: sqlite3.Row) -> Person:
        return Person(
            **_meta(row),
            name=row["name"],
            role=row["role"],
            organisation_id=row["organisation_id"],
        )

    def add_person(self, person: Person) -> Person:
        with self._write():
            new_id, _ = self._insert("person", "person", self._person_values(person), {})
            return self.person(new_id)

    def person(self, person_id: int) -> Person:
        with self._read() as con:
            row = con.execute("SELECT * FROM person WHERE id = ?", (person_id,)).fetchone()
            if row is None:
                raise NotFoundError("This person does not exist.", self.path)
            return self._person_from_row(row)

    def people(self) -> list[Person]:
        rows = self._query("SELECT * FROM person ORDER BY name COLLATE NOCASE, id")
        return [self._person_from_row(row) for row in rows]

    def update_person(self, person: Person) -> Person:
        with self._write():
            self._update("person", "person", person.id, person.version, self._person_values(person))
            return self.person(person.id)

    def delete_person(self, person_id: int, version: int) -> None:
        with self._write("delete"):
            self._current("person", "person", person_id, version)
            owned = self._con.execute(
                "SELECT DISTINCT meeting_id FROM meeting_action WHERE owner_id = ?", (person_id,)
            ).fetchall()
            for (meeting_id,) in owned:  # follow-ups stay, without their owner
                self._touch("meeting", "meeting", meeting_id, "action owner", f"#{person_id}", None)
            self._con.execute(
                "UPDATE meeting_action SET owner_id = NULL WHERE owner_id = ?", (person_id,)
            )
            self._delete("person", "person", person_id, version, {})

    # -- categories ---------------------------------------------------------------------

    @staticmethod
    def _category_from_row(row: sqlite3.Row) -> Category:
        return Category(
            **_meta(row),
            name=row["name"],
            aid_type=AidType(row["aid_type"]) if row["aid_type"] else None,
        )

    @staticmethod
    def _category_values(category: Category) -> dict[str, DbValue]:
        return {
            "name": category.name.strip(),
            "aid_type": AidType(category.aid_type).value if category.aid_type else None,
        }

    def add_category(self, category: Category) -> Category:
        with self._write():
            new_id, _ = self._insert("category", "category", self._category_values(category), {})
            return self.category(new_id)

    def category(self, category_id: int) -> Category:
        rows = self._query("SELECT * FROM category WHERE id = ?", (category_id,))
        if not rows:
            raise NotFoundError("This category does not exist.", self.path)
        return self._category_from_row(rows[0])

    def category_named(self, name: str) -> Category | None:
        rows = self._query("SELECT * FROM category WHERE name = ? COLLATE NOCASE", (name.strip(),))
        return self._category_from_row(rows[0]) if rows else None

    def categories(self) -> list[Category]:
        rows = self._query("SELECT * FROM category ORDER BY name COLLATE NOCASE")
        return [self._category_from_row(row) for row in rows]

    def update_category(self, category: Category) -> Category:
        with self._write():
            self._update(
                "category",
                "category",
                category.id,
                category.version,
                self._category_values(category),
            )
            self._con.execute(
                "UPDATE aid_record SET category_name = ? WHERE category_id = ?"
                " AND category_name <> ?",
                (category.name.strip(), category.id, category.name.strip()),
            )
            return self.category(category.id)

    def delete_category(self, category_id: int, version: int) -> None:
        with self._write("delete"):
            self._delete("category", "category", category_id, version, {})

    # -- tags ---------------------------------------------------------------------------

    @staticmethod
    def _tag_from_row(row: sqlite3.Row) -> Tag:
        return Tag(**_meta(row), name=row["name"])

    def add_tag(self, tag: Tag) -> Tag:
        with self._write():
            new_id, _ = self._insert("tag", "tag", {"name": tag.name.strip()}, {})
            return self.tag(new_id)

    def _tag_id(self, name: str) -> int:
        """The id of the tag with this name, created if new (inside a write)."""
        row = self._con.execute(
            "SELECT id FROM tag WHERE name = ? COLLATE NOCASE", (name.strip(),)
        ).fetchone()
        if row is not None:
            return int(row[0])
        new_id, _ = self._insert("tag", "tag", {"name": name.strip()}, {})
        return new_id

    def tag(self, tag_id: int) -> Tag:
        rows = self._query("SELECT * FROM tag WHERE id = ?", (tag_id,))
        if not rows:
            raise NotFoundError("This tag does not exist.", self.path)
        return self._tag_from_row(rows[0])

    def tags(self) -> list[Tag]:
        return [self._tag_from_row(row) for row in self._query("SELECT * FROM tag ORDER BY name")]

    def update_tag(self, tag: Tag) -> Tag:
        with self._write():
            self._update("tag", "tag", tag.id, tag.version, {"name": tag.name.strip()})
            return self.tag(tag.id)

    def delete_tag(self, tag_id: int, version: int) -> None:
        with self._write("delete"):
            self._current("tag", "tag", tag_id, version)
            tagged = self._con.execute(
                "SELECT record_id FROM record_tag WHERE tag_id = ?", (tag_id,)
            ).fetchall()
            for (record_id,) in tagged:  # the records lose the tag: a change to each
                names = sorted(
                    (
                        row[0]
                        for row in self._con.execute(
                            "SELECT t.name FROM record_tag rt JOIN tag t ON t.id = rt.tag_id"
                            " WHERE rt.record_id = ?",
                            (record_id,),
                        )
                    ),
                    key=str.casefold,
                )
                gone = self._con.execute("SELECT name FROM tag WHERE id = ?", (tag_id,))
                (gone_name,) = gone.fetchone()
                self._touch(
                    "aid_record",
                    "aid_record",
                    record_id,
                    "tags",
                    ", ".join(names),
                    ", ".join(name for name in names if name != gone_name),
                )
            self._delete("tag", "tag", tag_id, version, {})

    # -- sources ------------------------------------------------------------------------

    @staticmethod
    def _source_values(source: Source) -> dict[str, DbValue]:
        published_on, precision = fuzzy_to_db(source.published)
        return {
            "title": source.title.strip(),
            "kind": SourceKind(source.kind).value,
            "publisher": source.publisher.strip(),
            "published_on": published_on,
            "published_precision": precision,
            "url": source.url.strip(),
            "file_path": source.file_path.strip(),
        }

    @staticmethod
    def _source_from_row(row: sqlite3.Row) -> Source:
        return Source(
            **_meta(row),
            title=row["title"],
            kind=SourceKind(row["kind"]),
            publisher=row["publisher"],
            published=fuzzy_from_db(row["published_on"], row["published_precision"]),
            url=row["url"],
            file_path=row["file_path"],
        )

    def add_source(self, source: Source) -> Source:
        with self._write():
            new_id, _ = self._insert("source", "source", self._source_values(source), {})
            return self.source(new_id)

    def source(self, source_id: int) -> Source:
        rows = self._query("SELECT * FROM source WHERE id = ?", (source_id,))
        if not rows:
            raise NotFoundError("This source does not exist.", self.path)
        return self._source_from_row(rows[0])

    def sources(self) -> list[Source]:
        rows = self._query("SELECT * FROM source ORDER BY title COLLATE NOCASE, id")
        return [self._source_from_row(row) for row in rows]

    def update_source(self, source: Source) -> Source:
        with self._write():
            self._update("source", "source", source.id, source.version, self._source_values(source))
            return self.source(source.id)

    def delete_source(self, source_id: int, version: int) -> None:
        with self._write("delete"):
            self._delete("source", "source", source_id, version, {})
