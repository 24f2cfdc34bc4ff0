"""The ad slots ("Anzeige") of the page templates: `{% load news_ads %}{% ad_slot "sidebar" %}`."""

from django import template

from news.context_processors import chrome

register = template.Library()


def current_ads(request):
    """Return today's ads of every placement, read once for all pages (news.context_processors)."""
    return chrome(request).ads


@register.inclusion_tag("news/includes/ad_slot.html", takes_context=True)
def ad_slot(context, placement, limit=1):
    """Render up to `limit` ads running today in `placement`; nothing at all when none is."""
    ads = [ad for ad in current_ads(context.get("request")) if ad.placement == placement]
    return {"ads": ads[:limit], "placement": placement}
