from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kldigital.json_ld import ld_json
from kldigital.links import absolute_url

from .. import structured_data
from ..dates import describe_period

register = template.Library()


@register.simple_tag
def absolute_media(file):
    return absolute_url(file.url)


def time_element(partial_date):
    return format_html('<time datetime="{}">{}</time>', partial_date.iso, partial_date)


@register.simple_tag
def period(span):
    """Render the dates of a term or vacancy as German text with <time> elements."""
    return mark_safe(  # the words are fixed; each date went through format_html
        describe_period(
            span.start,
            span.end,
            is_open=span.is_open,
            has_started=span.has_started,
            render=time_element,
        )
    )


@register.simple_tag
def offices_on(person, moment):
    """Return the terms `person` may have held on the day of `moment`, a date or a datetime.

    Reads the person's prefetched terms, so a list of people costs no query per person.
    """
    day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
    return person.terms_on(day)


@register.simple_tag
def offices_today(person):
    """Return the person's terms running today and, apart, those whose end is unknown.

    A term with an unknown end may have ended long ago, so it does not count as held today.
    """
    terms = person.terms_on(timezone.localdate())
    return {
        "current": [term for term in terms if term.is_current],
        "end_unknown": [term for term in terms if term.is_end_unknown],
    }


@register.simple_tag
def person_ld(person, current_terms):
    """Render the schema.org Person description of a person and the offices they hold."""
    return ld_json(structured_data.person(person, current_terms))


@register.simple_tag
def organization_ld(organization, posts):
    return ld_json(structured_data.organization(organization, posts))


@register.simple_tag
def post_ld(post, timeline):
    return ld_json(structured_data.post(post, timeline))
