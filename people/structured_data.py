"""schema.org descriptions of the people directory's pages, as dicts for JSON-LD.

An office (Post) has no schema.org type of its own; its page describes the organisation
with each holder as an OrganizationRole, the pattern schema.org gives for roles in time.
Partial dates keep their precision ("2017", "2022-03"), as ISO 8601 allows.
"""

from kldigital.links import absolute_url


def organization_ref(organization):
    return {
        "@type": "Organization",
        "name": organization.name,
        "url": absolute_url(organization.get_absolute_url()),
    }


def person(person, current_terms):
    """Return the Person of a person page, with the offices they hold today."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": absolute_url(person.get_absolute_url()),
    }
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if person.bio:
        data["description"] = person.bio
    if person.photo:
        data["image"] = absolute_url(person.photo.url)
    if current_terms:
        data["jobTitle"] = [term.title for term in current_terms]
        by_id = {term.post.organization_id: term.post.organization for term in current_terms}
        data["worksFor"] = [organization_ref(each) for each in by_id.values()]
    return data


def organization(organization, posts):
    """Return the Organization of an organisation page: parent, subsidiaries, offices."""
    data = {"@context": "https://schema.org", **organization_ref(organization)}
    if organization.parent:
        data["parentOrganization"] = organization_ref(organization.parent)
    children = [organization_ref(child) for child in organization.children.all()]
    if children:
        data["subOrganization"] = children
    data["member"] = [
        role(term) for item in posts if item["state"] == "held" for term in item["found"]
    ]
    return data


def role(term):
    """Return an OrganizationRole: who held which office from when to when."""
    data = {
        "@type": "OrganizationRole",
        "roleName": term.title,
        "member": {
            "@type": "Person",
            "name": term.person.name,
            "url": absolute_url(term.person.get_absolute_url()),
        },
    }
    if term.start:
        data["startDate"] = term.start.iso
    if term.end:
        data["endDate"] = term.end.iso
    return data


def post(post, timeline):
    """Return the WebPage of an office: about its organisation, with every holder in order."""
    holders = [role(entry) for entry in timeline if not entry.is_vacancy]
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": f"{post.label}, {post.organization.name}",
        "url": absolute_url(post.get_absolute_url()),
        "inLanguage": "de",
        "about": {**organization_ref(post.organization), "member": holders},
    }
