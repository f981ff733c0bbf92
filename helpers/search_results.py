"""Search results to read offline: a results page made of real, cited pages, for practising click restraint.

Lateral reading starts on a results page: a learner who searches an outlet's name must choose which
results to open first, and why. Lessons run offline, so a case folder may hold ``search-results.csv``
(schema in ``seeds/README.md``): for each query, the results in order, each pointing at a row of
``sources.csv`` (which gives its title, publisher and address) with a snippet in the page's own words.
The page is put together for the lesson from real pages; it is not a live search and not any search
engine's ranking, and it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import DataFileError
from helpers.markup import esc
from helpers.schema import Column, Context, Table, load_table, source_ids, whole_number
from helpers.sources import load_sources


def _ranks_run_in_order(rows: list[tuple[int, dict[str, str]]], context: Context) -> list[tuple[int | None, str | None, str]]:
    """Within each query, the ranks run 1, 2, 3 … in the order of the rows."""
    problems, listed = [], {}
    for number, row in rows:
        if not row.get("rank", "").isdigit():
            continue  # whole_number reports it
        expected = listed.get(row.get("query", ""), 0) + 1
        if int(row["rank"]) != expected:
            problems.append(
                (number, "rank", f"ranks run 1, 2, 3 … within a query; expected {expected} here, not {row['rank']!r}")
            )
        listed[row.get("query", "")] = expected
    return problems


SEARCH_RESULTS = Table(
    "search-results.csv",
    (
        Column("query", "the words searched for"),
        Column("rank", "the result's place within its query: 1, 2, 3 …", checks=(whole_number,)),
        Column("source", "the result's id in sources.csv (which gives its title and address)", checks=(source_ids,)),
        Column("snippet", "what the results page shows from the page, only in words that stand in it"),
    ),
    table_checks=(_ranks_run_in_order,),
)
NOTICE = "Put together for this lesson from real pages, with their titles, addresses and words: not a live search, and not the ranking of any search engine."


@dataclass(frozen=True)
class Result:
    """One search result: where it stands, what the page is, and the words a results page shows from it."""

    query: str
    rank: int
    source: str
    title: str
    publisher: str
    url: str
    snippet: str

    @property
    def site(self) -> str:
        """The address's host, as results pages show it (``www.`` dropped)."""
        host = urlsplit(self.url).hostname or self.url
        return host.removeprefix("www.")


def load_results(case: Case) -> dict[str, list[Result]]:
    """Every query's results, in order, checked: ranks run 1, 2, 3 … and every source is in sources.csv."""
    rows = load_table(SEARCH_RESULTS, case)
    sources = load_sources(case)
    results: dict[str, list[Result]] = {}
    for row in rows:
        source = sources[row["source"]]
        results.setdefault(row["query"], []).append(
            Result(row["query"], int(row["rank"]), source.id, source.title, source.publisher, source.url, row["snippet"])
        )
    return results


def results_html(case: Case, query: str) -> str:
    """The results for one query as a results page: numbered title links, addresses and snippets."""
    results = load_results(case)
    if query not in results:
        known = ", ".join(repr(q) for q in results) or "none"
        raise DataFileError(
            case.folder / "search-results.csv", f"no results for the query {query!r}; queries in the file: {known}"
        )
    items = "".join(_result_html(result) for result in results[query])
    return (
        '<div class="ml-search" style="max-width:46em;border:1px solid #d0d7de;border-radius:6px;padding:0.5em 1em">'
        f'<p><strong>Search:</strong> <span class="ml-query" style="border:1px solid #8c959f;border-radius:1em;padding:0.1em 0.8em">{esc(query)}</span></p>'
        f"<p><small>{esc(NOTICE)}</small></p>"
        f'<ol class="ml-results" style="list-style:none;padding-left:0">{items}</ol></div>'
    )


def _result_html(result: Result) -> str:
    return (
        f'<li class="ml-result" style="margin:0.6em 0"><div><small>Result {result.rank} · {esc(result.site)}</small></div>'
        f'<div><a href="{esc(result.url)}" target="_blank" rel="noopener">{esc(result.title)}</a></div>'
        f'<div><small style="color:#1a7f37">{esc(result.url)}</small></div>'
        f"<div>{esc(result.snippet)}</div></li>"
    )


def show_search_results(case: Case, query: str) -> None:
    """Display the results page for one query."""
    display(HTML(results_html(case, query)))
