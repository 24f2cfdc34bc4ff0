"""The news app's models, one module per concern, all importable from `news.models`.

`sections` groups articles (sections, keywords), `articles` holds the article with its
links, related choices and `ArticleQuerySet.published()`, the one gate for what visitors
see; `sources` records which article reports a term of office of the people directory;
`newsletter` the subscriptions and deliveries, `ads` the ad slots, `pages` the standing
pages, `easy_read` an article's Leichte-Sprache version and a page's sign-language video.
Import from here (`from news.models import Article`): the split is an inner detail.
"""

from .ads import AdSlot, AdSlotQuerySet
from .articles import Article, ArticleQuerySet, ExternalLink, RelatedArticle
from .easy_read import EasyReadVersion, EasyReadVersionQuerySet, SignLanguageVideo
from .newsletter import NewsletterDelivery, Subscription, SubscriptionQuerySet
from .pages import Page
from .sections import Section, Tag, TaggedArticle
from .sources import TermSource

__all__ = [
    "AdSlot",
    "AdSlotQuerySet",
    "Article",
    "ArticleQuerySet",
    "EasyReadVersion",
    "EasyReadVersionQuerySet",
    "ExternalLink",
    "NewsletterDelivery",
    "Page",
    "RelatedArticle",
    "Section",
    "SignLanguageVideo",
    "Subscription",
    "SubscriptionQuerySet",
    "Tag",
    "TaggedArticle",
    "TermSource",
]

# Last: corrections and stored PDFs refer to the articles above.
from ..corrections import Correction  # noqa: E402
from ..printing.models import ArticlePDF  # noqa: E402

__all__ += ["ArticlePDF", "Correction"]
