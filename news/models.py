from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from kldigital.images import CleanImageField, store_clean

from . import images, tagging
from .text import german_slugify, sanitize_html


class Section(models.Model):
    """A department of the portal, such as "Smart City" or "Verwaltung"."""

    title = models.CharField("Titel", max_length=100, unique=True)
    slug = models.SlugField("Kurzname in der Adresse", max_length=100, unique=True)
    description = models.TextField(
        "Beschreibung",
        blank=True,
        help_text="Ein, zwei Sätze über die Rubrik, für Leser und Suchmaschinen.",
    )
    order = models.PositiveSmallIntegerField(
        "Reihenfolge", default=0, help_text="Kleinere Zahlen stehen in der Navigation weiter vorn."
    )

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "Rubrik"
        verbose_name_plural = "Rubriken"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:section", kwargs={"slug": self.slug})


class Tag(TagBase):
    """A keyword ("Stichwort") with a German slug: "KL.digital" → "kl-digital"."""

    class Meta:
        ordering = ["name"]
        verbose_name = "Stichwort"
        verbose_name_plural = "Stichwörter"

    def save(self, *args, **kwargs):
        self.name = tagging.normalize_tag_name(self.name)
        tagging.validate_tag_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:tag", kwargs={"slug": self.slug})

    def clean(self):
        self.name = tagging.normalize_tag_name(self.name)
        tagging.validate_new_tag(self, Tag.objects)

    def slugify(self, tag, i=None):
        return tagging.tag_slug(tag, i)


class TaggedArticle(ItemBase):
    """The link between an article and one of its keywords."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        verbose_name = "Stichwort-Zuordnung"
        verbose_name_plural = "Stichwort-Zuordnungen"

    def __str__(self):
        return f"{self.content_object} – {self.tag}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles visitors may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_teasers(self):
        return self.select_related("section").only(
            "title",
            "slug",
            "dateline",
            "lead",
            "published_at",
            "section__title",
            "section__slug",
            "image",
            "image_alt",
            "image_caption",
            "image_credit",
            "image_renditions",
        )


class Article(models.Model):
    """A dated news article, as residents read it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        PUBLISHED = "published", "Veröffentlicht"

    title = models.CharField("Überschrift", max_length=200)
    slug = models.SlugField(
        "Kurzname in der Adresse",
        max_length=200,
        unique=True,
        help_text="Wird aus der Überschrift gebildet; nach der Veröffentlichung nicht mehr ändern.",
    )
    dateline = models.CharField(
        "Ortsmarke",
        max_length=100,
        blank=True,
        help_text="Steht vor der Überschrift, z. B. „Kaiserslautern“.",
    )
    lead = models.TextField(
        "Vorspann", help_text="Ein bis drei Sätze, die das Wichtigste sagen. Nur Text."
    )
    body = models.TextField(
        "Text",
        blank=True,
        help_text="Absätze, Zwischenüberschriften, Listen und Links. Anderes Markup wird entfernt.",
    )
    author_initials = models.CharField(
        "Kürzel",
        max_length=20,
        blank=True,
        help_text="Kürzel der Autorin oder des Autors, z. B. „aö“.",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="Rubrik",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Eine Rubrik mit Artikeln lässt sich nicht löschen.",
    )
    tags = TaggableManager("Stichwörter", through=TaggedArticle, blank=True)
    status = models.CharField("Status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "Veröffentlicht am",
        default=timezone.now,
        db_index=True,
        help_text="Ein Zeitpunkt in der Zukunft plant die Veröffentlichung ein.",
    )
    created_at = models.DateTimeField("Angelegt am", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)
    image = CleanImageField(
        "Bild",
        upload_to="articles/%Y/",
        blank=True,
        validators=[images.validate_image_upload],
        help_text="JPEG, PNG oder WebP, höchstens 10 MB.",
    )
    image_alt = models.CharField(
        "Alternativtext",
        max_length=250,
        blank=True,
        help_text="Beschreibt, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen.",
    )
    image_caption = models.CharField("Bildunterschrift", max_length=300, blank=True)
    image_credit = models.CharField(
        "Bildquelle", max_length=150, blank=True, help_text="Fotografin, Fotograf oder Agentur."
    )
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    related = models.ManyToManyField(
        "self",
        verbose_name="Weitere Meldungen",
        through="RelatedArticle",
        symmetrical=False,
        related_name="related_from",
        blank=True,
    )
    people = models.ManyToManyField(
        "people.Person", verbose_name="Genannte Personen", related_name="articles", blank=True
    )

    objects = ArticleQuerySet.as_manager()

    _saved_image_name = None

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = "Artikel"
        verbose_name_plural = "Artikel"
        indexes = [models.Index(fields=["status", "-published_at"], name="article_listing")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.title)[:200]
        self.body = sanitize_html(self.body)
        if self.image and self.image.name != self._saved_image_name:
            store_clean(self.image)  # a new upload is stored clean before renditions derive
            self.image_renditions = images.make_renditions(self.image)
        elif not self.image:
            self.image_renditions = []
        super().save(*args, **kwargs)
        self._saved_image_name = self.image.name

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        if "image" in field_names:
            article._saved_image_name = article.image.name
        return article

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": "Bitte beschreiben Sie das Bild in einem Alternativtext."}
            )

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def related_articles(self, count=None):
        """Return the editor's choices in order, topped up by the closest published articles."""
        count = count or settings.NEWS_RELATED_COUNT
        chosen = list(
            Article.objects.published()
            .for_teasers()
            .filter(related_links_to__from_article=self)
            .order_by("related_links_to__order")[:count]
        )
        missing = count - len(chosen)
        if missing <= 0:
            return chosen
        tag_ids = [tag.pk for tag in self.tags.all()]
        shares_a_tag = Exists(
            TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        )
        # Only the newest candidates are ranked: counting shared tags over every article of
        # a big section takes far longer than the reader would wait for a related teaser.
        candidates = (
            Article.objects.published()
            .filter(Q(section_id=self.section_id) | shares_a_tag)
            .exclude(pk__in=[self.pk, *(a.pk for a in chosen)])
            .order_by("-published_at")
            .values("pk")[: settings.NEWS_RELATED_CANDIDATES]
        )
        fallback = (
            Article.objects.published()
            .for_teasers()
            .filter(pk__in=candidates)
            .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
            .order_by("-shared_tags", "-published_at")
        )
        return chosen + list(fallback[:missing])

    @cached_property
    def picture(self):
        """Return what a <picture> element needs for the lead image, or None without one."""
        if not self.image_renditions:
            return None
        return images.picture(self.image.storage, self.image_renditions)


