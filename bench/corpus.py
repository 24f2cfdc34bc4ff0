"""The synthetic German corpus of the search benchmark: nouns with their forms, filler words,
compounds, names, drawn with Zipf weights so that a few words are in most articles; and the
benchmark's query mix by class (issue 18); `seed` writes it into the scratch database."""

from datetime import timedelta

NOUNS = [
    ("Stadt", ["Städte", "Städten", "Stadt"]),
    ("Projekt", ["Projekte", "Projekten", "Projekts"]),
    ("Sensor", ["Sensoren", "Sensors"]),
    ("Verwaltung", ["Verwaltungen"]),
    ("Geschäftsführerin", ["Geschäftsführerinnen"]),
    ("Geschäftsführer", ["Geschäftsführern"]),
    ("Bürgerin", ["Bürgerinnen"]),
    ("Bürger", ["Bürgern", "Bürgers"]),
    ("Straße", ["Straßen"]),
    ("Verkehr", ["Verkehrs"]),
    ("Digitalisierung", ["Digitalisierungen"]),
    ("Netz", ["Netze", "Netzes"]),
    ("Daten", ["Daten"]),
    ("Plattform", ["Plattformen"]),
    ("Schule", ["Schulen"]),
    ("Rathaus", ["Rathäuser", "Rathauses"]),
    ("Gemeinde", ["Gemeinden"]),
    ("Kreis", ["Kreise", "Kreises"]),
    ("Land", ["Länder", "Ländern"]),
    ("Förderung", ["Förderungen"]),
    ("Antrag", ["Anträge", "Anträgen"]),
    ("Dienst", ["Dienste", "Diensten"]),
    ("Portal", ["Portale", "Portals"]),
    ("Amt", ["Ämter", "Ämtern"]),
    ("Gesundheit", []),
    ("Energie", ["Energien"]),
    ("Klima", ["Klimas"]),
    ("Wasser", ["Wassers"]),
    ("Zwilling", ["Zwillinge", "Zwillingen"]),
    ("Modell", ["Modelle", "Modellen"]),
    ("Parkplatz", ["Parkplätze", "Parkplätzen"]),
    ("Haltestelle", ["Haltestellen"]),
    ("Beteiligung", ["Beteiligungen"]),
    ("Haushalt", ["Haushalte", "Haushalts"]),
    ("Stadtrat", ["Stadträte", "Stadtrats"]),
    ("Ausschuss", ["Ausschüsse", "Ausschusses"]),
    ("Hochschule", ["Hochschulen"]),
    ("Unternehmen", ["Unternehmens"]),
    ("Wettbewerb", ["Wettbewerbe"]),
    ("Strategie", ["Strategien"]),
    ("Infrastruktur", ["Infrastrukturen"]),
    ("Glasfaser", ["Glasfasern"]),
    ("Mobilität", []),
    ("Radweg", ["Radwege", "Radwegen"]),
    ("Laterne", ["Laternen"]),
    ("Messung", ["Messungen"]),
    ("Karte", ["Karten"]),
    ("Anwendung", ["Anwendungen"]),
    ("Sicherheit", []),
    ("Leitstelle", ["Leitstellen"]),
    ("Feuerwehr", ["Feuerwehren"]),
    ("Oberbürgermeister", ["Oberbürgermeisters"]),
    ("Kommune", ["Kommunen"]),
]
OTHER = (
    "neue digitale städtische offene vernetzte nachhaltige künftig bereits gemeinsam erprobt "
    "startet plant fördert vorgestellt umgesetzt erweitert zusammen regional kommunal schnell "
    "sicher barrierefrei öffentlich modern intelligent smart erste weitere größte wichtige"
).split()
FILLER = "der die das und in mit für von den im zu auf dem ein eine ist sich des auch an".split()
TAGS = [f"{noun} {word}" for noun, _ in NOUNS[:25] for word in ("Kaiserslautern", "Digital")]
DATELINES = ["Kaiserslautern", "Dortmund", "Halle (Saale)", "Kreis Hof", ""]
FIRST = "Ilona Dieter Gerhard Martin Klaus Jürgen Anna Petra Sabine Thomas Özlem Björn".split()
LAST = "Benz Rombach Steinebach Verlage Weichel Müller Schäfer Groß Weiß Köhler Jäger".split()


