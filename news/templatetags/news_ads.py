"""The ad slots ("Anzeige") of the page templates: `{% load news_ads %}{% ad_slot "sidebar" %}`."""

from django import template

from news.models import AdSlot

register = template.Library()


def current_ads(request):
    """Return today's ads of every placement, read once per request however many slots it has."""
    if request is None:
        return list(AdSlot.objects.current())
    if not hasattr(request, "_news_current_ads"):
        request._news_current_ads = list(AdSlot.objects.current())
    return request._news_current_ads


@register.inclusion_tag("news/includes/ad_slot.html", takes_context=True)
def ad_slot(context, placement, limit=1):
    """Render up to `limit` ads running today in `placement`; nothing at all when none is."""
    ads = [ad for ad in current_ads(context.get("request")) if ad.placement == placement]
    return {"ads": ads[:limit], "placement": placement}
