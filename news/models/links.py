"""What hangs under an article: links to other sites, the people it names and the editor's
choice of further news."""

from functools import cache as once

from django.db import connections, models, router
from django.db.models import Q

from kldigital.prebuilt import adapted, fields_of, read_instances

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
    def teasers(cls, article_id, now, count):
        """Return the teasers of the first `count` further articles under `article_id` that
        are public at `now`: the editor's choices in order, then the top-up's, each article
        once (Article.related_articles()).

        One query in SQL of its own, built once and prepared on PostgreSQL: the ORM spent
        more on building the union of both lists and the teasers' read (~1.5 ms) than the
        database on answering them, and raw() more on matching its columns than on the rows.
        The gate, the order and the count are the database's: every row read is shown.
        """
        database = router.db_for_read(cls)
        params = [article_id] * 4 + [
            Article.Status.PUBLISHED,
            adapted(connections[database], now),
            count,
        ]
        return read_instances(Article, database, teasers_sql(database), params, TEASER_COLUMNS)


TEASER_COLUMNS = ("id", *TEASER_FIELDS, "status")


@once
def teasers_sql(database):
    """The SQL of SuggestedArticle.teasers() in `database`'s quoting."""
    quote = connections[database].ops.quote_name

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    def table(model):
        return quote(model._meta.db_table)

    chosen, suggested = RelatedArticle, SuggestedArticle
    chosen_ids = (
        f"SELECT {column(chosen, 'to_article')} FROM {table(chosen)}"
        f" WHERE {column(chosen, 'from_article')} = %s"
    )
    positions = (  # a top-up the editor chose too counts as chosen
        f"SELECT {column(chosen, 'to_article')} AS id, 0 AS kind,"
        f" {column(chosen, 'order')} AS position, {column(chosen, 'id')} AS tie"
        f" FROM {table(chosen)} WHERE {column(chosen, 'from_article')} = %s UNION ALL"
        f" SELECT {column(suggested, 'suggestion')}, 1, {column(suggested, 'rank')}, 0"
        f" FROM {table(suggested)} WHERE {column(suggested, 'article')} = %s"
        f" AND {column(suggested, 'suggestion')} NOT IN ({chosen_ids})"
    )
    fields, _ = fields_of(Article, database, TEASER_COLUMNS)  # in the order they are read
    shown = ", ".join(f"a.{quote(field.column)}" for field in fields)
    return (
        f"SELECT {shown} FROM ({positions}) AS p"
        f" JOIN {table(Article)} AS a ON a.{column(Article, 'id')} = p.id"
        f" WHERE a.{column(Article, 'id')} <> %s AND a.{column(Article, 'status')} = %s"
        f" AND a.{column(Article, 'published_at')} <= %s"
        f" ORDER BY p.kind, p.position, p.tie LIMIT %s"
    )
