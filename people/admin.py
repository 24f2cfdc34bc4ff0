from django.contrib import admin
from django.db.models import Prefetch

from kldigital.versions import HistoryAdmin

from .forms import TermForm, TermInlineFormSet
from .models import Organization, Person, Post, Term

TERM_FIELDS = ["start_date", "end_date", "is_end_unknown", "kind", "note"]


class TermInline(admin.TabularInline):
    model = Term
    form = TermForm
    formset = TermInlineFormSet
    extra = 1
    # The term's own page holds what other apps add to it, such as its source article.
    show_change_link = True


class PersonTermInline(TermInline):
    fields = ["post", *TERM_FIELDS]
    autocomplete_fields = ["post"]
    verbose_name_plural = "Amtszeiten – ein Amt mit einem Sitz hat zu jeder Zeit nur eine Person"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("post__organization")


class PostTermInline(TermInline):
    fields = ["person", *TERM_FIELDS]
    autocomplete_fields = ["person"]
    verbose_name_plural = "Amtsinhaberinnen und Amtsinhaber, in zeitlicher Reihenfolge"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "honorific", "gender", "current_offices"]
    list_filter = ["gender"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonTermInline]
    restore_also = ["mentions"]  # restoring a person links the articles that named them again
    fieldsets = [
        (None, {"fields": ["name", "honorific", "slug", "gender", "bio"]}),
        ("Foto", {"fields": ["photo", "photo_alt", "photo_credit"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("terms", queryset=Term.objects.select_related("post__organization"))
            )
        )

    @admin.display(description="Derzeitige Ämter")
    def current_offices(self, person):
        current = [term for term in person.terms.all() if term.is_current]
        return "; ".join(f"{term.title}, {term.post.organization}" for term in current)


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin):
    list_display = ["name", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Post)
class PostAdmin(HistoryAdmin):
    list_display = ["label", "organization", "seats", "current_holders"]
    list_filter = ["organization"]
    search_fields = ["label", "label_female", "label_male", "organization__name"]
    prepopulated_fields = {"slug": ["label"]}
    autocomplete_fields = ["organization"]
    inlines = [PostTermInline]
    fields = [
        "organization",
        "label",
        "label_female",
        "label_male",
        "slug",
        "seats",
        "is_fully_recorded",
        "description",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organization")
            .prefetch_related(Prefetch("terms", queryset=Term.objects.select_related("person")))
        )

    @admin.display(description="Derzeit im Amt")
    def current_holders(self, post):
        return "; ".join(str(term.person) for term in post.terms.all() if term.is_current) or "–"


@admin.register(Term)
class TermAdmin(HistoryAdmin):
    form = TermForm
    list_display = ["person", "post", "period_display", "kind"]
    list_filter = ["kind", "post__organization"]
    list_select_related = ["person", "post__organization"]
    search_fields = ["person__name", "post__label", "post__organization__name"]
    autocomplete_fields = ["person", "post"]

    @admin.display(description="Amtszeit")
    def period_display(self, term):
        return term.period_display
