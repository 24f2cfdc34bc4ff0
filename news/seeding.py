"""Many realistic articles for benchmarks and load tests (`manage.py seedarticles`).

Article number n (1, 2, 3, …) is always the same article: its text, tags, people and slug
come from a random generator seeded with n, and its slug ends in "-n". A run writes only the
numbers whose slug is not in the database yet, so running it twice adds nothing and a larger
count adds the difference. Article n appears 25 minutes (plus up to 20) before article n - 1,
counted back from the moment of the run: 100,000 articles reach back about five years.

The rows go in with bulk_create, which sends no signals; each batch is indexed for the search
in the same transaction, so an interrupted run leaves only complete, findable articles.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from people.models import Person

from . import search
from .demo import SECTION as DEMO_SECTION
from .models import Article, Section, Tag, TaggedArticle
from .text import german_slugify

MINUTES_APART = 25
INITIALS = ["aö", "jk", "mb", "red", "sw", "tl", "ck"]

SECTIONS = [
    DEMO_SECTION,
    {
        "slug": "verwaltung",
        "title": "Verwaltung",
        "description": "Digitale Ämter, Online-Anträge und die Arbeit im Rathaus.",
    },
    {
        "slug": "mobilitaet",
        "title": "Mobilität",
        "description": "Verkehr, Parken, Radwege und öffentlicher Nahverkehr.",
    },
    {
        "slug": "bildung",
        "title": "Bildung",
        "description": "Schulen, Hochschulen und digitale Bildungsangebote.",
    },
    {
        "slug": "energie-klima",
        "title": "Energie und Klima",
        "description": "Stadtwerke, Klimaschutz und Messnetze für Hitze und Wasser.",
    },
    {
        "slug": "gesundheit",
        "title": "Gesundheit",
        "description": "Gesundheitsämter, Kliniken und Pflege im digitalen Wandel.",
    },
]

PLACES = [
    "Kaiserslautern",
    "Dortmund",
    "Halle (Saale)",
    "Kreis Hof",
    "Würzburg",
    "Ulm",
    "Darmstadt",
    "Bamberg",
    "Solingen",
    "Wolfsburg",
    "Paderborn",
    "Zweibrücken",
    "Landau",
    "Pirmasens",
    "Kreis Kusel",
    "Mainz",
    "Trier",
    "Gießen",
    "Jena",
    "Lemgo",
]
SUBJECTS = [
    "Die Stadtverwaltung",
    "Das Smart-City-Team",
    "Der Stadtrat",
    "Die Hochschule",
    "Der Landkreis",
    "Die Digitalagentur",
    "Das Gesundheitsamt",
    "Die Stadtwerke",
    "Der Oberbürgermeister",
    "Die Feuerwehr",
    "Das Bürgerbüro",
    "Der Verkehrsverbund",
    "Die Wirtschaftsförderung",
    "Das Schulamt",
    "Der Zweckverband",
]
VERBS = [
    "startet",
    "erprobt",
    "plant",
    "erweitert",
    "testet",
    "fördert",
    "präsentiert",
    "baut",
    "finanziert",
    "bewertet",
    "übernimmt",
    "verbessert",
]
# (in a sentence, as a headline)
OBJECTS = [
    ("ein Sensornetz für die Innenstadt", "Sensornetz für die Innenstadt"),
    ("eine neue Bürger-App", "Neue Bürger-App"),
    ("die digitale Parkplatzsuche", "Digitale Parkplatzsuche"),
    ("einen Digitalen Zwilling der Altstadt", "Digitaler Zwilling der Altstadt"),
    ("das Glasfasernetz in den Stadtteilen", "Glasfaser für alle Stadtteile"),
    ("intelligente Straßenlaternen", "Intelligente Straßenlaternen"),
    ("ein Online-Portal für Anträge", "Anträge künftig online"),
    ("ein LoRaWAN-Funknetz", "Funknetz für das Internet der Dinge"),
    ("eine Open-Data-Plattform", "Offene Daten für alle"),
    ("Messstationen gegen die Sommerhitze", "Messstationen gegen die Hitze"),
    ("die elektronische Akte im Rathaus", "Die E-Akte kommt"),
    ("WLAN in allen Schulen", "WLAN in allen Schulen"),
    ("Tablets für den Unterricht", "Tablets für den Unterricht"),
    ("einen digitalen Bauantrag", "Bauantrag per Mausklick"),
    ("Pegelsensoren an den Bächen", "Pegelsensoren warnen vor Hochwasser"),
    ("eine Mitfahrplattform für Pendler", "Mitfahren statt Stau"),
    ("die Videosprechstunde im Gesundheitsamt", "Videosprechstunde im Gesundheitsamt"),
    ("Ladesäulen für Elektroautos", "Mehr Ladesäulen für E-Autos"),
    ("ein Dashboard für die Stadtverwaltung", "Ein Dashboard für die Stadt"),
    ("eine Beteiligungsplattform", "Bürger reden online mit"),
]
CIRCUMSTANCES = [
    "im kommenden Jahr",
    "gemeinsam mit der Hochschule",
    "bis Ende des Jahres",
    "im Rahmen des Förderprogramms Modellprojekte Smart Cities",
    "in drei Stadtteilen",
    "zunächst als Pilotprojekt",
    "mit Mitteln des Landes",
    "nach einer Ausschreibung",
    "auf Wunsch vieler Bürgerinnen und Bürger",
    "in enger Abstimmung mit dem Datenschutz",
]
REMARKS = [
    "Die Kosten liegen nach Angaben der Verwaltung bei rund {amount} Euro.",
    "Erste Ergebnisse sollen im {month} vorliegen.",
    "Bereits {count} Haushalte haben sich für das Angebot angemeldet.",
    "Das Land übernimmt {share} Prozent der Kosten.",
    "Weitere Informationen gibt es im Bürgerbüro und auf der Internetseite der Stadt.",
    "Der Ausschuss für Digitalisierung hat dem Vorhaben einstimmig zugestimmt.",
    "Die Daten werden anonymisiert und nur in Rechenzentren in Deutschland gespeichert.",
    "Kritik kam von der Opposition, die eine bessere Beteiligung fordert.",
]
QUOTES = [
    "Wir wollen zeigen, dass Digitalisierung den Alltag einfacher macht",
    "Das Projekt ist ein wichtiger Schritt für unsere Stadt",
    "Die Bürgerinnen und Bürger profitieren ganz direkt",
    "Ohne die Förderung wäre das nicht möglich gewesen",
    "Wir lernen aus jedem Pilotprojekt",
]
SUBHEADS = ["Wie es weitergeht", "Was sich ändert", "Kosten und Förderung", "Erste Erfahrungen"]
MONTHS = ["Januar", "März", "Mai", "Juli", "September", "November"]
TAGS = [
    "Smart City",
    "Digitalisierung",
    "Open Data",
    "LoRaWAN",
    "Glasfaser",
    "Förderung",
    "Verkehr",
    "Parken",
    "Radverkehr",
    "Klimaschutz",
    "Hitze",
    "Hochwasser",
    "Schule",
    "Hochschule",
    "E-Government",
    "Onlinezugangsgesetz",
    "Bürgerbeteiligung",
    "Datenschutz",
    "Digitaler Zwilling",
    "Sensorik",
    "Energie",
    "Elektromobilität",
    "Gesundheitsamt",
    "Stadtrat",
    "Haushalt",
    "Ausschreibung",
    "Pilotprojekt",
    "KI",
    "Cloud",
    "Rechenzentrum",
    *PLACES,
]
FIRST_NAMES = [
    ("Anna", "f"),
    ("Petra", "f"),
    ("Sabine", "f"),
    ("Özlem", "f"),
    ("Julia", "f"),
    ("Thomas", "m"),
    ("Jürgen", "m"),
    ("Björn", "m"),
    ("Klaus", "m"),
    ("Stefan", "m"),
]
LAST_NAMES = ["Müller", "Schäfer", "Groß", "Weiß", "Köhler", "Jäger", "Becker", "Hoffmann"]


def seed_people():
    """Return the fictional people seeded articles quote, created where their slug is new."""
    wanted = {}
    for first, gender in FIRST_NAMES:
        for last in LAST_NAMES:
            name = f"{first} {last}"
            slug = german_slugify(name)
            wanted[slug] = Person(name=name, slug=slug, gender=gender)
    existing = set(Person.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    created = Person.objects.bulk_create([p for slug, p in wanted.items() if slug not in existing])
    search.index_people([person.pk for person in created])
    return list(Person.objects.filter(slug__in=wanted).order_by("slug"))


def seed_tags():
    """Return the keywords of seeded articles, created where their name is new."""
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=TAGS)}
    Tag.objects.bulk_create(
        [Tag(name=name, slug=german_slugify(name)) for name in TAGS if name not in existing],
        ignore_conflicts=True,
    )
    return list(Tag.objects.filter(name__in=TAGS).order_by("name"))


def seed_sections():
    return [
        Section.objects.get_or_create(slug=data["slug"], defaults={**data, "order": order})[0]
        for order, data in enumerate(SECTIONS)
    ]


def remark(rng):
    return rng.choice(REMARKS).format(
        amount=f"{rng.randint(2, 90) * 10_000:,}".replace(",", "."),
        month=rng.choice(MONTHS),
        count=rng.randint(40, 4000),
        share=rng.choice([50, 80, 90]),
    )


def paragraph(rng, place, people):
    sentences = []
    for _ in range(rng.randint(3, 5)):
        roll = rng.random()
        if roll < 0.15 and people:
            sentences.append(f"„{rng.choice(QUOTES)}“, sagt {rng.choice(people).name}.")
        elif roll < 0.45:
            sentences.append(remark(rng))
        else:
            subject, verb = rng.choice(SUBJECTS), rng.choice(VERBS)
            sentences.append(
                f"{subject} in {place} {verb} {rng.choice(OBJECTS)[0]} {rng.choice(CIRCUMSTANCES)}."
            )
    return " ".join(sentences)


def make_article(n, *, now, sections, tags, people):
    """Return article number n (unsaved) with the tags and people it should have."""
    rng = random.Random(f"kldigital-seed-{n}")
    place = rng.choice(PLACES)
    thing, headline = rng.choice(OBJECTS)
    title = headline if rng.random() < 0.6 else f"{place}: {headline}"
    named = rng.sample(people, rng.choice([0, 0, 1, 1, 2])) if people else []
    blocks = []
    for i in range(rng.randint(3, 6)):
        if i and rng.random() < 0.25:
            blocks.append(f"<h2>{rng.choice(SUBHEADS)}</h2>")
        blocks.append(f"<p>{paragraph(rng, place, named)}</p>")
    published_at = now - timedelta(minutes=MINUTES_APART * n + rng.randint(0, 20))
    lead = (
        f"{rng.choice(SUBJECTS)} in {place} {rng.choice(VERBS)} {thing} "
        f"{rng.choice(CIRCUMSTANCES)}. {remark(rng)}"
    )
    article = Article(
        title=title,
        slug=f"{german_slugify(title)}-{n}",
        dateline=place,
        lead=lead,
        body="".join(blocks),
        author_initials=rng.choice(INITIALS),
        section=rng.choice(sections),
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        created_at=published_at,
    )
    return article, rng.sample(tags, rng.randint(0, 4)), named


def seed_articles(count, *, batch_size=2000, progress=None):
    """Make articles 1 to `count` that do not exist yet, indexed for search; return how many."""
    now = timezone.now().replace(second=0, microsecond=0)
    sections, tags, people = seed_sections(), seed_tags(), seed_people()
    mentions = Article.people.through
    created_count = 0
    for start in range(1, count + 1, batch_size):
        batch = [
            make_article(n, now=now, sections=sections, tags=tags, people=people)
            for n in range(start, min(start + batch_size, count + 1))
        ]
        existing = set(
            Article.objects.filter(slug__in=[article.slug for article, _, _ in batch]).values_list(
                "slug", flat=True
            )
        )
        batch = [entry for entry in batch if entry[0].slug not in existing]
        if not batch:
            continue
        with transaction.atomic():
            # PostgreSQL and SQLite (3.35 and later) return the new primary keys.
            Article.objects.bulk_create([article for article, _, _ in batch])
            TaggedArticle.objects.bulk_create(
                [
                    TaggedArticle(content_object_id=article.pk, tag=tag)
                    for article, article_tags, _ in batch
                    for tag in article_tags
                ]
            )
            mentions.objects.bulk_create(
                [
                    mentions(article_id=article.pk, person_id=person.pk)
                    for article, _, named in batch
                    for person in named
                ]
            )
            search.index_articles([article.pk for article, _, _ in batch])
        created_count += len(batch)
        if progress:
            progress(created_count)
    if created_count:
        with connection.cursor() as cursor:
            search.backend().optimize(cursor, search.ARTICLE_INDEX)
    return created_count
