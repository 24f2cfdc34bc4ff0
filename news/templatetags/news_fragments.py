"""`{% kept "part" %}…{% endkept %}`: a part of the article page kept rendered (news.fragments).

Without `fragments` in the context (previews, other pages) the part is rendered as usual.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, part, nodelist):
        self.part, self.nodelist = part, nodelist

    def render(self, context):
        fragments = context.get("fragments")
        if fragments is None:
            return self.nodelist.render(context)
        html = fragments.get(self.part)
        if html is None:
            html = self.nodelist.render(context)
            article = context["article"]
            fragments.keep(self.part, html, [person.pk for person in article.people.all()])
        return mark_safe(html)


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% kept "part" %} names one part')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(bits[1].strip("\"'"), nodelist)
