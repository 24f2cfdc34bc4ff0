"""The subscribers and deliveries in the admin: read-only records, changed by readers only."""

from django import forms
from django.contrib import admin
from django.db import models

from ..models import NewsletterDelivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "created_at", "confirmed_at", "last_sent_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "sections", "language"]
    search_fields = ["email"]
    fields = [
        "email",
        "sections",
        "language",
        "created_at",
        "confirmed_at",
        "notice_sent_at",
        "last_sent_at",
    ]
    readonly_fields = ["email", "created_at", "confirmed_at", "notice_sent_at", "last_sent_at"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}

    def has_add_permission(self, request):
        return False  # only the reader's own confirmation creates a subscription (double opt-in)


@admin.register(NewsletterDelivery)
class NewsletterDeliveryAdmin(admin.ModelAdmin):
    """Read-only: the record that keeps an article from going twice to one address."""

    list_display = ["article", "subscription", "claimed_at", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subscription__email", "article__title"]
    list_select_related = ["article", "subscription"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