def vocabulary(rng):
    """Return the word list, most frequent first: inflected nouns, other words, compounds."""
    words = []
    for noun, forms in NOUNS:
        words += [noun, *forms]
    words += OTHER
    stems = [noun for noun, _ in NOUNS]
    compounds = {a + b.lower() for a in stems for b in stems if a != b}
    words += sorted(compounds)
    head, tail = words[:60], words[60:]
    rng.shuffle(tail)
    return head + tail


def zipf_weights(n, exponent=1.05):
    return [1 / (rank**exponent) for rank in range(1, n + 1)]


def sentence(rng, words, weights, length):
    chosen = rng.choices(words, weights, k=length)
    mixed = [rng.choice(FILLER) if rng.random() < 0.35 else word for word in chosen]
    return " ".join(mixed).capitalize() + "."


# The mix of issue 18, by class. A live search sends each keystroke stage with a trailing "*"
# (a prefix of the last word); "ae"/"ue"/"oe" spellings and umlauts must meet.
def queries(words):
    """Return the benchmark queries by class; rare words are the corpus's least frequent."""
    return {
        "rare word": words[-5:],
        "common word": ["Stadt", "Digitalisierung", "Projekten", "Verwaltung", "Bürger"],
        "two words": [
            "Stadt Verkehr",
            "Digitalisierung Schule",
            f"Stadt {words[300]}",
            "Sensoren Rathaus",
            "Müller Rathaus",
        ],
        "three words": [
            "Sensoren Verkehr Stadt",
            "neue Plattform Bürgerinnen",
            "Projekt Schule Förderung",
            f"Digitalisierung Stadt {words[600]}",
        ],
        "umlaut spelling": [
            "Staedte",
            "Geschaeftsfuehrerin",
            "Buergerinnen",
            "Foerderung",
            "Rathaeuser",
        ],
        "prefix as typed": [
            "Dig*",
            "Digi*",
            "Digitalis*",
            "Sta*",
            "Stadtr*",
            "Geschäftsf*",
            "Stadt Verk*",
        ],
    }


def seed(count, rng, words):
    """Write `count` articles with tags and people, bypassing signals; index them afterwards."""
    from django.db import transaction
    from django.utils import timezone

    from news.models import Article, Mention, Section, Tag, TaggedArticle
    from people.models import Person

    weights = zipf_weights(len(words))
    titles = [
        ("Smart City", "smart-city"),
        ("Verwaltung", "verwaltung"),
        ("Mobilität", "mobilitaet"),
        ("Bildung", "bildung"),
        ("Energie", "energie"),
    ]
    sections = [
        Section.objects.create(title=title, slug=slug, order=i)
        for i, (title, slug) in enumerate(titles)
    ]
    tags = Tag.objects.bulk_create([Tag(name=name, slug=f"tag-{i}") for i, name in enumerate(TAGS)])
    people = Person.objects.bulk_create(
        [
            Person(name=f"{first} {last}", slug=f"person-{i}-{j}")
            for i, first in enumerate(FIRST)
            for j, last in enumerate(LAST)
        ]
    )
    now = timezone.now()
    batch = 2000
    for start in range(0, count, batch):
        articles = []
        for n in range(start, min(start + batch, count)):
            roll = rng.random()
            status = Article.Status.DRAFT if roll < 0.05 else Article.Status.PUBLISHED
            offset = -rng.uniform(0, 3 * 365) if roll < 0.95 else rng.uniform(1, 30)
            paragraphs = "".join(
                "<p>"
                + " ".join(sentence(rng, words, weights, rng.randint(8, 18)) for _ in "abcd")
                + "</p>"
                for _ in range(rng.randint(2, 4))
            )
            articles.append(
                Article(
                    title=sentence(rng, words, weights, rng.randint(4, 8)).rstrip("."),
                    slug=f"meldung-{n}",
                    dateline=rng.choice(DATELINES),
                    lead=sentence(rng, words, weights, rng.randint(20, 35)),
                    body=paragraphs,
                    section=rng.choice(sections),
                    status=status,
                    published_at=now + timedelta(days=offset),
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(articles)
            TaggedArticle.objects.bulk_create(
                [
                    TaggedArticle(
                        content_object=article, tag=tag, published_at=article.listed_since()
                    )
                    for article in created
                    for tag in rng.sample(tags, rng.randint(0, 3))
                ]
            )
            Mention.objects.bulk_create(
                [
                    Mention(article=article, person=person, published_at=article.listed_since())
                    for article in created
                    for person in rng.sample(people, rng.choice([0, 0, 1, 2]))
                ]
            )
