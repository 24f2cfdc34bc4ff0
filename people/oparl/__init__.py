"""The people directory as a read-only OParl 1.1 API (https://oparl.org, spec 1.1).

One `System` serves one `Body`, the portal's directory; every organisation the portal knows
is an `Organization` of it (a parent becomes `subOrganizationOf`), every person a `Person`,
every term a `Membership`. Offices (posts), their vacancies, the precision of partial dates
and the kind of a term have no OParl field: they travel in `kldigital:` extension fields.
Meetings, papers and legislative terms are lists that stay empty. Removed people,
organisations and memberships stay as `deleted: true` objects (`models.DeletedObject`).

`models` keeps the tombstones and the timestamps in step, `mapping` turns rows into OParl
objects, `lists` filters and pages the external lists, `views` serves them as JSON.
"""
