"""The lead image in the article admin: a focal point set by clicking, and its renditions."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from ..images import share_crop

PREVIEW_WIDTH = 240


class ArticleImageAdminMixin:
    """Shows a clickable preview for the focal point and every rendition with its size."""

    image_fields = ["image_focus_picker", "image_renditions_preview"]

    @property
    def media(self):
        return super().media + forms.Media(
            js=["admin/js/focal_point.js"], css={"all": ["admin/css/editing.css"]}
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.image_fields]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("image_focus_x", "image_focus_y"):
            # Not required: a form without them (a script, an old tab) keeps the stored point.
            kwargs.update(required=False, max_value=100)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Bildmittelpunkt")
    def image_focus_picker(self, article):
        preview = smallest_jpeg(article.image_renditions)
        if preview is None:
            return "Nach dem Sichern mit Bild lässt sich hier der Bildmittelpunkt anklicken."
        storage = article.image.storage
        return format_html(
            '<div class="focal-point" data-focal-point>'
            '<img src="{}" width="{}" height="{}" alt="">'
            '<span class="focal-point__marker" aria-hidden="true"></span></div>'
            '<div class="help">Klicken Sie auf die Stelle, die in jedem Ausschnitt sichtbar '
            "bleiben soll, etwa das Gesicht. Ohne Maus: die beiden Prozentfelder unten.</div>",
            storage.url(preview["name"]),
            PREVIEW_WIDTH,
            round(preview["height"] * PREVIEW_WIDTH / preview["width"]),
        )

    @admin.display(description="Fassungen des Bildes")
    def image_renditions_preview(self, article):
        renditions = article.image_renditions or []
        if not renditions:
            return "–"
        storage = article.image.storage
        rows = [
            (
                storage.url(r["name"]),
                min(r["width"], PREVIEW_WIDTH),
                round(r["height"] * min(r["width"], PREVIEW_WIDTH) / r["width"]),
                f"{r['width']} × {r['height']} Pixel",
                "WebP und JPEG, im Artikel und in Anreißern",
            )
            for r in renditions
            if r["type"] == "jpg" and not r.get("crop")
        ]
        if share := share_crop(renditions):
            rows.append(
                (
                    storage.url(share["name"]),
                    PREVIEW_WIDTH,
                    round(share["height"] * PREVIEW_WIDTH / share["width"]),
                    f"{share['width']} × {share['height']} Pixel",
                    "Vorschaubild beim Teilen, Ausschnitt um den Bildmittelpunkt",
                )
            )
        return format_html(
            '<ul class="rendition-preview">{}</ul>',
            format_html_join(
                "",
                '<li><img src="{}" width="{}" height="{}" alt="" loading="lazy">'
                "<span>{}: {}</span></li>",
                rows,
            ),
        )


def smallest_jpeg(renditions):
    jpegs = [r for r in renditions or [] if r["type"] == "jpg" and not r.get("crop")]
    return min(jpegs, key=lambda r: r["width"]) if jpegs else None
