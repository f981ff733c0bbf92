"""Charts for the lessons: plain plotly figures, each shown with a table that says the same in text.

A chart alone shuts out learners who use a screen reader and renders blank where plotly's JavaScript
is missing (static sites, some viewers), so :func:`show_figure` always shows the data as a table too.

Figures are displayed as the same ``application/vnd.plotly.v1+json`` bundle that plotly's own notebook
renderer (``fig.show()``) sends, which JupyterLab, Notebook 7, VS Code and Binder render. It is built
here because plotly's renderer module imports nbformat and jsonschema to check versions, which costs
about 0.8 s per kernel; tests/test_lesson_data.py checks the bundle stays identical to plotly's.

The lessons' charts are plotly figures in their dictionary form (``{"data": [...], "layout": {...}}``,
which ``go.Figure(spec)``, ``plotly.io.show`` and ``fig.show()`` all accept), built from plain Python
values. Building a ``go.Figure`` validates every property against plotly's schema, and the first one in
a kernel loads that schema (0.1 to 0.2 s before anything is drawn); the dictionaries skip that, and
tests/test_lesson_data.py checks that ``go.Figure`` accepts them (it refuses any property it does not know)
and that the bundle is the one plotly's renderer sends for that figure. ``show_figure`` takes either form.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd
from IPython.display import HTML, display

from helpers.markup import esc

if TYPE_CHECKING:  # only for type hints: the lessons' charts never import plotly in the kernel
    import plotly.graph_objects as go

PALETTE = ("#1a7f37", "#9a6700", "#cf222e", "#8c959f", "#0969da", "#8250df", "#bc4c00", "#1b7c83")
# A light look set directly: a named template (e.g. "plotly_white") builds every trace type's defaults,
# which costs about 0.15 s per kernel and adds some 10 kB to each chart's output.
LIGHT = {"plot_bgcolor": "white", "paper_bgcolor": "white", "font": {"color": "#24292f"}}
AXIS = {"automargin": True, "gridcolor": "#d8dee4", "zerolinecolor": "#d8dee4"}  # automargin: long labels are not cut off


def table_html(table: pd.DataFrame, caption: str) -> str:
    """A DataFrame as an accessible HTML table with a caption (cells escaped)."""
    body = table.to_html(index=False, escape=True, na_rep="–", classes="ml-table")
    return re.sub(r"<table[^>]*>", f'<table class="ml-table"><caption>{esc(caption)}</caption>', body, count=1)


def stacked_bar(table: pd.DataFrame, category: str, parts: list[str], title: str, x_title: str) -> dict[str, Any]:
    """A horizontal stacked bar chart: one bar per row of ``category``, one segment per column in ``parts``.

    Returned as a plotly figure dictionary (see the module docstring); ``go.Figure(spec)`` makes it a figure object.
    """
    labels = table[category].tolist()  # plain lists: simpler output, and nothing for plotly to convert
    bars = []
    for number, part in enumerate(parts):
        values = [_plain(value) for value in table[part].tolist()]
        bars.append(
            {
                "type": "bar",
                "y": labels,
                "x": values,
                "name": part,
                "orientation": "h",
                "marker": {"color": PALETTE[number % len(PALETTE)]},
                "text": [str(value) if value else "" for value in values],  # no "0" label on an empty segment
                "textposition": "inside",
            }
        )
    layout = {
        "template": {"layout": LIGHT},
        "barmode": "stack",
        "title": {"text": title},
        "xaxis": {"title": {"text": x_title}, **AXIS},
        "yaxis": {"autorange": "reversed", **AXIS},
        "height": 200 + 40 * len(table),
        "margin": {"l": 10, "r": 10, "t": 60, "b": 90},
        # The legend sits at the bottom of the whole figure, below the axis title, whatever the chart's height.
        "legend": {"orientation": "h", "yref": "container", "y": 0.02, "yanchor": "bottom", "traceorder": "normal"},
    }
    return {"data": bars, "layout": layout}


def grouped_bar(
    table: pd.DataFrame, category: str, parts: list[str], title: str, x_title: str, x_range: tuple[float, float] | None = None
) -> dict[str, Any]:
    """A horizontal grouped bar chart: one group per row of ``category``, one bar per column in ``parts``, side by side.

    A missing value draws no bar (and no label), never a bar of 0. Returned as a plotly figure dictionary.
    """
    figure = stacked_bar(table, category, parts, title, x_title)
    figure["layout"]["barmode"] = "group"
    for bar in figure["data"]:
        bar["text"] = ["" if value is None else f"{value:g}" for value in bar["x"]]
        bar["textposition"] = "outside"
    if x_range is not None:
        figure["layout"]["xaxis"]["range"] = list(x_range)
    figure["layout"]["height"] = 200 + 30 * len(parts) * len(table)
    return figure


def _plain(value: Any) -> Any:
    """A table value as JSON has it: a missing or infinite number becomes null (as plotly's own encoder does)."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def figure_bundle(fig: go.Figure | dict[str, Any]) -> dict:
    """The display bundle for a figure (object or dictionary): plotly's notebook mimetype, and a plain-text fallback."""
    spec = fig if isinstance(fig, dict) else json.loads(fig.to_json(validate=False, remove_uids=False))
    title = (spec.get("layout") or {}).get("title") or "chart"
    title = title.get("text") or "chart" if isinstance(title, dict) else title
    return {
        "application/vnd.plotly.v1+json": spec,
        "text/plain": f"[Chart: {title}. The table below gives the same data.]",
    }


def show_figure(fig: go.Figure | dict[str, Any], table: pd.DataFrame, caption: str) -> None:
    """Show a chart followed by the same data as a table (its text alternative)."""
    display(figure_bundle(fig), raw=True)
    display(HTML(f"<details open><summary>The chart as a table</summary>{table_html(table, caption)}</details>"))
