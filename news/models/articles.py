"""Articles and `ArticleQuerySet.published()`, the one gate for what visitors see."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.managers import TaggableManager

from kldigital.images import CleanImageField, store_clean
from kldigital.links import slug_path

from .. import checks, images
from ..text import german_slugify, sanitize_html
from .sections import Section, TaggedArticle


def visible(through="", now=None):
    """Return the one gate of what visitors see as a condition at `now` (the current moment by
    default), also across a relation (`through="article__"`): a join, not
    `article__in=<published articles>`, for which SQLite lists every published id (~40 ms at
    100,000 articles) even when one article is asked."""
    now = now or timezone.now()
    return Q(**{f"{through}status": Article.Status.PUBLISHED, f"{through}published_at__lte": now})


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Return the articles visitors may see: published, and not scheduled for later."""
        return self.filter(visible(now=now))

    def for_teasers(self):
        """Read what a teaser card shows (news.cards.SHOWN) and no more: no section."""
        return self.only(*TEASER_FIELDS)


TEASER_FIELDS = (
    "title",
    "slug",
    "dateline",
    "lead",
    "published_at",
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
        REVIEW = "review", "Zur Prüfung"
        PUBLISHED = "published", "Freigegeben (veröffentlicht oder geplant)"

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
        "Vorspann",
        blank=True,  # a draft may lack it; publishing requires it (news.checks)
        help_text="Ein bis drei Sätze, die das Wichtigste sagen. Nur Text.",
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
    author = models.ForeignKey(
        "people.Person",
        verbose_name="Autorin/Autor (Profil)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # the article stays; its author becomes the publisher
        related_name="authored_articles",
        help_text="Nur wenn die Person ein öffentliches Profil im Personenverzeichnis hat: "
        "das Kürzel verlinkt dann dorthin. Sonst nennen die Metadaten die Redaktion.",
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
    content_updated_at = models.DateTimeField(
        "Inhaltlich geändert am",
        null=True,
        editable=False,
        help_text="Die letzte Änderung, die Leser sehen: Speichern ohne „kleine Änderung“ oder "
        "eine Korrektur. Steht als „Aktualisiert am“ unter dem Artikel.",
    )
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
    image_focus_x = models.PositiveSmallIntegerField(
        "Bildmittelpunkt waagerecht (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 = linker Rand, 100 = rechter Rand. Ausschnitte (Vorschaubild beim Teilen) "
        "bleiben um diesen Punkt, z. B. das Gesicht.",
    )
    image_focus_y = models.PositiveSmallIntegerField(
        "Bildmittelpunkt senkrecht (%)",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="0 = oberer Rand, 100 = unterer Rand.",
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
        "people.Person",
        verbose_name="Genannte Personen",
        through="Mention",
        related_name="articles",
        blank=True,
    )

    objects = ArticleQuerySet.as_manager()

    _saved_image_name = None
    _saved_focus = None
    # A teaser in another page language whose text stays German says so (news.languages.
    # read_teasers); None: the page's own. Cards ask every teaser, and a failed lookup costs
    # Django's templates a dir() of the whole instance.
    content_language = content_direction = None

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = "Artikel"
        verbose_name_plural = "Artikel"
        # Lists page by (published_at, pk), newest first (kldigital.pagination).
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_listing_keyset")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published"]),
                name="article_status_known",
            )
        ]
        permissions = [("publish_article", "Darf Artikel freigeben, veröffentlichen, zurückziehen")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.title)[:200]
        self.body = sanitize_html(self.body)
        if self.image and self.image.name != self._saved_image_name:
            store_clean(self.image)  # a new upload is stored clean before renditions derive
            self.image_renditions = images.make_renditions(self.image, self.image_focus)
        elif not self.image:
            self.image_renditions = []
        elif self._saved_focus is not None and self.image_focus != self._saved_focus:
            self.image_renditions = images.recrop(
                self.image, self.image_renditions, self.image_focus
            )
        adding = self._state.adding
        super().save(*args, **kwargs)
        self._saved_image_name = self.image.name
        self._saved_focus = self.image_focus
        if not adding:  # its links' copies follow, also after a version was restored
            self.tagged_items.update(published_at=self.listed_since())
            self.mentions.update(published_at=self.listed_since())

    def get_absolute_url(self):
        return slug_path("news:detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        if "image" in field_names:
            article._saved_image_name = article.image.name
        if {"status", "section_id", "published_at"} <= set(field_names):  # no deferred loads
            article._ranked_state = (article.status, article.section_id, article.published_at)
        if "image_focus_x" in field_names and "image_focus_y" in field_names:
            article._saved_focus = article.image_focus
        return article

    def clean(self):
        # Drafts may be unfinished; what readers get must not hurt them (news.checks).
        if self.status == self.Status.PUBLISHED:
            if errors := checks.blocking_errors(self):
                raise ValidationError(errors)

    @property
    def image_focus(self):
        return (self.image_focus_x, self.image_focus_y)

    def listed_since(self):
        """Return when lists may show it: its time once released (now or later), else None.

        Its links to keywords and people keep a copy (TaggedArticle.published_at,
        Mention.published_at), set when they are made and when the article is saved.
        """
        return self.published_at if self.status == self.Status.PUBLISHED else None

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    def state_label(self):
        """Return the state editors see: Entwurf, Zur Prüfung, Geplant or Veröffentlicht."""
        if self.status != self.Status.PUBLISHED:
            return self.get_status_display()
        return "Geplant" if self.is_scheduled() else "Veröffentlicht"

    def related_articles(self, count=None):
        """Return the editor's choices in order, topped up by the closest published articles.

        One query, whatever the count: the teasers of both lists that are public now (the
        top-up was ranked when articles changed, news.related).
        """
        count = count or settings.NEWS_RELATED_COUNT
        return self.suggestions.model.teasers(self.pk, timezone.now(), count)

    @cached_property
    def picture(self):
        """Return what a <picture> element needs for the lead image, or None without one."""
        if not self.image_renditions:
            return None
        return images.picture(self.image.storage, self.image_renditions)
