"""The demo content: the two seed articles and the five teasers, verbatim from shared/seeds.

Choices the seeds leave open, made here and nowhere else:
- The CDO article has no headline and no date in the seed. Its events (Rombach's term ends
  "rückwirkend zum 31. März 2022", Benz takes over) date it to early April 2022: we publish
  it on 04.04.2022 under the headline "Ilona Benz wird Chief Digital Officer". Its tags are
  words from its own text; it names no author and carries no image.
- The seed gives dates, not times: articles appear at 10:00 (Berlin), the first of two
  teasers on one day at 11:00 so that the seed's order is kept.
- The seed's photos are not ours to use: each image is a placeholder drawn here with Pillow,
  keeping the seed's caption and credit. The teaser "Digitale Zwillinge" is marked "Bericht"
  in the seed; the portal has no such label, so it is left out.
"""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from people import demo as people_demo
from people.models import Person, Term

from .models import Article, ExternalLink, RelatedArticle, Section, TermSource

BERLIN = ZoneInfo("Europe/Berlin")

SECTION = {
    "slug": "smart-city",
    "title": "Smart City",
    "description": "Wie Städte und Landkreise die Digitalisierung für ihre Bürgerinnen und Bürger nutzen.",
}

TEASERS = [
    {
        "slug": "radarsensoren-fuer-mehr-verkehrssicherheit",
        "dateline": "Kaiserslautern",
        "title": "Radarsensoren für mehr Verkehrssicherheit",
        "published_at": (2024, 5, 14, 11),
        "lead": "Im Rahmen des Projekts Smart City Infrastructure erprobt die Stadt Kaiserslautern den Einsatz von Radarsensoren für die Verkehrssicherheit. Die Sensordaten werden vernetzt und erstellen mithilfe von Edge Computing ein Abbild der Verkehrslage. Dieses soll helfen, Gefährdungen im Straßenverkehr frühzeitig zu erkennen.",
        "image_caption": "In Kaiserslautern soll vernetzte Radarsensorik künftig für mehr Verkehrssicherheit sorgen.",
    },
    {
        "slug": "digitales-modellprojekt-im-gesundheitsamt",
        "dateline": "Halle (Saale)",
        "title": "Digitales Modellprojekt im Gesundheitsamt",
        "published_at": (2024, 5, 14, 10),
        "lead": "Die digitale Transformation des Fachbereichs Gesundheit der Stadt Halle (Saale) ist auf die Zielgerade eingebogen – bis September dieses Jahres soll das Modellprojekt, für das die Stadt mit den Unternehmen EWERK und GISA zusammenarbeitet, abgeschlossen sein.",
        "image_caption": "Stadt Halle (Saale) will im Herbst das Modellprojekt für ein digitales Mustergesundheitsamt abschließen.",
    },
    {
        "slug": "truck-sammelt-daten-fuer-bessere-strassen",
        "dateline": "Dortmund",
        "title": "Truck sammelt Daten für bessere Straßen",
        "published_at": (2024, 5, 13, 10),
        "lead": "In Dortmund sammelt ein mit moderner Technik ausgestatteter Truck der Bergischen Universität Wuppertal Daten über den Zustand der Straßen. Das soll die Stadt dabei unterstützen, Sanierungsprojekte künftig frühzeitig zu planen.",
        "image_caption": "Dieser Truck ist seit Ende April in Dortmund unterwegs, um Daten zum Straßenzustand zu sammeln.",
    },
    {
        "slug": "stadtplanung-in-der-virtuellen-realitaet",
        "dateline": "Kreis Hof",
        "title": "Stadtplanung in der virtuellen Realität",
        "published_at": (2024, 5, 8, 10),
        "lead": "Gemeinsam mit der Hochschule Hof arbeitet das Smart-City-Team des Landkreises Hof an einer Virtual-Reality-Anwendung. Durch die Simulationen soll den Bürgern das Thema nachhaltige Stadtplanung nahegebracht werden.",
        "image_caption": "Eine neue Simulation der Hochschule Hof im Rahmen des Smart-City-Projekts des Landkreises ermöglicht es den Bürgern künftig, ihre Lieblingsplätze virtuell und nachhaltig zu gestalten.",
    },
    {
        "slug": "digitale-zwillinge-vielfaeltige-moeglichkeiten",
        "dateline": "Digitale Zwillinge",
        "title": "Vielfältige Möglichkeiten",
        "published_at": (2024, 5, 7, 10),
        "lead": "In zahlreichen Städten wird bereits an der Umsetzung eines Digitalen Zwillings gearbeitet – dabei werden die unterschiedlichsten Einsatzmöglichkeiten erprobt. Von den gesammelten Erfahrungen können auch andere Kommunen profitieren.",
        "image_caption": "Würzburg: Blick auf die virtuelle Festung von der Alten Mainbrücke aus.",
    },
]

