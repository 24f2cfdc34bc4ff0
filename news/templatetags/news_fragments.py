"""Parts of pages kept rendered (issue 18).

- `{% kept "part" %}…{% endkept %}`: a part of the article or person page kept rendered
  (news.fragments). Without `fragments` in the context (previews, other pages) the part is
  rendered as usual.
- `{% chrome_part "name" [variant] %}…{% endchrome_part %}`: a part made of the page chrome
  alone (navigation, footer, sidebar: news.context_processors), rendered once per process,
  language and change of the news, and once per `variant` (the current section, say). What
  it encloses must read nothing of the request.
- `{% article_cards teasers "h2" %}`: teaser cards, kept per content (news.cards).
"""

from django import template
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

from news.cards import render_cards
from news.context_processors import chrome

register = template.Library()


def searched_nodelists(nodelist):
    """Return the `child_nodelists` of a node enclosing `nodelist`: none without blocks.

    `{% extends %}` looks for the parent's blocks (for `{{ block.super }}`) through every node
    of the parent template on each render (8 % of a page's CPU): the chrome and kept parts
    are most of base.html's nodes and hold no block.
    """
    return ("nodelist",) if nodelist.get_nodes_by_type(BlockNode) else ()


class KeptNode(template.Node):
    def __init__(self, part, nodelist):
        self.part, self.nodelist = part, nodelist
        self.child_nodelists = searched_nodelists(nodelist)

    def render(self, context):
        fragments = context.get("fragments")
        if fragments is None:
            return self.nodelist.render(context)
        html = fragments.get(self.part)
        if html is None:
            html = self.nodelist.render(context)
            fragments.keep(self.part, html, context)
        return mark_safe(html)


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% kept "part" %} names one part')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(bits[1].strip("\"'"), nodelist)


class ChromePartNode(template.Node):
    def __init__(self, name, variant, nodelist):
        self.name, self.variant, self.nodelist = name, variant, nodelist
        self.child_nodelists = searched_nodelists(nodelist)

    def render(self, context):
        request = context.get("request")
        if request is None:  # mails and other pages without a request: as usual
            return self.nodelist.render(context)
        variant = self.variant.resolve(context) if self.variant is not None else None
        parts = chrome(request).parts
        html = parts.get((self.name, variant))
        if html is None:
            html = parts[self.name, variant] = self.nodelist.render(context)
        return html


@register.tag
def chrome_part(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError('{% chrome_part "name" [variant] %} takes one or two')
    variant = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    nodelist = parser.parse(("endchrome_part",))
    parser.delete_first_token()
    return ChromePartNode(bits[1].strip("\"'"), variant, nodelist)


@register.simple_tag
def article_cards(teasers, heading="h2"):
    """Render the teaser cards of `teasers` with `heading` as their headings' tag."""
    return render_cards(list(teasers), heading)
