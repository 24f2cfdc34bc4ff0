"""The open-data export: everyone, every organisation, post and term in the Popolo JSON format.

See https://www.popoloproject.com/specs/. Terms become memberships; dates keep their precision
as ISO 8601 prefixes ("2017", "2022-03", "2022-03-31"); a missing `end_date` means the term
is running or its end is unknown. Identifiers are the slugs used in the portal's addresses.
"""

from kldigital.links import absolute_url

from .extensions import sources_for
from .models import Organization, Person, Post, Term


def page_link(obj):
    return [{"url": absolute_url(obj.get_absolute_url()), "note": "Seite im Portal"}]


def person_data(person):
    data = {"id": person.slug, "name": person.name}
    if person.honorific:
        data["honorific_prefix"] = person.honorific
    if person.bio:
        data["summary"] = person.bio
    if person.photo:
        data["image"] = absolute_url(person.photo.url)
    data["links"] = page_link(person)
    return data


def organization_data(organization, slugs):
    data = {"id": organization.slug, "name": organization.name}
    if organization.parent_id:
        data["parent_id"] = slugs[organization.parent_id]
    data["links"] = page_link(organization)
    return data


def post_data(post):
    data = {"id": post.slug, "label": post.label, "organization_id": post.organization.slug}
    other_labels = [
        label for label in (post.label_female, post.label_male) if label and label != post.label
    ]
    if other_labels:
        data["other_label"] = other_labels
    data["links"] = page_link(post)
    return data


def membership_data(term, source):
    data = {
        "id": f"term-{term.pk}",
        "person_id": term.person.slug,
        "organization_id": term.post.organization.slug,
        "post_id": term.post.slug,
        "role": term.title,
    }
    if term.kind:
        data["label"] = term.get_kind_display()
    if term.start:
        data["start_date"] = term.start.iso
    if term.end:
        data["end_date"] = term.end.iso
    if source is not None:
        data["sources"] = [{"url": absolute_url(source.url), "note": source.title}]
    return data


def export():
    """Return the whole directory as a Popolo dict; a constant number of queries."""
    organizations = list(Organization.objects.all())
    slugs = {organization.pk: organization.slug for organization in organizations}
    terms = Term.objects.select_related("person", "post__organization").only(
        *(f"{field.name}" for field in Term._meta.concrete_fields),
        "person__slug",
        "person__gender",
        "post__slug",
        "post__label",
        "post__label_female",
        "post__label_male",
        "post__organization__slug",
    )
    sources = sources_for(Term.objects.all())
    return {
        "persons": [person_data(person) for person in Person.objects.all()],
        "organizations": [organization_data(org, slugs) for org in organizations],
        "posts": [post_data(post) for post in Post.objects.select_related("organization")],
        "memberships": [membership_data(term, sources.get(term.pk)) for term in terms],
    }