GESCHAEFTSLEITUNG = {
    "slug": "kl-digital-bekommt-neue-geschaeftsleitung",
    "dateline": "Kaiserslautern",
    "title": "KL.digital bekommt neue Geschäftsleitung",
    "published_at": (2021, 12, 13, 10),
    "author_initials": "aö",
    "lead": "Die KL.digital, Kaiserslauterns städtische Gesellschaft zur Gestaltung der urbanen Entwicklung, bekommt zum 1. Februar 2022 mit Ilona Benz eine neue Geschäftsführerin.",
    "image_caption": "Die neue Geschäftsführerin der KL.digital, Ilona Benz.",
    "image_credit": "Thomas Kierok",
    "tags": ["Smart City", "Kaiserslautern", "KL.digital"],
    "links": ["https://www.kaiserslautern.de", "https://www.herzlich-digital.de"],
    "people": [
        "ilona-benz",
        "martin-verlage",
        "dieter-rombach",
        "klaus-weichel",
        "gerhard-steinebach",
    ],
    "related": [teaser["slug"] for teaser in TEASERS],
    "body": [
        "Die neue Geschäftsführerin der KL.digital, Gesellschaft zur Planung, Projektierung, Umsetzung und Verstetigung von Maßnahmen zur urbanen Entwicklung der Stadt Kaiserslautern, heißt Ilona Benz. Die derzeitige Leiterin der Stabsstelle Digitalisierung beim Gemeindetag Baden-Württemberg wird zum 1. Februar 2022 zur KL.digital wechseln, um dort die Nachfolge von Martin Verlage anzutreten, der seinen Vertrag über das Jahresende hinaus nicht verlängern wird. Wie die Stadt, alleinige Gesellschafterin der KL.digital, berichtet, hat sich deren neue Geschäftsführerin bereits offiziell bei einem Pressetermin vorgestellt.",
        "„Ich freue mich auf die verantwortungsvolle und wichtige Aufgabe und möchte meinen Beitrag leisten, Kaiserslautern auf seinem herzlich digitalen Weg zu begleiten“, so Benz mit Anspielung auf das Motto der Digitalisierungs-Modellstadt. Nach deren Auskunft ist die 31-Jährige neben ihrer auslaufenden Tätigkeit beim Gemeindetag Baden-Württemberg, dessen Stabsstelle Digitalisierung sie selbst aufgebaut und seit 2018 geleitet habe, bundesweit als Dozentin für Verwaltungsmitarbeitende tätig. Aktuell promoviere Benz, zugleich Jurymitglied im renommierten E-Government-Fachwettbewerb von Bearing Point/Cisco und Kolumnistin für die Fachzeitschrift „Kommunal“, in Friedrichshafen zum Thema Smart City.",
        "Die kommenden Aufgabenfelder der neuen Geschäftsführerin hätten Kaiserlauterns Chief Digital Officer (CDO), Professor Dieter Rombach, und Oberbürgermeister Klaus Weichel anlässlich des Vorstellungstermins skizziert. Laut Rombach habe sich Kaiserslautern in den vergangenen vier Jahren bundesweit einen hervorragenden Namen als kommunaler Vorreiter in Digitalisierungsthemen gemacht, viele Projekte habe man bereits umsetzen können. Die bisherigen Projektergebnisse müssten nun verstetigt werden, zugleich müsse die Grundlage für die künftige Entwicklung der Stadt geschaffen werden.",
        "Ein wichtiger Schwerpunkt dabei ist die nachhaltige Verankerung der Digitalisierungsstrukturen in der Verwaltung, führt man bei der Stadt hierzu aus. So soll innerhalb der Verwaltung ein Referat „Digitalisierung und Innovation“ entstehen, ebenso ein Digitalisierungsausschuss des Stadtrats. Auch sollen die bislang von den emeritierten Professoren Dieter Rombach und Gerhard Steinebach ehrenamtlich geführten Stellen des CDO und Chief Urban Officers alsbald im Haushaltsplan der KL.digital verankert und in Vollzeit von zwei neuen Kräften besetzt werden.",
        "Bei dem Pressetermin habe Rombach seinerseits für agilere Projektstrukturen innerhalb der Verwaltung geworben, bei denen man unbedingt die Mitarbeiterinnen und Mitarbeiter einbeziehen müsse. Als zweiten Schwerpunkt habe der ehrenamtliche CDO die stärkere Einbeziehung der Stadtgesellschaft in die Entwicklung der Digitalen Stadt genannt. Es seien aktivere Programme und aktivere Partizipation vonnöten, um den Spirit der Zeit des Bitkom-Wettbewerbs wieder zu erreichen. Während man in der ersten Phase Projekte für die Stadt gemacht habe, müsse man nun die Erfolgsgeschichte mit der Stadt weiterführen. Die digitale Transformation müsse in der Mitte der Gesellschaft ankommen. Wie Oberbürgermeister Weichel zeigte sich laut Stadt auch Rombach voll überzeugt, dafür mit Ilona Benz die richtige Person gefunden zu haben",
    ],
}

