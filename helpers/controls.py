"""What every exercise control is made of: shared layout and style models, HTML text, and the Control record.

The exercise frame (:mod:`helpers.widgets`) and each exercise type (:mod:`helpers.exercises.types`) build
on these, so they live apart from both and import neither: no import cycle, one copy of the sharing trick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

if TYPE_CHECKING:
    from helpers.exercises.model import Feedback

W = TypeVar("W", bound=widgets.Widget)
_SHARED: dict[tuple, widgets.Widget] = {}


def shared(kind: type[W], **traits: Any) -> W:
    """One ``Layout`` or style instance (or other never-changing widget) per kind and settings, reused by every widget.

    ipywidgets gives each widget its own layout and style models by default; sharing the unchanging ones
    (as the ipywidgets docs allow) cuts the models an exercise sends to the browser by about two thirds,
    which makes a lesson with a dozen exercises display noticeably faster. A widget whose layout changes
    later (e.g. shown or hidden) must get its own ``widgets.Layout``.
    """
    key = (kind, tuple(sorted(traits.items())))
    model = _SHARED.get(key)
    if model is None or model.comm is None:  # none yet, or closed (e.g. by Widget.close_all())
        model = _SHARED[key] = kind(**traits)
    return model  # type: ignore[return-value]


def html_widget(value: str) -> widgets.HTML:
    """An HTML widget with the shared default layout and style."""
    return widgets.HTML(value, layout=shared(widgets.Layout), style=shared(HTMLStyle))


@dataclass
class Control:
    """The part of an exercise widget that takes the answer: its widget and how to read and fill it."""

    widget: widgets.Widget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    on_submit: Callable[[Callable[[], None]], None] | None = None
    on_feedback: Callable[[Feedback], None] | None = None
    on_draft: Callable[[Callable[[], None]], None] | None = None  # calls back when the learner leaves a text box
    parts: dict[str, Any] = field(default_factory=dict)  # the inner widgets, for tests
