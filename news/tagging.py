"""The rules a keyword ("Stichwort") follows, whichever form or command creates it.

A name is NFC-normalised (an "Ä" typed as "A" plus a combining diaeresis is the same "Ä"),
its whitespace collapsed, at most 100 characters long and holds at least one letter or digit.
Two names with the same slug are one keyword: the slug ignores case and punctuation, so an
editor who types "smart city" or "Smart-City" gets the existing "Smart City" rather than a
second keyword behind the address "smart-city-1".
"""

import unicodedata

from django.core.exceptions import ValidationError

from .text import german_slugify

MAX_LENGTH = 100  # taggit's name and slug columns


def normalize_tag_name(name):
    """Return the name in NFC with runs of whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", str(name)).split())


def validate_tag_name(name):
    """Refuse a normalised name that is too long or has no letter or digit."""
    if len(name) > MAX_LENGTH:
        raise ValidationError(
            f"Ein Stichwort darf höchstens {MAX_LENGTH} Zeichen lang sein "
            f"(dieses hat {len(name)}): „{name[:30]}…“."
        )
    if not any(unicodedata.category(char)[0] in "LN" for char in name) or not tag_slug(name):
        raise ValidationError(
            f"„{name}“ ist kein Stichwort: es braucht mindestens einen Buchstaben oder eine Ziffer."
        )


def tag_slug(name, suffix=None):
    """Return the keyword's slug; a numbered variant is refused, never made up silently."""
    if suffix:
        raise ValidationError(f"Ein Stichwort mit der Adresse von „{name}“ gibt es schon.")
    return german_slugify(name)[:MAX_LENGTH].strip("-")


def canonical_tag_names(names, existing_tags):
    """Return the typed names checked and mapped onto existing keywords with the same slug.

    `existing_tags` is the Tag queryset; names that repeat one slug collapse into one.
    """
    errors, by_slug = [], {}
    for typed in names:
        name = normalize_tag_name(typed)
        try:
            validate_tag_name(name)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        by_slug.setdefault(tag_slug(name), name)
    if errors:
        raise ValidationError(errors)
    for tag in existing_tags.filter(slug__in=by_slug):
        by_slug[tag.slug] = tag.name
    return list(by_slug.values())


def validate_new_tag(tag, existing_tags):
    """Refuse a keyword whose name is not valid or whose slug another keyword already has."""
    validate_tag_name(tag.name)
    twin = existing_tags.filter(slug=tag_slug(tag.name)).exclude(pk=tag.pk).first()
    if twin:
        raise ValidationError(
            f"Das Stichwort „{twin.name}“ gibt es schon (gleiche Adresse). Bitte verwenden Sie es."
        )