CDO_BENZ = {
    "slug": "ilona-benz-wird-chief-digital-officer",
    "dateline": "Kaiserslautern",
    "title": "Ilona Benz wird Chief Digital Officer",
    "published_at": (2022, 4, 4, 10),
    "lead": "Kaiserslautern hat einen neuen Chief Digital Officer: Ilona Benz, Geschäftsführerin der KL.digital GmbH, übernimmt die Funktion von Dieter Rombach. Ihr Vorgänger bezeichnet Benz als Glücksfall.",
    "tags": ["Smart City", "Kaiserslautern", "KL.digital"],
    "people": ["ilona-benz", "dieter-rombach", "gerhard-steinebach"],
    "body": [
        'Ilona Benz hat zum Start in ihre neue Funktion als Chief Digital Officer (CDO) der Stadt viel vor: "Wir wollen den Lautrerinnen und Lautrern niedrigschwellig zeigen, wie genau unsere Projekte ihren Alltag und das Leben in der Stadt verbessern." Heißt: Die derzeit noch etwas abstrakten Entwicklungen rund um den Modebegriff "Smart City" sollen für alle Bürgerinnen und Bürger in Kaiserslautern greifbarer werden.',
        ("h2", 'Digitalisierung "nicht nur Daten, Kabel und Blech"'),
        '"Schlussendlich geht es nicht in erster Linie um Daten, Kabel und Blech, sondern um einen flüssigeren Verkehr, die Belebung öffentlicher Plätze, die Inklusion oder bessere Planungsgrundlagen und -werkzeuge für die Stadtverwaltung", so Benz weiter. Dafür will die neue CDO mit ihrem Team über den Sommer häufiger bei Veranstaltungen in Kaiserslautern dabei sein, um mit den Menschen ins Gespräch zu kommen.',
        'Was ist KL.digital? KL.digital ist eine Tochterfirma der Stadt Kaiserslautern. Sie wurde 2017 gegründet. Kaiserslautern hatte im Vorfeld am Wettbewerb "Digitale Stadt" teilgenommen und eine gute Platzierung erreicht. Die Stadt wollte die Digitalisierung weiter voran treiben. Die Landesregierung fördert die Digitalisierung in Kaiserslautern. Die Stadt soll eine digitale Modellstadt für Rheinland-Pfalz werden.',
        ("h2", 'Neue CDO Benz: "Ein außerordentlicher Glücksfall"'),
        'Seiner Nachfolgerin gibt Dieter Rombach einige Vorschusslorbeeren mit auf den Weg: "Dass Ilona Benz als national bekannte Persönlichkeit einer dieser Köpfe ist, ist ein außerordentlicher Glücksfall", verweist Rombach darauf, dass die beiden Funktionen Chief Digital Officer und Chief Urban Officer auf neue Köpfe übergehen sollen. Denn auch sein CUO-Kollege Gerhard Steinebach scheidet aus seiner Funktion aus.',
        ("h2", "Beide Funktionen sollen in Zukunft hauptamtlich besetzt sein"),
        "Rombach und Steinebach bekleideten ihre Ämter als CDO und CUO der Stadt Kaiserslautern seit 2017 ehrenamtlich. Wie geplant endet ihre Aufgabe rückwirkend zum 31. März 2022. Künftig werden sie allerdings weiterhin als Berater zur Verfügung stehen. Bis beide Funktionen hauptamtlich besetzt werden, übernimmt nun Ilona Benz das CDO-Zepter. Die Aufgaben des CUO sollen zunächst durch externe Berater übernommen werden.",
    ],
}


