"""The district ledger's Streamlit dashboard: ``streamlit run dashboard/app.py``.

Modules, one job each:

- ``app``: the entry point; page registry (``st.navigation``), language switch.
- ``data``: cached loading of the claims table (shared, ``st.cache_resource``), the manifest and report
  texts (``st.cache_data``).
- ``filters``: the claim filters as a value (``Filters``), applied with plain pandas; no Streamlit.
- ``filter_panel``: the sidebar widgets for ``Filters``, bound to the URL.
- ``url_state``: widget state <-> ``st.query_params`` (so a view is a link).
- ``i18n``: interface texts in Chinese and English; names of metrics, claim types, qualifiers, flags.
- ``fmt``: numbers with their qualifier and unit, as shown on screen.
- ``charts``: plotly figures (CJK fonts set).
- ``highlight``: a report's text as HTML with its claims marked; no Streamlit.
- ``intake``: saving a new report into the corpus atomically; no Streamlit.
- ``ui``: small shared pieces of pages (header, report link, downloads).

Streamlit reads ``dashboard/pages/`` (beside app.py) as an old-style multipage folder until app.py
has run once; ``ui.run_under_app`` (called by app.py and by every page header) makes those runs
behave like the others, and every page's url path is its file name (``app.PAGES``).

Page conventions (for every file in ``dashboard/pages/``, including ``checks.py``):

- A page is a script run by ``st.Page`` (``st.navigation`` in ``app.py`` registers it; ``checks.py``
  is registered only when the file exists, with url path ``checks`` and title key ``page.checks``).
  A page's url path is its file name (see ``app.PAGES``).
- It imports what it needs from ``dashboard`` (the project root is on ``sys.path``), never from
  ``extract`` internals: ``from extract import load_claims, extract_text`` and
  ``from extract.corpus import read_manifest, read_document`` are the engine's public API.
- It starts with ``ui.page_header("page.<name>")`` (before any other element: it also hands a run
  Streamlit started on the bare page file over to app.py, see ``ui.run_under_app``) and reads data
  only through ``dashboard.data`` (``data.claims()``, ``data.documents()``, ``data.document(doc_id)``);
  it filters outside the cache.
- Every on-screen text goes through ``i18n.t(key)``; keys live in ``i18n.TEXT`` with (zh, en).
  Data values (districts, categories, sentences) stay in Chinese.
- Widget state that defines the view is bound to the URL with ``url_state`` (query keys are the
  filter names, plus ``metric``/``chart`` on Compare and ``doc``/``claim`` on the Report view; ``lang``
  picks the language a session starts with).
- A number shown carries its provenance: link to its report with ``ui.report_link(doc_id, claim_id)``.
- Downloads go through ``ui.downloads(table, filters, key=...)`` (files built only when clicked).
"""
