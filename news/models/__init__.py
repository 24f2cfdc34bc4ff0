"""The news app's models, one module per concern, all importable from `news.models`.

`sections` groups articles (sections, keywords), `articles` holds the article and
`ArticleQuerySet.published()`, the one gate for what visitors see, `links` the links, the
people it names and further articles under it; `workflow` records each change of an
article's status (review by two pairs of eyes); `sources` records which article reports a
term of office of the people directory; `newsletter` the subscriptions and deliveries, `ads`
the ad slots, `pages` the standing pages, `accessibility` the accessibility statement's facts
and the barriers readers report, `easy_read` an article's Leichte-Sprache version and a
page's sign-language video, `translations` an article's versions in the portal's other
languages.
Import from here (`from news.models import Article`): the split is an inner detail.
"""

from .accessibility import AccessibilityStatement, BarrierReport, KnownBarrier
from .ads import AdSlot, AdSlotQuerySet
from .articles import Article, ArticleQuerySet
from .easy_read import EasyReadVersion, EasyReadVersionQuerySet, SignLanguageVideo
from .links import ExternalLink, Mention, RelatedArticle, SuggestedArticle
from .newsletter import NewsletterDelivery, Subscription, SubscriptionQuerySet
from .pages import Page
from .sections import Section, Tag, TaggedArticle
from .sources import TermSource
from .translations import ArticleTranslation, ArticleTranslationQuerySet
from .workflow import ArticleStateChange, ScheduledArticle

__all__ = [
    "AccessibilityStatement",
    "AdSlot",
    "AdSlotQuerySet",
    "Article",
    "ArticleQuerySet",
    "ArticleStateChange",
    "ArticleTranslation",
    "ArticleTranslationQuerySet",
    "BarrierReport",
    "EasyReadVersion",
    "EasyReadVersionQuerySet",
    "ExternalLink",
    "KnownBarrier",
    "Mention",
    "NewsletterDelivery",
    "Page",
    "RelatedArticle",
    "ScheduledArticle",
    "Section",
    "SignLanguageVideo",
    "Subscription",
    "SubscriptionQuerySet",
    "SuggestedArticle",
    "Tag",
    "TaggedArticle",
    "TermSource",
]

# Last: corrections and stored PDFs refer to the articles above.
from ..corrections import Correction  # noqa: E402
from ..printing.models import ArticlePDF  # noqa: E402

__all__ += ["ArticlePDF", "Correction"]
