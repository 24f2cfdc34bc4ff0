"""Erklärung zur Barrierefreiheit and "Barriere melden" (§ 7 BITV 2.0, § 12b BGG).

`views` renders the statement from the facts editors keep (`news.models.accessibility`) and
takes barrier reports; `forms` checks a report (a same-site page path only); `mails` tells the
responsible editor and confirms to the sender; `admin` lists the reports by their one-month
answer deadline.
"""