def body_html(blocks):
    """Return article HTML from paragraphs and ("h2", text) subheadings."""
    parts = []
    for block in blocks:
        tag, text = block if isinstance(block, tuple) else ("p", block)
        parts.append(f"<{tag}>{escape(text)}</{tag}>")
    return "\n".join(parts)


def placeholder_image(label):
    """Draw a 1200×800 placeholder in the portal's colours with a label; return it as PNG."""
    image = Image.new("RGB", (1200, 800), "#0b4f6c")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 640, 1200, 800), fill="#01baef")
    draw.text((80, 260), "KL.digital", font=ImageFont.load_default(size=120), fill="#ffffff")
    draw.text((80, 420), label, font=ImageFont.load_default(size=56), fill="#e6f4f9")
    draw.text((80, 690), "Platzhalterbild", font=ImageFont.load_default(size=40), fill="#0b2230")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def berlin_time(year, month, day, hour):
    return datetime(year, month, day, hour, tzinfo=BERLIN)


def create_article(data, section, with_image):
    """Create one published demo article unless its slug exists; return it."""
    existing = Article.objects.filter(slug=data["slug"]).first()
    if existing:
        return existing
    article = Article(
        slug=data["slug"],
        dateline=data["dateline"],
        title=data["title"],
        lead=data["lead"],
        body=body_html(data.get("body", [])),
        author_initials=data.get("author_initials", ""),
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=berlin_time(*data["published_at"]),
    )
    if with_image:
        article.image_caption = data["image_caption"]
        article.image_credit = data.get("image_credit", "")
        article.image_alt = (
            f"Platzhaltergrafik mit dem Schriftzug KL.digital und „{data['dateline']}“"
        )
        article.image.save(f"{data['slug']}.png", placeholder_image(data["dateline"]), save=False)
    article.save()
    article.tags.set(data.get("tags", []))
    for order, url in enumerate(data.get("links", [])):
        ExternalLink.objects.create(article=article, label=url, url=url, order=order)
    article.people.set(Person.objects.filter(slug__in=data.get("people", [])))
    return article


# Which seed article reports which demo term: (person, post, article).
TERM_SOURCES = [
    ("dieter-rombach", "chief-digital-officer-kaiserslautern", CDO_BENZ["slug"]),
    ("gerhard-steinebach", "chief-urban-officer-kaiserslautern", CDO_BENZ["slug"]),
    ("dieter-rombach", "beratung-kaiserslautern", CDO_BENZ["slug"]),
    ("gerhard-steinebach", "beratung-kaiserslautern", CDO_BENZ["slug"]),
    ("ilona-benz", "leitung-stabsstelle-digitalisierung-gemeindetag-bw", GESCHAEFTSLEITUNG["slug"]),
    ("martin-verlage", "geschaeftsfuehrung-kl-digital", GESCHAEFTSLEITUNG["slug"]),
    ("ilona-benz", "geschaeftsfuehrung-kl-digital", GESCHAEFTSLEITUNG["slug"]),
    ("ilona-benz", "chief-digital-officer-kaiserslautern", CDO_BENZ["slug"]),
    ("klaus-weichel", "oberbuergermeister-kaiserslautern", GESCHAEFTSLEITUNG["slug"]),
]


def cite_sources(articles):
    """Record the seed article that reports each demo term, from `articles` (slug → article).

    Only terms without a source get one, so an editor's choice stays.
    """
    for person, post, slug in TERM_SOURCES:
        for term in Term.objects.filter(person__slug=person, post__slug=post, source__isnull=True):
            TermSource.objects.create(term=term, article=articles[slug])


@transaction.atomic
def load_demo():
    """Create the demo section, people and articles; return how many articles were new."""
    before = Article.objects.count()
    section, _ = Section.objects.get_or_create(slug=SECTION["slug"], defaults=SECTION)
    people_demo.load_people()
    for teaser in TEASERS:
        create_article(teaser, section, with_image=True)
    main = create_article(GESCHAEFTSLEITUNG, section, with_image=True)
    cdo_benz = create_article(CDO_BENZ, section, with_image=False)
    cite_sources({article.slug: article for article in (main, cdo_benz)})
    for order, slug in enumerate(GESCHAEFTSLEITUNG["related"]):
        RelatedArticle.objects.get_or_create(
            from_article=main, to_article=Article.objects.get(slug=slug), defaults={"order": order}
        )
    return Article.objects.count() - before
