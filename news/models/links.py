"""What hangs under an article: links to other sites, the people it names and the editor's
choice of further news."""

from functools import cache as once

from django.db import connections, models, router
from django.db.models import Q

from .articles import TEASER_FIELDS, Article


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


class Mention(models.Model):
    """An article naming a person of the directory (Article.people)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        "people.Person", verbose_name="Person", on_delete=models.CASCADE, related_name="mentions"
    )
    # The article's Article.listed_since(), kept here so that the articles naming a person are
    # read newest first from this table's index alone (news.listings), as a keyword's are.
    published_at = models.DateTimeField("Erscheint", null=True, editable=False)

    class Meta:
        db_table = "news_article_people"  # the table Django made for Article.people at first
        ordering = ["pk"]
        unique_together = [("article", "person")]
        indexes = [
            models.Index(fields=["person", "-published_at", "-article"], name="mention_newest")
        ]
        verbose_name = "Genannte Person"
        verbose_name_plural = "Genannte Personen"

    def __str__(self):
        return f"{self.article} – {self.person}"

    def save(self, *args, **kwargs):
        self.published_at = self.article.listed_since()
        super().save(*args, **kwargs)


def date_added_mentions(sender, instance, action, reverse, pk_set, **kwargs):
    """Give the links that Article.people.add() or set() wrote in bulk, past Mention.save(),
    their article's time (m2m_changed, from either side): one UPDATE."""
    if action != "post_add" or not pk_set:
        return
    if reverse:  # a person's articles
        added = Mention.objects.filter(person=instance, article__in=pk_set)
    else:
        added = Mention.objects.filter(article=instance, person__in=pk_set)
    released = Article.objects.filter(
        pk=models.OuterRef("article"), status=Article.Status.PUBLISHED
    )
    added.update(published_at=models.Subquery(released.values("published_at")[:1]))


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


class SuggestedArticle(models.Model):
    """A further article the automatic top-up puts under another, ranked when either changed.

    Kept by news.related on save (and `manage.py rebuild_related`), so that a reader's request
    only reads it; scheduled articles are ranked too and shown once their time has come.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    suggestion = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggested_for")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "rank"], name="unique_suggestion_rank")
        ]
        verbose_name = "Automatisch ergänzte Meldung"
        verbose_name_plural = "Automatisch ergänzte Meldungen"

    def __str__(self):
        return f"{self.article_id} → {self.suggestion_id}"

    @classmethod
    def teasers(cls, article_id):
        """Return the teasers of the further articles under `article_id`, each with `kind` (0
        for the editor's choice, 1 for the top-up) and `position` (Article.related_articles()).

        One query in SQL of its own, built once: the ORM spent more on building the union of
        both lists and the teasers' read (~1.5 ms) than the database on answering them.
        Whether each is public now is left to the caller.
        """
        database = router.db_for_read(cls)
        return Article.objects.db_manager(database).raw(teasers_sql(database), [article_id] * 2)


@once
def teasers_sql(database):
    """The SQL of SuggestedArticle.teasers() in `database`'s quoting."""
    quote = connections[database].ops.quote_name

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    chosen, suggested = RelatedArticle, SuggestedArticle
    positions = (
        f"SELECT {column(chosen, 'to_article')} AS id, {column(chosen, 'order')} AS position,"
        f" 0 AS kind FROM {quote(chosen._meta.db_table)}"
        f" WHERE {column(chosen, 'from_article')} = %s UNION ALL"
        f" SELECT {column(suggested, 'suggestion')}, {column(suggested, 'rank')}, 1"
        f" FROM {quote(suggested._meta.db_table)} WHERE {column(suggested, 'article')} = %s"
    )
    shown = ", ".join(f"a.{column(Article, name)}" for name in ("id", *TEASER_FIELDS, "status"))
    return (
        f"SELECT {shown}, p.kind, p.position FROM ({positions}) AS p"
        f" JOIN {quote(Article._meta.db_table)} AS a ON a.{column(Article, 'id')} = p.id"
    )
