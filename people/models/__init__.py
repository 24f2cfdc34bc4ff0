"""The people directory's models, importable from `people.models`.

Modelled after Popolo and OParl: a `Person` holds a `Post` (an office of an `Organization`
that exists without its holder) for a `Term`, whose start and end keep the precision the
source gives (`people.dates`). `persons` holds people and organisations, `posts` the offices
with their timelines and vacancies, `terms` the terms and the rules they obey.
"""

from .persons import Organization, Person, PersonQuerySet
from .posts import Post, Situation, Vacancy
from .terms import Term, TermQuerySet

__all__ = [
    "Organization",
    "Person",
    "PersonQuerySet",
    "Post",
    "Situation",
    "Term",
    "TermQuerySet",
    "Vacancy",
]

# Last: the OParl tombstones watch the models above.
from ..oparl.models import DeletedObject  # noqa: E402

__all__ += ["DeletedObject"]
