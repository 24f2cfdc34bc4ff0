"""Run one PDF render in a child process under hard limits, so that no document can hold
the worker: CPU seconds and address space are OS limits (setrlimit) of the child, the
wall clock is watched by the parent, and the page count is checked after layout.

Each render forks a fresh child: whatever the limits kill, the worker itself lives on.
"""

import dataclasses
import multiprocessing
import os
import resource
import signal
import time

from django.conf import settings

from .pdf import PageLimitExceeded, check_page_count, lay_out_pdf


class RenderFailed(Exception):
    """A render that broke or hit a limit; the message is German and shown to editors."""


@dataclasses.dataclass(frozen=True)
class RenderLimits:
    cpu_seconds: int
    memory_mb: int
    wall_seconds: float
    max_pages: int

    @classmethod
    def from_settings(cls):
        return cls(**settings.NEWS_PDF_LIMITS)


@dataclasses.dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    page_count: int
    seconds: float
    peak_memory_mb: float


def _address_space_bytes():
    """Return the size of this process's address space (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _render_child(sender, html, base_url, stylesheets, limits, address_space_limit):
    # Soft CPU limit: SIGXCPU ends the child; the hard limit a second later is SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (address_space_limit, address_space_limit))
    try:
        document, options = lay_out_pdf(
            html, base_url=base_url, stylesheets=stylesheets, optimize_images=True
        )
        check_page_count(document, limits.max_pages)
        outcome = ("ok", document.write_pdf(**options), len(document.pages))
    except PageLimitExceeded as error:
        outcome = ("failed", f"Seitenlimit überschritten: {error}")
    except MemoryError:
        outcome = ("failed", f"Speicherlimit von {limits.memory_mb} MB überschritten")
    except Exception as error:  # whatever breaks in WeasyPrint, Pango or a font
        outcome = ("failed", f"Fehler beim Erstellen: {type(error).__name__}: {error}"[:500])
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sender.send((*outcome, peak_kb / 1024))
    sender.close()


def _death_reason(exitcode, limits):
    if exitcode == -signal.SIGXCPU or exitcode == -signal.SIGKILL:
        return f"Rechenzeitlimit von {limits.cpu_seconds} s überschritten"
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"Abgebrochen ({name}), vermutlich Speicherlimit von {limits.memory_mb} MB"
    return f"Abgebrochen (Exit-Code {exitcode})"


def render_in_child(html, *, base_url, stylesheets, limits):
    """Return a RenderResult for the HTML, or raise RenderFailed when a limit or error stops it."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    address_space_limit = _address_space_bytes() + limits.memory_mb * 1024 * 1024
    child = context.Process(
        target=_render_child,
        args=(sender, html, base_url, stylesheets, limits, address_space_limit),
        daemon=True,
    )
    started = time.monotonic()
    child.start()
    sender.close()
    try:
        # The pipe turns readable when the child sends its outcome or dies; a child that
        # does neither in time is still at work and is killed.
        if not receiver.poll(limits.wall_seconds):
            child.kill()
            raise RenderFailed(f"Zeitlimit von {limits.wall_seconds:g} s überschritten")
        try:
            outcome = receiver.recv()
        except EOFError:
            child.join(5)
            raise RenderFailed(_death_reason(child.exitcode, limits)) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    seconds = time.monotonic() - started
    if outcome[0] != "ok":
        raise RenderFailed(outcome[1])
    _, pdf, page_count, peak_memory_mb = outcome
    return RenderResult(pdf, page_count, seconds, peak_memory_mb)
