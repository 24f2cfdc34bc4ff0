"""`{% url %}` that reverses each address once per language, loaded as a builtin (settings).

A page has some twenty `{% url %}` tags (feeds, search, footer, newsletter, print and PDF
links) and reverse() walks the URL resolver for each. The address depends only on the view,
its arguments, the active language (prefix /en/, …), the URLconf, the script prefix and the
current app, so it is kept per process under all of them; the tag otherwise behaves as
Django's (`as var`, NoReverseMatch). An address with a slug alone (`slug=article.slug`) is
made from its pattern, reversed once per language, also the first time.
"""

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from kldigital.links import slug_path

register = template.Library()
KEPT_LIMIT = 10_000
_kept = {}


class KeptURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        try:
            key = (
                view_name,
                args,
                tuple(sorted(kwargs.items())),
                current_app,
                get_language(),
                get_urlconf() or settings.ROOT_URLCONF,
                get_script_prefix(),
            )
            hash(key)
        except TypeError:  # an argument that cannot be a key: reverse as Django does
            key = None
        url = _kept.get(key) if key is not None else None
        if url is None:
            try:
                url = reversed_url(view_name, args, kwargs, current_app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""
            else:
                if key is not None:
                    if len(_kept) >= KEPT_LIMIT:
                        _kept.clear()
                    _kept[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


def reversed_url(view_name, args, kwargs, current_app):
    """Return reverse()'s address; one with a slug alone from its pattern reversed once per
    language (kldigital.links.slug_path; each app is included once, so current_app changes
    nothing there): an article's first render links it three times."""
    if not args and kwargs.keys() == {"slug"} and isinstance(kwargs["slug"], str):
        return slug_path(view_name, kwargs["slug"])
    return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
