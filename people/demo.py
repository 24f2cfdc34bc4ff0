"""The demo people, organisations, offices and terms: only what the two seed articles say.

Dates are as precise as the seeds, no more: "seit 2017" is the year 2017. Readings the
seeds leave open, made here and nowhere else:
- Ilona Benz led the Stabsstelle at the Gemeindetag "seit 2018" until her move to KL.digital
  "zum 1. Februar 2022": her term there ends 31.01.2022. The seeds do not say whether the
  post was full-time, nor whether her post as Geschäftsführerin is; the kind stays empty.
- "Bis beide Funktionen hauptamtlich besetzt werden, übernimmt nun Ilona Benz das
  CDO-Zepter": she is CDO "kommissarisch" from 01.04.2022, the day after Rombach's term.
- Rombach and Steinebach "werden weiterhin als Berater zur Verfügung stehen" after their
  terms ended on 31.03.2022: advisers from April 2022, known to the month only. The seeds
  name no subject of their advice, so the post is plain "Beratung" of the city.
- The CUO's tasks go to external advisers, who are not named: the CUO post stays vacant.
- Who led the Stabsstelle before and after Ilona Benz is not in the seeds: that post is
  not "fully recorded", so the portal does not call it vacant.
- Martin Verlage's start and Klaus Weichel's dates are not in the seeds: unknown, and for
  Weichel also his end (the seed shows him in office in December 2021, nothing more).
- Terms and people already in the database are left as they are, so a second run, or a run
  after an editor corrected something, changes nothing.
"""

from django.db import transaction

from .dates import PartialDate
from .models import Organization, Person, Post, Term

PEOPLE = [
    {
        "slug": "ilona-benz",
        "name": "Ilona Benz",
        "gender": "f",
        "bio": "Baute beim Gemeindetag Baden-Württemberg die Stabsstelle Digitalisierung auf. "
        "Bundesweit Dozentin für Verwaltungsmitarbeitende, Jurymitglied im E-Government-"
        "Fachwettbewerb von Bearing Point/Cisco und Kolumnistin für die Fachzeitschrift "
        "„Kommunal“; promoviert in Friedrichshafen zum Thema Smart City (Stand: Dezember 2021).",
    },
    {
        "slug": "dieter-rombach",
        "name": "Dieter Rombach",
        "honorific": "Prof.",
        "gender": "m",
        "bio": "Emeritierter Professor.",
    },
    {
        "slug": "gerhard-steinebach",
        "name": "Gerhard Steinebach",
        "honorific": "Prof.",
        "gender": "m",
        "bio": "Emeritierter Professor.",
    },
    {"slug": "martin-verlage", "name": "Martin Verlage", "gender": "m"},
    {"slug": "klaus-weichel", "name": "Klaus Weichel", "gender": "m"},
]

ORGANIZATIONS = [
    {"slug": "stadt-kaiserslautern", "name": "Stadt Kaiserslautern"},
    {"slug": "kl-digital-gmbh", "name": "KL.digital GmbH", "parent": "stadt-kaiserslautern"},
    {"slug": "gemeindetag-baden-wuerttemberg", "name": "Gemeindetag Baden-Württemberg"},
]

POSTS = [
    {
        "slug": "chief-digital-officer-kaiserslautern",
        "organization": "stadt-kaiserslautern",
        "label": "Chief Digital Officer (CDO)",
        "description": "Die Stelle soll künftig hauptamtlich besetzt werden (Stand: April 2022).",
    },
    {
        "slug": "chief-urban-officer-kaiserslautern",
        "organization": "stadt-kaiserslautern",
        "label": "Chief Urban Officer (CUO)",
        "description": "Die Stelle soll künftig hauptamtlich besetzt werden. Bis dahin sollen "
        "externe Berater die Aufgaben des CUO übernehmen (Stand: April 2022).",
    },
    {
        "slug": "oberbuergermeister-kaiserslautern",
        "organization": "stadt-kaiserslautern",
        "label": "Oberbürgermeisteramt",
        "label_female": "Oberbürgermeisterin",
        "label_male": "Oberbürgermeister",
    },
    {
        "slug": "beratung-kaiserslautern",
        "organization": "stadt-kaiserslautern",
        "label": "Beratung",
        "label_female": "Beraterin",
        "label_male": "Berater",
        "seats": None,
    },
    {
        "slug": "geschaeftsfuehrung-kl-digital",
        "organization": "kl-digital-gmbh",
        "label": "Geschäftsführung",
        "label_female": "Geschäftsführerin",
        "label_male": "Geschäftsführer",
    },
    {
        "slug": "leitung-stabsstelle-digitalisierung-gemeindetag-bw",
        "organization": "gemeindetag-baden-wuerttemberg",
        "label": "Leitung der Stabsstelle Digitalisierung",
        "label_female": "Leiterin der Stabsstelle Digitalisierung",
        "label_male": "Leiter der Stabsstelle Digitalisierung",
        "is_fully_recorded": False,
    },
]

