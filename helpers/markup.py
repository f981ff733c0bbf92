"""Safe HTML for everything the course shows: one escaping function, used by every module that renders text,
and the one notice box (⚠) that tells a learner about their saved work.

Articles, data files and learners' answers are all untrusted text once instructors bring their own
cases, so nothing is put into HTML without going through :func:`esc`.
"""

from __future__ import annotations

import html


def esc(value: object) -> str:
    """Escape any value for use in HTML text or attribute values."""
    return html.escape(str(value), quote=True)


def notice_html(notice: str) -> str:
    """A notice about the learner's saved work (file set aside, saving in memory): ⚠ and a word, never colour alone."""
    return f'<div class="ml-notice" role="alert" style="border-left:5px solid #9a6700;padding:0.3em 0.8em">⚠ {esc(notice)}</div>'
