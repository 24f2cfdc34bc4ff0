"""Which article reports a term of office: the source the directory cites for it."""

from django.db import models

from .articles import Article


class TermSource(models.Model):
    """The published article that reports one term of office in the people directory."""

    # CASCADE both ways: a source means nothing without its term, and a deleted article no
    # longer reports anything; the term itself stays.
    term = models.OneToOneField(
        "people.Term",
        verbose_name="Amtszeit",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="source",
    )
    article = models.ForeignKey(
        Article,
        verbose_name="Meldung",
        on_delete=models.CASCADE,
        related_name="sourced_terms",
        help_text="Die Meldung, die diese Amtszeit belegt.",
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "Quelle"
        verbose_name_plural = "Quellen"

    def __str__(self):
        return f"{self.term} – {self.article}"
