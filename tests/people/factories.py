"""Factories for organisations, posts and terms; PersonFactory lives in tests/factories.py."""

import factory

from people.dates import PartialDate
from people.models import Organization, Post, Term
from tests.factories import PersonFactory


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
