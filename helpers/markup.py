"""Safe HTML for everything the course shows: one escaping function, used by every module that renders text.

Articles, data files and learners' answers are all untrusted text once instructors bring their own
cases, so nothing is put into HTML without going through :func:`esc`.
"""

from __future__ import annotations

import html


def esc(value: object) -> str:
    """Escape any value for use in HTML text or attribute values."""
    return html.escape(str(value), quote=True)
