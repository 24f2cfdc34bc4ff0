from datetime import timedelta

import factory
from django.utils import timezone

from news.models import Article, ExternalLink, RelatedArticle, Section
from people.models import Person


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
