"""The people an article names, chosen in the article's form from the directory.

Article.people has a link model of its own (news.models.Mention: each link keeps its
article's time, so that a person's page lists their articles from an index). Django's admin
offers no field for such a relation (admin.E013), as it cannot know how to fill the link's
other columns; ours fills its one column itself (Mention.save()). So the form offers the
same choice under another name and saves each new link on its own: the version history
keeps the links as they are saved, and the page cache, kept parts and search index follow
them (news.caching, news.fragments, news.search).
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple

from people.models import Person

from ..models import Article, Mention


class NamedPeopleForm(forms.ModelForm):
    """An article form with the people it names (`named_people`)."""

    named_people = forms.ModelMultipleChoiceField(
        Person.objects.all(),
        required=False,
        label="Genannte Personen",
        help_text="Personen aus dem Personenverzeichnis, die der Artikel nennt. Der Artikel "
        "erscheint auf ihrer Seite, ihre Ämter stehen unter dem Artikel.",
        widget=AutocompleteSelectMultiple(Article._meta.get_field("people"), admin.site),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            named = self.instance.mentions.values_list("person_id", flat=True)
            self.initial.setdefault("named_people", list(named))

    def _save_m2m(self):
        super()._save_m2m()
        if "named_people" not in self.cleaned_data:
            return
        article, chosen = self.instance, self.cleaned_data["named_people"]
        article.mentions.exclude(person__in=chosen).delete()
        kept = set(article.mentions.values_list("person_id", flat=True))
        for person in chosen:
            if person.pk not in kept:
                Mention(article=article, person=person).save()
