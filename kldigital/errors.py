"""What readers see when something fails, and how the log reports expected failures."""

import logging
import sys

from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.template import loader
from django.utils.cache import patch_cache_control

from .cache import CacheUnavailable

# The database or the shared cache did not answer: worth another try in a minute.
UNAVAILABLE = (OperationalError, InterfaceError, CacheUnavailable)
RETRY_AFTER_SECONDS = 60


def server_error(request):
    """Answer an unhandled error: 503 with Retry-After during an outage, 500 otherwise.

    The templates are rendered without a request: they must not touch the database.
    """
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request, reason=""):
    """Refuse a form sent without a valid CSRF token, in German, echoing nothing it carried."""
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", context))


class OmitTraceback(logging.Filter):
    """Shortens the record of an expected failure (foreign Host header, outage) to one line.

    Scanners send foreign Host headers all day, and an outage fails every request the same way:
    a traceback for each would bury everything else in the log.
    """

    EXPECTED = (DisallowedHost, *UNAVAILABLE)

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, self.EXPECTED):
            message = record.getMessage()
            if str(error) not in message:
                message = f"{message} ({type(error).__name__}: {error})"
            record.msg, record.args = " ".join(message.split()), ()
            record.exc_info = record.exc_text = None
        return True