TERMS = [
    {
        "person": "dieter-rombach",
        "post": "chief-digital-officer-kaiserslautern",
        "start": "2017",
        "end": "31.03.2022",
        "kind": Term.Kind.HONORARY,
    },
    {
        "person": "gerhard-steinebach",
        "post": "chief-urban-officer-kaiserslautern",
        "start": "2017",
        "end": "31.03.2022",
        "kind": Term.Kind.HONORARY,
    },
    {
        "person": "dieter-rombach",
        "post": "beratung-kaiserslautern",
        "start": "04/2022",
        "kind": Term.Kind.ADVISORY,
        "note": "Steht nach dem Ende seiner Amtszeit als CDO weiterhin als Berater zur Verfügung.",
    },
    {
        "person": "gerhard-steinebach",
        "post": "beratung-kaiserslautern",
        "start": "04/2022",
        "kind": Term.Kind.ADVISORY,
        "note": "Steht nach dem Ende seiner Amtszeit als CUO weiterhin als Berater zur Verfügung.",
    },
    {
        "person": "ilona-benz",
        "post": "leitung-stabsstelle-digitalisierung-gemeindetag-bw",
        "start": "2018",
        "end": "31.01.2022",
        "note": "Hat die Stabsstelle selbst aufgebaut; bis zum Wechsel zur KL.digital GmbH.",
    },
    {
        "person": "martin-verlage",
        "post": "geschaeftsfuehrung-kl-digital",
        "end": "31.12.2021",
        "note": "Hat seinen Vertrag über das Jahresende 2021 hinaus nicht verlängert.",
    },
    {
        "person": "ilona-benz",
        "post": "geschaeftsfuehrung-kl-digital",
        "start": "01.02.2022",
    },
    {
        "person": "ilona-benz",
        "post": "chief-digital-officer-kaiserslautern",
        "start": "01.04.2022",
        "kind": Term.Kind.ACTING,
        "note": "Übernimmt das Amt, bis es hauptamtlich besetzt wird.",
    },
    {
        "person": "klaus-weichel",
        "post": "oberbuergermeister-kaiserslautern",
        "is_end_unknown": True,
        "note": "Laut Meldung vom 13.12.2021 im Amt; Beginn und Ende der Amtszeit sind hier "
        "nicht erfasst.",
    },
]


@transaction.atomic
def load_people():
    """Create the missing demo people, organisations, posts and terms; return the new terms."""
    people = {}
    for data in PEOPLE:
        person, _ = Person.objects.get_or_create(slug=data["slug"], defaults=data)
        people[person.slug] = person
    organizations = {}
    for data in ORGANIZATIONS:
        defaults = {**data, "parent": organizations.get(data.get("parent"))}
        organization, _ = Organization.objects.get_or_create(slug=data["slug"], defaults=defaults)
        organizations[organization.slug] = organization
    posts = {}
    for data in POSTS:
        defaults = {"seats": 1, **data, "organization": organizations[data["organization"]]}
        post, _ = Post.objects.get_or_create(slug=data["slug"], defaults=defaults)
        posts[post.slug] = post
    created = []
    for data in TERMS:
        person, post = people[data["person"]], posts[data["post"]]
        if Term.objects.filter(person=person, post=post).exists():
            continue
        term = Term(
            person=person,
            post=post,
            kind=data.get("kind", ""),
            note=data.get("note", ""),
            is_end_unknown=data.get("is_end_unknown", False),
        )
        term.start = PartialDate.parse(data.get("start"))
        term.end = PartialDate.parse(data.get("end"))
        term.full_clean()
        term.save()
        created.append(term)
    return created
