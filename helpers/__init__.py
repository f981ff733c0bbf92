"""Shared helpers for the media-literacy course kit.

Each module holds one idea:

- :mod:`helpers.datafiles`: reading data files with errors that name the file, row and field.
- :mod:`helpers.schema`: the declared columns and fields of a case's data files, and their checks.
- :mod:`helpers.casefolder`: checking a whole case folder at once (``validate_case``, ``check_case``).
- :mod:`helpers.article`: loading a case folder; the article's paragraphs and sentences (``P3.S1``).
- :mod:`helpers.new_case`: a new case folder from pasted text (lesson 05), never over an existing one.
- :mod:`helpers.sources`: the citations (source cards) every contextual fact points to.
- :mod:`helpers.provenance`: where a text comes from, link by link, with confidence levels.
- :mod:`helpers.voices`: who speaks in the text, in what form, and who is absent.
- :mod:`helpers.language`: annotated phrases: what the words do.
- :mod:`helpers.search_results`: a results page of real, cited pages, to practise click restraint offline.
- :mod:`helpers.claims`: an article's claims, traced hop by hop to their origins, with verdicts; candidate claims from sentences.
- :mod:`helpers.answers`: reading typed answers (dates, names, numbers) in their common forms.
- :mod:`helpers.time_expressions`: the time references in any article, resolved against its publication date.
- :mod:`helpers.timeline`: a case's dated, cited events (``events.csv``), merged, ordered and charted.
- :mod:`helpers.exercises`: exercises as data, and judging answers with explanatory feedback; one
  module per exercise type in :mod:`helpers.exercises.types`.
- :mod:`helpers.controls`: what exercise controls are made of (shared layouts and styles, the Control record).
- :mod:`helpers.progress`: the learner's progress file, written so that nothing is lost.
- :mod:`helpers.widgets`: the exercise widgets (``show("exercise-id")``).
- :mod:`helpers.plots`: charts that always come with a text alternative.
- :mod:`helpers.markup`: the one HTML-escaping function everything rendered goes through.
- :mod:`helpers.report`: the progress overview and the "download my work" export.

Notebooks import what they need from these modules directly.
"""
