"""The district ledger's Streamlit dashboard: ``streamlit run dashboard/app.py``.

Modules, one job each:

- ``app``: the entry point; page registry (``st.navigation``), language switch (kept in the URL).
- ``data``: cached loading of the claims table (shared, ``st.cache_resource``), the manifest and report
  texts (``st.cache_data``); facet counts within a selection.
- ``filters``: the claim filters as a value (``Filters``), applied with plain pandas; no Streamlit.
- ``filter_panel``: the sidebar widgets for ``Filters``, bound to the URL.
- ``url_state``: widget state <-> ``st.query_params`` (so a view is a link).
- ``i18n``: every text a user sees, in Chinese and English: the interface, and the names of districts,
  categories, units, claim types, qualifiers, flags and canonical metrics.
- ``fmt``: numbers as shown: thousands separators, qualifier marks, Chinese magnitudes (万, 亿).
- ``facts``: districts in a fixed order (the gazetteer's), a colour each, population and area with sources.
- ``comparison``: the data behind the Compare page (cells, flagged values, per-capita); no Streamlit.
- ``charts``: plotly figures (CJK fonts set).
- ``highlight``: a report's text as HTML with its claims marked; no Streamlit.
- ``intake``: saving, correcting and removing a report in the corpus, atomically; no Streamlit.
- ``ui``: small shared pieces of pages (header, report links, text shown as text, downloads).

The pages live in ``dashboard/views/`` (a folder named ``pages/`` would make Streamlit read the app as an
old-style multipage app), registered in ``app.PAGES``; every page's url path is given there.

Page conventions (for every file in ``dashboard/views/``, including ``checks.py``):

- A page is a script run by ``st.Page`` (``st.navigation`` in ``app.py`` registers it; ``checks.py``
  is registered only when the file exists, with url path ``checks`` and title key ``page.checks``).
- It imports what it needs from ``dashboard`` (the project root is on ``sys.path``), never from
  ``extract`` internals: ``from extract import load_claims, extract_text`` and
  ``from extract.corpus import read_manifest, read_document`` are the engine's public API.
- It starts with ``ui.page_header("page.<name>")`` and reads data only through ``dashboard.data``
  (``data.claims()``, ``data.documents()``, ``data.document(doc_id)``); it filters outside the cache.
- Every on-screen text goes through ``i18n.t(key)`` (keys in ``i18n.TEXT`` with (zh, en)) or one of the
  ``i18n.*_name`` functions; a widget's ``format_func`` is ``ui.named(options, name)``. Only what a report
  says (sentences, labels, numbers as written) stays as written.
- Report and manifest text is never given to anything that reads Markdown: ``ui.text_line`` (escaped
  HTML) for lines, ``ui.plain`` for labels; no message names a server path.
- Widget state that defines the view is bound to the URL with ``url_state`` (query keys are the
  filter names, plus the Compare choices and ``doc``/``claim`` on the Report view; ``lang`` is in
  every link, ``ui.query``).
- A number shown carries its provenance: link to its report with ``ui.report_link(doc_id, claim_id)``.
- Downloads go through ``ui.downloads`` / ``ui.frame_downloads`` (files built only when clicked, named
  with the time to the second and a digest of the choices).
"""
