"""Seeded articles, tags, sections and people: each one the same on every run."""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from people.models import Person

from .. import related, search
from ..models import Article, Mention, Section, Tag, TaggedArticle
from ..text import german_slugify
from .vocabulary import (
    CIRCUMSTANCES,
    FIRST_NAMES,
    INITIALS,
    LAST_NAMES,
    MONTHS,
    OBJECTS,
    PLACES,
    QUOTES,
    REMARKS,
    SECTIONS,
    SUBHEADS,
    SUBJECTS,
    TAGS,
    VERBS,
)

MINUTES_APART = 25


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
                    TaggedArticle(
                        content_object_id=article.pk,
                        tag=tag,
                        published_at=article.listed_since(),
                    )
                    for article, article_tags, _ in batch
                    for tag in article_tags
                ]
            )
            Mention.objects.bulk_create(
                [
                    Mention(
                        article_id=article.pk,
                        person_id=person.pk,
                        published_at=article.listed_since(),
                    )
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
        related.rebuild()  # bulk_create sent no signals
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum or PRAGMA optimize keep
    return created_count
