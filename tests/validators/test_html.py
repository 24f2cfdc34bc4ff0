"""Every page type passes the Nu Html Checker (vnu-jar, the W3C's validator) with no error."""

import pytest

pytestmark = [pytest.mark.validators, pytest.mark.django_db]


def describe(messages):
    return "\n".join(
        f"line {message.get('lastLine', '?')}: {message['message']} [{message.get('extract', '').strip()[:120]}]"
        for message in messages
    )


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "home-page-2",
        "article-with-image",
        "article-without-image",
        "article-with-correction",
        "section",
        "tag",
        "archive-year",
        "archive-month",
        "search-with-results",
        "search-without-results",
        "search-stop-words",
        "search-empty",
        "print",
        "share",
        "share-errors",
        "newsletter",
        "newsletter-errors",
        "newsletter-requested",
        "newsletter-cancel",
        "newsletter-confirm",
        "newsletter-manage",
        "newsletter-unsubscribe",
        "newsletter-bad-link",
        "person-list",
        "person",
        "post",
        "post-on-date",
        "organization",
        "standing-page",
        "not-found",
        "corrections",
        "easy-read",
        "easy-read-print",
        "easy-read-explanation-with-video",
        "accessibility-statement",
        "report-barrier",
        "report-barrier-errors",
        "open-data",
        "translation-en",
        "translation-ar",
        "translation-ar-print",
        "translation-fallback",
        "translation-search",
    ],
)
def test_page_has_no_html_errors(nu_messages, page):
    errors = [
        message
        for message in nu_messages[page]
        if message["type"] in ("error", "non-document-error")
    ]
    assert not errors, describe(errors)


def test_every_page_type_is_checked(nu_messages, rendered):
    assert set(nu_messages) == set(rendered["pages"])
