"""Newsletter subscriptions and the record of which article went to whom."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .articles import Article
from .sections import Section


def mail_languages():
    return settings.LANGUAGES


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    """One e-mail address that asked for the newsletter of some sections; active once confirmed."""

    email = models.EmailField("E-Mail-Adresse", unique=True)
    sections = models.ManyToManyField(
        Section,
        verbose_name="Rubriken",
        related_name="subscriptions",
        help_text="Aus diesen Rubriken bekommt die Adresse neue Meldungen.",
    )
    language = models.CharField(
        "Sprache der E-Mails",
        max_length=7,
        choices=mail_languages,
        default="de",
        help_text="Bestätigung und Newsletter kommen in dieser Sprache, mit den Übersetzungen "
        "der Meldungen, wo es sie gibt.",
    )
    created_at = models.DateTimeField("Angemeldet am", default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(
        "Eingewilligt am",
        null=True,
        blank=True,
        editable=False,
        help_text="Wann die Adresse den Bestätigungslink angeklickt hat (Double-Opt-in); "
        "leer heißt: nicht bestätigt, es geht kein Newsletter an sie.",
    )
    notice_sent_at = models.DateTimeField(
        "Letzte Bestätigungs- oder Link-Mail",
        null=True,
        blank=True,
        editable=False,
        help_text="Solche Mails gehen höchstens einmal am Tag an eine Adresse.",
    )
    last_sent_at = models.DateTimeField("Letzter Newsletter", null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Newsletter-Abonnement"
        verbose_name_plural = "Newsletter-Abonnements"

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def is_confirmed(self):
        return self.confirmed_at is not None


class NewsletterDelivery(models.Model):
    """One article that went, or is going, to one subscriber by newsletter.

    A row is written and committed before the mail is sent; the unique pair makes sure no
    later or parallel run mails the same article to the same address again.
    """

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="Eine Abmeldung löscht die Adresse mitsamt dieser Liste.",
    )
    # An article that is deleted no longer needs its record: it cannot be sent again anyway.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="newsletter_deliveries"
    )
    claimed_at = models.DateTimeField("Vorgemerkt am", default=timezone.now)
    sent_at = models.DateTimeField(
        "Verschickt am",
        null=True,
        blank=True,
        help_text="Leer nach einem Abbruch zwischen Vormerken und Versand: dann ist unklar, "
        "ob die Mail ankam, und sie wird nicht wiederholt.",
    )

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "article"], name="unique_newsletter_delivery"
            )
        ]
        verbose_name = "Newsletter-Zustellung"
        verbose_name_plural = "Newsletter-Zustellungen"

    def __str__(self):
        return f"{self.article} → {self.subscription}"
