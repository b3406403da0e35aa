"""Merging two organisations that are one (Czechia and Czech Republic), and undoing it.

Every aid record and person that referred to the organisation merged away refers to the
one kept; the merged name and its aliases become aliases of the one kept, so imports and
searches still find it; each row that changed gets a new version and a line in its
history, and the kept organisation's history records the merge. Everything happens in
one transaction, and what it did is returned so that it can be undone exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from .directory import DirectoryMixin
from .errors import InvalidValueError
from .types import Organisation

# The columns of aid_record that refer to an organisation, with their copies of its name.
ROLES = {"donor_id": "donor_name", "recipient_id": "recipient_name", "implementer_id": None}


@dataclass(frozen=True, kw_only=True)
class OrganisationMerge:
    """What a merge did: the organisation merged away as it was, the one kept after the
    merge, the rows that now refer to the kept one, and the aliases it gained."""

    kept: Organisation
    gone: Organisation
    records: tuple[tuple[int, str], ...]  # (record id, column)
    people: tuple[int, ...]
    added_aliases: tuple[str, ...]


class MergeMixin(DirectoryMixin):
    def merge_organisations(self, keep_id: int, gone_id: int) -> OrganisationMerge:
        if keep_id == gone_id:
            raise InvalidValueError("An organisation cannot be merged into itself.")
        with self._write():
            keep, gone = self.organisation(keep_id), self.organisation(gone_id)
            records = self._repoint(gone_id, keep_id, keep.name, None)
            people = self._repoint_people(gone_id, keep_id, None)
            taken = {keep.name.casefold(), *(a.casefold() for a in keep.aliases)}
            added = tuple(
                dict.fromkeys(n for n in (gone.name, *gone.aliases) if n.casefold() not in taken)
            )
            self._delete(
                "organisation", "organisation", gone_id, gone.version,
                {"aliases": "\n".join(gone.aliases)},
            )  # fmt: skip
            self._set_aliases(keep_id, (*keep.aliases, *added))
            self._touch("organisation", "organisation", keep_id, "merged", None,
                        f"#{gone_id} {gone.name}")  # fmt: skip
            return OrganisationMerge(
                kept=self.organisation(keep_id), gone=gone, records=records,
                people=people, added_aliases=added,
            )  # fmt: skip

    def undo_merge(self, merge: OrganisationMerge) -> Organisation:
        """Put the merged organisation back with its id, name and aliases, and point the
        rows the merge moved back at it (those that still point at the kept one)."""
        gone, keep_id = merge.gone, merge.kept.id
        with self._write():
            if self._con.execute("SELECT 1 FROM organisation WHERE id = ?", (gone.id,)).fetchone():
                raise InvalidValueError("This organisation is already there.")
            current = self.organisation(keep_id)
            lost = {a.casefold() for a in merge.added_aliases}
            self._set_aliases(
                keep_id, tuple(a for a in current.aliases if a.casefold() not in lost)
            )
            self._insert(
                "organisation", "organisation",
                {"id": gone.id, **self._organisation_values(gone)},
                {"aliases": "\n".join(gone.aliases)},
                created_at=gone.created_at or None, version=gone.version + 1,
            )  # fmt: skip
            self._set_aliases(gone.id, gone.aliases)
            self._repoint(keep_id, gone.id, gone.name, set(merge.records))
            self._repoint_people(keep_id, gone.id, set(merge.people))
            self._touch("organisation", "organisation", keep_id, "merged",
                        f"#{gone.id} {gone.name}", None)  # fmt: skip
            return self.organisation(gone.id)

    def _repoint(
        self, source: int, target: int, name: str, only: set[tuple[int, str]] | None
    ) -> tuple[tuple[int, str], ...]:
        """Point the records' references from one organisation to the other (only the
        given ones, when given), each with a new version and a line of history."""
        moved = []
        for column, copy in ROLES.items():
            rows = self._con.execute(
                f"SELECT id FROM aid_record WHERE {column} = ? ORDER BY id", (source,)
            ).fetchall()
            for (record_id,) in rows:
                if only is not None and (record_id, column) not in only:
                    continue
                sets = f"{column} = ?" + (f", {copy} = ?" if copy else "")
                values = (target, name) if copy else (target,)
                self._con.execute(
                    f"UPDATE aid_record SET {sets} WHERE id = ?", (*values, record_id)
                )
                self._touch("aid_record", "aid_record", record_id, column, source, target)
                moved.append((record_id, column))
        return tuple(moved)

    def _repoint_people(self, source: int, target: int, only: set[int] | None) -> tuple[int, ...]:
        rows = self._con.execute(
            "SELECT id FROM person WHERE organisation_id = ? ORDER BY id", (source,)
        ).fetchall()
        moved = []
        for (person_id,) in rows:
            if only is not None and person_id not in only:
                continue
            self._con.execute(
                "UPDATE person SET organisation_id = ? WHERE id = ?", (target, person_id)
            )
            self._touch("person", "person", person_id, "organisation_id", source, target)
            moved.append(person_id)
        return tuple(moved)
