"""Two pairs of eyes: the review workflow of articles and the overview of what is coming.

`rules` says who may move an article from one status to another and records each change,
`mails` tells the submitter and the reviewers, `admin` puts status, state log and actions
into the article admin, `schedule` is the admin's "Geplante Meldungen" with its calendar.
Services and views use the rules through this package (`workflow.article_change_status`).
"""

from .rules import (
    article_change_status,
    article_record_state_change,
    can_publish,
    describe,
    may_change_status,
    status_choices,
    submitter,
)

__all__ = [
    "article_change_status",
    "article_record_state_change",
    "can_publish",
    "describe",
    "may_change_status",
    "status_choices",
    "submitter",
]
