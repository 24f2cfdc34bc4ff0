from collections import defaultdict

from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from kldigital.pagination import KeysetPage, Listing, paginate
from kldigital.prebuilt import ANY_ID, ANY_SLUG, Prebuilt, mark_read

from . import extensions, popolo
from .forms import PostOnDateForm
from .models import Organization, Person, Post, Term

ARTICLES_PER_PAGE = 10


def terms_with_holders():
    return Term.objects.select_related("person")


PERSON = Prebuilt(lambda slug: Person.objects.filter(slug=slug), slug=ANY_SLUG)
# A person's timeline: each term with its post and organisation, and every term of those
# posts with its holder (predecessors and successors).
TERMS_HELD = Prebuilt(
    lambda pk: Term.objects.filter(person=pk).select_related("post__organization"), pk=ANY_ID
)
TERMS_OF_POSTS_HELD = Prebuilt(
    lambda pk: terms_with_holders().filter(post__in=Term.objects.filter(person=pk).values("post")),
    pk=ANY_ID,
)


def read_timelines(person):
    """Return the person's terms, each post's terms read too, as prefetch_related would."""
    terms = TERMS_HELD(pk=person.pk)
    holders = defaultdict(list)
    for term in TERMS_OF_POSTS_HELD(pk=person.pk) if terms else ():
        holders[term.post_id].append(term)
    for term in terms:
        term.person = person
        mark_read(term.post, "terms", Term, holders[term.post_id])
    mark_read(person, "terms", Term, terms)
    return terms


def situations(posts, day):
    """Return each post with who held it on `day`, for lists of posts."""
    return [
        {"post": post, **post.situation_on(day, post.timeline(day))._asdict()} for post in posts
    ]


class PersonListView(ListView):
    """The directory: everyone with the offices they hold, and every office with its holders."""

    queryset = Person.objects.with_terms()

    def get_context_data(self, **kwargs):
        posts = Post.objects.select_related("organization").prefetch_related(
            Prefetch("terms", queryset=terms_with_holders())
        )
        today = timezone.localdate()
        return super().get_context_data(posts=situations(posts, today), today=today, **kwargs)


class PersonDetailView(DetailView):
    """A person: offices as a timeline with predecessors and successors, photo, articles.

    The head and the timeline may be kept rendered (people.extensions.kept_parts_of): then
    the person's row and the articles naming them are all that is read.
    """

    def get_object(self, queryset=None):
        found = PERSON(slug=self.kwargs["slug"])
        if not found:
            raise Http404("Diese Person gibt es nicht.")
        return found[0]

    def get_context_data(self, **kwargs):
        person = self.object
        self.parts = extensions.kept_parts_of(person, get_language())
        terms = []
        if self.parts is None or not self.parts.complete:
            terms = read_timelines(person)
            sources = extensions.sources_for(terms)
            for term in terms:
                term.cited_source = sources.get(term.pk)
        mentions = extensions.mentions_of(person)
        if isinstance(mentions, Listing):
            page = paginate(mentions, self.request.GET, ARTICLES_PER_PAGE)
        else:  # no finder registered: a plain sequence, shown as one page
            page = KeysetPage(
                list(mentions)[:ARTICLES_PER_PAGE], "", has_newer=False, has_older=False
            )
        return super().get_context_data(
            fragments=self.parts,
            terms=terms,
            current_terms=[term for term in terms if term.is_current],
            page_obj=page,
            articles=page.object_list,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.parts is not None:
            response.add_post_render_callback(self.parts.flush)
        return response


class PostDetailView(DetailView):
    """An office: its holders in order, the gaps between them, and "Wer war am …?"."""

    queryset = Post.objects.select_related("organization").prefetch_related(
        Prefetch("terms", queryset=terms_with_holders())
    )

    def get_context_data(self, **kwargs):
        post = self.object
        today = timezone.localdate()
        timeline = post.timeline(today)
        form = PostOnDateForm(self.request.GET if "datum" in self.request.GET else None)
        answer = None
        if form.is_bound and not form.is_valid():
            form.fields["datum"].widget.attrs["aria-describedby"] = "datum-error"
        if form.is_valid():
            day = form.cleaned_data["datum"]
            state, found = post.situation_on(day, timeline)
            answer = {"day": day, "state": state, "found": found}
            if state == "held":
                answer["holders"] = [
                    {"term": term, "sure": term.surely_covers(day)} for term in found
                ]
                answer["sure"] = all(holder["sure"] for holder in answer["holders"])
        return super().get_context_data(
            timeline=timeline,
            situation=post.situation_on(today, timeline),
            form=form,
            answer=answer,
            **kwargs,
        )


class OrganizationDetailView(DetailView):
    """An organisation: its offices with who holds them today, its parent and subsidiaries."""

    queryset = Organization.objects.select_related("parent").prefetch_related(
        "children",
        Prefetch(
            "posts",
            queryset=Post.objects.prefetch_related(
                Prefetch("terms", queryset=terms_with_holders())
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        posts = situations(self.object.posts.all(), timezone.localdate())
        return super().get_context_data(posts=posts, **kwargs)


@require_GET
def popolo_export(request):
    """Serve the directory as Popolo JSON, open to any site that wants to reuse it."""
    response = JsonResponse(popolo.export(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
