"""What the load benchmark asks for: the page types and their addresses, found in the scratch
database through the URLconf (so it follows the pages' code), and static files by size."""

import json
from pathlib import Path

from servers import ROOT, manage

SEED_SLUG = "kl-digital-bekommt-neue-geschaeftsleitung"
PAGE_TYPES = ("article", "home", "section", "tag", "archive", "person", "search")
# Uncached requests rotate over this many addresses per page type at most.
ROTATE = 2000

# Runs in `manage.py shell`: prints {page type: [paths]}; a type whose lookup fails is left out
# (the pages' code changes in parallel; the benchmark must not depend on its details).
DISCOVER = """
import json, sys
from urllib.parse import urlencode
from django.urls import reverse
found = {}
def add(kind, make):
    try:
        paths = [path for path in make() if path]
        if paths:
            found[kind] = paths
    except Exception as error:
        print("skip", kind, repr(error), file=sys.stderr)
def spread(values, count):
    values = list(values)
    step = max(1, len(values) // count)
    return values[::step][:count]
def articles():
    from news.models import Article
    slugs = Article.objects.published().order_by("pk").values_list("slug", flat=True)
    seed = [reverse("news:detail", kwargs={"slug": "%(seed)s"})]
    return seed + [reverse("news:detail", kwargs={"slug": s}) for s in spread(slugs, %(rotate)d)]
def sections():
    from news.models import Section
    slugs = Section.objects.values_list("slug", flat=True)
    return [reverse("news:section", kwargs={"slug": s}) for s in slugs]
def tags():
    from news.models import Tag
    slugs = Tag.objects.order_by("pk").values_list("slug", flat=True)
    return [reverse("news:tag", kwargs={"slug": s}) for s in spread(slugs, 500)]
def archive():
    from news.models import Article
    dates = Article.objects.published().dates("published_at", "month", order="DESC")
    return [reverse("news:archive-month", kwargs={"year": d.year, "month": d.month}) for d in dates]
def people():
    from people.models import Person
    slugs = Person.objects.order_by("pk").values_list("slug", flat=True)
    return [reverse("people:detail", kwargs={"slug": s}) for s in spread(slugs, 500)]
def search():
    words = ["Stadt", "Digitalisierung", "Kaiserslautern", "Rathaus", "Haushalt Stadtrat",
             "Schule", "Glasfaser", "Verkehr Baustelle Innenstadt", "Bürger", "Digi", "Stadtw"]
    return [reverse("news:search") + "?" + urlencode({"q": w}) for w in words]
add("article", articles)
add("home", lambda: [reverse("news:list")])
add("section", sections)
add("tag", tags)
add("archive", archive)
add("person", people)
add("search", search)
print("PATHS " + json.dumps(found))
"""


def discover(env):
    """Return {page type: [paths]}: the first path of each is the one measured cached."""
    output = manage(
        env, "shell", "-c", DISCOVER % {"seed": SEED_SLUG, "rotate": ROTATE}, timeout=300
    )
    line = next(line for line in output.splitlines() if line.startswith("PATHS "))
    return json.loads(line[len("PATHS ") :])


def static_files(folder=ROOT / "staticfiles"):
    """(size, URL path) of collectstatic's fingerprinted files in `folder` (ours unless
    given), as WhiteNoise serves them."""
    manifest = json.loads((folder / "staticfiles.json").read_text())["paths"]
    return sorted(
        ((folder / name).stat().st_size, "/static/" + name)
        for name in set(manifest.values())
        if (folder / name).is_file()
    )


def nearest_static(size, files):
    """The static file closest in size to `size` bytes."""
    return min(files, key=lambda item: abs(item[0] - size))


def write_copy(folder, name, body):
    """Write `body` as a media file (nginx serves it as a static file of exactly that size)."""
    path = Path(folder) / "bench" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return f"/media/bench/{name}"
