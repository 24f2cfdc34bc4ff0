"""Sections ("Rubriken") and keywords ("Stichwörter"): how articles are grouped."""

from django.db import models
from taggit.models import ItemBase, TagBase

from kldigital.links import slug_path

from .. import tagging


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
        return slug_path("news:section", self.slug)


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
        return slug_path("news:tag", self.slug)

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
    # The article's Article.listed_since(), kept here so that a keyword's list is read newest
    # first from this table's index alone (news.listings), not by probing every article.
    published_at = models.DateTimeField("Erscheint", null=True, editable=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        indexes = [
            models.Index(
                fields=["tag", "-published_at", "-content_object"], name="tagged_article_newest"
            )
        ]
        verbose_name = "Stichwort-Zuordnung"
        verbose_name_plural = "Stichwort-Zuordnungen"

    def save(self, *args, **kwargs):
        self.published_at = self.content_object.listed_since()
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.content_object} – {self.tag}"