class ExternalLink(models.Model):
    """A link to another site printed under an article, like "https://www.kaiserslautern.de"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        "Linktext", max_length=200, help_text="Was Leser anklicken, z. B. die Adresse."
    )
    url = models.URLField("Adresse", max_length=500)
    order = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "Link"
        verbose_name_plural = "Links"

    def __str__(self):
        return self.label


class RelatedArticle(models.Model):
    """An editor's choice of a further article to show under another, in order."""

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article, verbose_name="Artikel", on_delete=models.CASCADE, related_name="related_links_to"
    )
    order = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="unique_related_article"
            ),
            models.CheckConstraint(
                condition=~Q(from_article=models.F("to_article")), name="related_article_not_itself"
            ),
        ]
        verbose_name = "Weitere Meldung"
        verbose_name_plural = "Weitere Meldungen"

    def __str__(self):
        return f"{self.from_article} → {self.to_article}"


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


class AdSlotQuerySet(models.QuerySet):
    def current(self, placement=None):
        """Return the ads running today, newest booking first; optionally of one placement."""
        today = timezone.localdate()
        ads = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today)
        if placement:
            ads = ads.filter(placement=placement)
        return ads.order_by("-start_date", "-pk")


class AdSlot(models.Model):
    """An advertisement ("Anzeige") booked for one place on the page over a span of days."""

    class Placement(models.TextChoices):
        SIDEBAR = "sidebar", "Seitenleiste"
        IN_ARTICLE = "in_article", "Im Artikel, unter dem Text"

    name = models.CharField(
        "Bezeichnung",
        max_length=150,
        help_text="Nur für die Redaktion, z. B. Kunde und Kampagne. Leser sehen sie nicht.",
    )
    placement = models.CharField("Platz", max_length=20, choices=Placement.choices)
    image = CleanImageField(
        "Bild",
        upload_to="anzeigen/%Y/",
        validators=[images.validate_image_upload],
        width_field="image_width",
        height_field="image_height",
        help_text="JPEG, PNG oder WebP, höchstens 10 MB. Wird vom Portal selbst ausgeliefert.",
    )
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    image_alt = models.CharField(
        "Alternativtext",
        max_length=250,
        help_text="Was auf der Anzeige steht und zu sehen ist, für Menschen, die sie nicht sehen.",
    )
    target_url = models.URLField(
        "Ziel-Adresse",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Wohin ein Klick führt. Direkt, ohne Umleitung oder Zählung.",
    )
    start_date = models.DateField("Erster Tag", help_text="Ab diesem Tag erscheint die Anzeige.")
    end_date = models.DateField(
        "Letzter Tag", null=True, blank=True, help_text="Leer: ohne Enddatum."
    )
    created_at = models.DateTimeField("Angelegt am", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    objects = AdSlotQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="ad_slot_ends_after_start",
                violation_error_message="Der letzte Tag liegt vor dem ersten.",
            )
        ]
        verbose_name = "Anzeige"
        verbose_name_plural = "Anzeigen"

    def __str__(self):
        return self.name

    def is_current(self):
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class Page(models.Model):
    """A standing page outside the news flow, such as "Impressum" or "Barrierefreiheit"."""

    title = models.CharField("Titel", max_length=150)
    slug = models.SlugField(
        "Kurzname in der Adresse",
        max_length=100,
        unique=True,
        help_text="Impressum, Datenschutz und Barrierefreiheit sind im Seitenfuß verlinkt.",
    )
    body = models.TextField(
        "Text",
        help_text="Absätze, Zwischenüberschriften, Listen und Links. Anderes Markup wird entfernt.",
    )
    show_in_footer = models.BooleanField("Im Seitenfuß verlinken", default=True)
    order = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "Seite"
        verbose_name_plural = "Seiten"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:page", kwargs={"slug": self.slug})
