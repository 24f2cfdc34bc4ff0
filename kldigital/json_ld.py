"""schema.org descriptions as JSON-LD script elements (news and people pages)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Characters that could end the <script> element or open a comment inside it.
SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


def ld_json(data):
    """Render a schema.org dict as a JSON-LD script element, safe inside HTML."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in SCRIPT_ESCAPES:  # str.translate() takes several times as long
        payload = payload.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
