"""Leichte Sprache and sign language (BITV 2.0 §4) in the admin: an article's version in
Leichte Sprache is kept under the article, a page's DGS video under the page."""

from django import forms
from django.contrib import admin

from ..models import EasyReadVersion, SignLanguageVideo
from .rich_text import rich_text_field


class EasyReadVersionForm(forms.ModelForm):
    body = rich_text_field(EasyReadVersion)

    class Meta:
        model = EasyReadVersion
        fields = ["title", "lead", "body", "is_demo"]


class EasyReadVersionInline(admin.StackedInline):
    model = EasyReadVersion
    form = EasyReadVersionForm
    extra = 0
    max_num = 1
    verbose_name = verbose_name_plural = (
        "Leichte Sprache – eigene Fassung: kurze Sätze, ein Gedanke pro Zeile; "
        "sie erscheint mit der Meldung"
    )


class SignLanguageVideoInline(admin.StackedInline):
    model = SignLanguageVideo
    extra = 0
    max_num = 1
    fields = ["video", "captions", "poster", "poster_alt", "duration_seconds", "is_demo"]
    verbose_name = verbose_name_plural = "Video in Deutscher Gebärdensprache (DGS)"
