from datetime import timedelta

import factory
from django.utils import timezone

from news.models import (
    AdSlot,
    Article,
    ArticleTranslation,
    BarrierReport,
    ExternalLink,
    RelatedArticle,
    Section,
    Subscription,
)
from people.dates import PartialDate
from people.models import Organization, Person, Post, Term


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    title = factory.Sequence(lambda n: f"Rubrik {n}")
    slug = factory.Sequence(lambda n: f"rubrik-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article from yesterday; pass status/published_at for drafts and schedules."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Meldung Nummer {n}")
    slug = factory.Sequence(lambda n: f"meldung-nummer-{n}")
    dateline = "Kaiserslautern"
    lead = "Ein kurzer Vorspann."
    body = "<p>Der Text der Meldung.</p>"
    author_initials = "aö"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if create and names:
            self.tags.set(names)


class ExternalLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalLink

    article = factory.SubFactory(ArticleFactory)
    label = "www.kaiserslautern.de"
    url = "https://www.kaiserslautern.de"


class RelatedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedArticle

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed newsletter subscription; pass confirmed_at=None for a pending sign-up."""

    class Meta:
        model = Subscription
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"leserin{n}@example.org")
    created_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def sections(self, create, sections, **kwargs):
        if create and sections:
            self.sections.set(sections)


class AdSlotFactory(factory.django.DjangoModelFactory):
    """A sidebar ad running from yesterday, open-ended."""

    class Meta:
        model = AdSlot

    name = factory.Sequence(lambda n: f"Kampagne {n}")
    placement = AdSlot.Placement.SIDEBAR
    image = factory.django.ImageField(
        filename="anzeige.png", width=300, height=250, color="#01baef", format="PNG"
    )
    image_alt = "Stadtwerke Kaiserslautern: Strom aus der Region"
    target_url = "https://www.example.org/angebot"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    end_date = None


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class PostFactory(factory.django.DjangoModelFactory):
    """A one-seat office with labels for each gender."""

    class Meta:
        model = Post

    organization = factory.SubFactory(OrganizationFactory)
    label = factory.Sequence(lambda n: f"Geschäftsführung {n}")
    label_female = factory.LazyAttribute(lambda post: post.label.replace("führung", "führerin"))
    label_male = factory.LazyAttribute(lambda post: post.label.replace("führung", "führer"))
    slug = factory.Sequence(lambda n: f"amt-{n}")
    seats = 1


class TermFactory(factory.django.DjangoModelFactory):
    """A term running since 01.01.2020; pass `start`/`end` as editors type them ("2017")."""

    class Meta:
        model = Term

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    start = "01.01.2020"
    end = None

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        for bound in ("start", "end"):
            if isinstance(kwargs.get(bound), str):
                kwargs[bound] = PartialDate.parse(kwargs[bound])
        return kwargs


class BarrierReportFactory(factory.django.DjangoModelFactory):
    """A new report about an article page, sent now by a reader who wants an answer."""

    class Meta:
        model = BarrierReport

    page_url = "/meldung/beispiel/"
    description = "Das Bild hat keinen Alternativtext."
    email = factory.Sequence(lambda n: f"leser{n}@example.org")


class ArticleTranslationFactory(factory.django.DjangoModelFactory):
    """A released English translation of a published article."""

    class Meta:
        model = ArticleTranslation

    article = factory.SubFactory(ArticleFactory)
    language = "en"
    title = factory.Sequence(lambda n: f"News item number {n}")
    slug = factory.Sequence(lambda n: f"news-item-number-{n}")
    lead = "A short lead."
    body = "<p>The text of the news item.</p>"
    is_released = True
