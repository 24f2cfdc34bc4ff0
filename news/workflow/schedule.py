"""The overview "Geplante Meldungen": scheduled articles in time order and a month calendar.

Reached from the admin's menu like a model (the proxy `ScheduledArticle`), so every editor who
may view articles finds it; it only reads, and links each entry to the article's form.
"""

import calendar
from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

from ..models import Article, ScheduledArticle

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
WEEKDAYS = [
    ("Mo", "Montag"),
    ("Di", "Dienstag"),
    ("Mi", "Mittwoch"),
    ("Do", "Donnerstag"),
    ("Fr", "Freitag"),
    ("Sa", "Samstag"),
    ("So", "Sonntag"),
]


def month_from(value, today):
    """Return the first day of the month `value` names ("2024-03"), or of today's month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if 1900 <= year <= 2999:  # a neighbouring month must exist too
            return date(year, month, 1)
    except (AttributeError, ValueError):
        pass
    return today.replace(day=1)


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def month_calendar(first_day):
    """Return the weeks of the month starting on `first_day`: lists of (day, articles), with
    None for days of the neighbouring months, and the articles due that month."""
    last_day = first_day.replace(day=calendar.monthrange(first_day.year, first_day.month)[1])
    articles = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED,
            published_at__gte=local_midnight(first_day),
            published_at__lt=local_midnight(last_day + timedelta(days=1)),
        )
        .only("title", "published_at", "status")
        .order_by("published_at", "pk")
    )
    by_day = {}
    for article in articles:
        by_day.setdefault(timezone.localtime(article.published_at).date(), []).append(article)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first_day.year, first_day.month)
    return [
        [(day, by_day.get(day, [])) if day.month == first_day.month else (None, []) for day in week]
        for week in weeks
    ]


@admin.register(ScheduledArticle)
class ScheduledArticleAdmin(admin.ModelAdmin):
    """Shows what is coming; articles themselves are changed in the article admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)  # refuses as Django does
        now = timezone.now()
        today = timezone.localdate()
        first_day = month_from(request.GET.get("monat"), today)
        previous_month = (first_day - timedelta(days=1)).replace(day=1)
        next_month = (first_day + timedelta(days=31)).replace(day=1)
        scheduled = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
            .select_related("section")
            .order_by("published_at", "pk")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Geplante Meldungen",
            "opts": self.model._meta,
            "scheduled": scheduled,
            "weeks": month_calendar(first_day),
            "weekdays": WEEKDAYS,
            "month_name": f"{MONTHS[first_day.month - 1]} {first_day.year}",
            "previous_month": previous_month,
            "previous_name": f"{MONTHS[previous_month.month - 1]} {previous_month.year}",
            "next_month": next_month,
            "next_name": f"{MONTHS[next_month.month - 1]} {next_month.year}",
            "today": today,
            "now": now,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/news/scheduled_articles.html", context)
