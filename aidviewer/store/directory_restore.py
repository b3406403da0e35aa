"""Putting a deleted organisation, person or source back, to undo its deletion.

Deleting an organisation leaves its people without one, and deleting a person leaves the
meeting actions they owned without an owner; the snapshot taken before the deletion
remembers those rows, and putting it back gives them back to the ones that still exist
and have not been given another since. Sources need no snapshot: a source that records or
meetings cite cannot be deleted (the schema restricts it), so a deleted source took
nothing with it. Every row comes back with its id and creation time, at a version above
the one it was deleted at, and each step is logged.
"""

from __future__ import annotations

from .directory import DirectoryMixin
from .errors import InvalidValueError
from .types import Organisation, OrganisationSnapshot, Person, PersonSnapshot, Source


class DirectoryRestoreMixin(DirectoryMixin):
    # -- organisations ----------------------------------------------------------------------

    def organisation_snapshot(self, org_id: int) -> OrganisationSnapshot:
        """The organisation with its aliases and its people, in one read."""
        with self._read() as con:
            org = self.organisation(org_id)
            people = tuple(
                row[0]
                for row in con.execute(
                    "SELECT id FROM person WHERE organisation_id = ? ORDER BY id", (org_id,)
                )
            )
        return OrganisationSnapshot(organisation=org, person_ids=people)

    def restore_organisation(self, snapshot: OrganisationSnapshot) -> Organisation:
        """Put a deleted organisation back with its id, aliases and people, in one
        transaction. Refused if its id is taken or another organisation now has its name
        or one of its aliases; people deleted since, or given another organisation, are
        left as they are."""
        org = snapshot.organisation
        with self._write():
            con = self._con
            if con.execute("SELECT 1 FROM organisation WHERE id = ?", (org.id,)).fetchone():
                raise InvalidValueError("This organisation is already there.")
            for name in (org.name, *org.aliases):
                clash = con.execute(
                    "SELECT name FROM organisation WHERE name = ? COLLATE NOCASE"
                    " UNION ALL SELECT o.name FROM organisation o JOIN organisation_alias a"
                    " ON a.organisation_id = o.id WHERE a.alias = ? COLLATE NOCASE LIMIT 1",
                    (name.strip(), name.strip()),
                ).fetchone()
                if clash is not None:
                    raise InvalidValueError(
                        f"“{org.name}” cannot be put back: “{name.strip()}” now belongs to "
                        f"the organisation “{clash[0]}”. Rename or merge that one first."
                    )
            aliases = tuple(sorted(set(org.aliases)))
            self._insert(
                "organisation",
                "organisation",
                {"id": org.id, **self._organisation_values(org)},
                {"aliases": "\n".join(aliases)},
                created_at=org.created_at or None,
                version=org.version + 1,
            )
            self._set_aliases(org.id, aliases)
            if snapshot.person_ids:
                marks = ", ".join("?" for _ in snapshot.person_ids)
                waiting = con.execute(
                    f"SELECT id FROM person WHERE id IN ({marks}) AND organisation_id IS NULL"
                    " ORDER BY id",
                    snapshot.person_ids,
                ).fetchall()
                for (person_id,) in waiting:
                    con.execute(
                        "UPDATE person SET organisation_id = ? WHERE id = ?", (org.id, person_id)
                    )
                    self._touch("person", "person", person_id, "organisation_id", None, org.id)
            return self.organisation(org.id)

    # -- people -------------------------------------------------------------------------------

    def person_snapshot(self, person_id: int) -> PersonSnapshot:
        """The person with the meeting actions they own, in one read."""
        with self._read() as con:
            person = self.person(person_id)
            actions = tuple(
                row[0]
                for row in con.execute(
                    "SELECT id FROM meeting_action WHERE owner_id = ? ORDER BY id", (person_id,)
                )
            )
        return PersonSnapshot(person=person, action_ids=actions)

    def restore_person(self, snapshot: PersonSnapshot) -> Person:
        """Put a deleted person back with their id, and give them back the meeting actions
        they owned that still exist and have no owner. Refused if the id is taken; an
        organisation deleted since is left out."""
        person = snapshot.person
        with self._write():
            con = self._con
            if con.execute("SELECT 1 FROM person WHERE id = ?", (person.id,)).fetchone():
                raise InvalidValueError("This person is already there.")
            org_id = person.organisation_id
            if (
                org_id is not None
                and con.execute("SELECT 1 FROM organisation WHERE id = ?", (org_id,)).fetchone()
                is None
            ):
                org_id = None
            self._insert(
                "person",
                "person",
                {"id": person.id, **self._person_values(person), "organisation_id": org_id},
                {},
                created_at=person.created_at or None,
                version=person.version + 1,
            )
            if snapshot.action_ids:
                marks = ", ".join("?" for _ in snapshot.action_ids)
                where = f"id IN ({marks}) AND owner_id IS NULL"
                meetings = con.execute(
                    f"SELECT DISTINCT meeting_id FROM meeting_action WHERE {where}"
                    " ORDER BY meeting_id",
                    snapshot.action_ids,
                ).fetchall()
                for (meeting_id,) in meetings:  # logged as delete_person logs the loss
                    self._touch("meeting", "meeting", meeting_id, "action owner", None,
                                f"#{person.id}")  # fmt: skip
                con.execute(
                    f"UPDATE meeting_action SET owner_id = ? WHERE {where}",
                    (person.id, *snapshot.action_ids),
                )
            return self.person(person.id)

    # -- sources ------------------------------------------------------------------------------

    def restore_source(self, source: Source) -> Source:
        """Put a deleted source back with its id. Refused if the id is taken."""
        with self._write():
            if self._con.execute("SELECT 1 FROM source WHERE id = ?", (source.id,)).fetchone():
                raise InvalidValueError("This source is already there.")
            self._insert(
                "source",
                "source",
                {"id": source.id, **self._source_values(source)},
                {},
                created_at=source.created_at or None,
                version=source.version + 1,
            )
            return self.source(source.id)
