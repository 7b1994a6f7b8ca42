"""Widget state bound to ``st.query_params``, so that what a page shows is a shareable link.

A bound widget starts from the URL when the URL names a value, else from what the session last
chose on that page (kept under ``_keep.<key>``, as Streamlit forgets a widget's state when its page
is left), else from its default; every run writes the widget's value back into the URL.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

_KEEP = "_keep."


def start_multi(key: str, query: str, allowed: Sequence[str], default: Sequence[str] = ()) -> None:
    """Seed the multiselect ``key`` from the URL's ``query`` values that are in ``allowed`` (else what the
    session last chose there, else ``default``)."""
    if key in st.session_state:
        return
    allowed_set = set(allowed)
    from_url = [v for v in st.query_params.get_all(query) if v in allowed_set]
    if from_url:
        st.session_state[key] = list(dict.fromkeys(from_url))
    else:
        kept = st.session_state.get(_KEEP + key)
        st.session_state[key] = [v for v in (kept if kept is not None else default) if v in allowed_set]


def start_single(key: str, query: str, allowed: Sequence[str] | None = None, default: Any = None,
                 parse: Callable[[str], Any] = str) -> None:
    """Seed the single-value widget ``key`` from the URL's ``query`` value (if allowed)."""
    if key in st.session_state:
        return
    raw = st.query_params.get(query)
    value = None
    if raw not in (None, ""):
        try:
            value = parse(raw)
        except ValueError:
            value = None
        if allowed is not None and value not in allowed:
            value = None
    if value is None:
        kept = st.session_state.get(_KEEP + key)
        value = kept if kept is not None and (allowed is None or kept in allowed) else default
    if value is not None:
        st.session_state[key] = value


_SAME = object()


def publish(key: str, query: str, value: Any, keep: Any = _SAME) -> None:
    """Write ``value`` into the URL (removing ``query`` when empty) and keep it (or ``keep``) for the session."""
    st.session_state[_KEEP + key] = value if keep is _SAME else keep
    if value in (None, "") or (isinstance(value, (list, tuple)) and not value):
        if query in st.query_params:
            del st.query_params[query]
        return
    wanted = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
    if st.query_params.get_all(query) != (wanted if isinstance(wanted, list) else [wanted]):
        st.query_params[query] = wanted


def reset(values: dict[str, Any]) -> None:
    """Set widgets to the given values (for a "clear" button: pass this as its ``on_click``)."""
    for key, value in values.items():
        st.session_state[key] = value


def start_range(key: str, queries: tuple[str, str], allowed: Sequence[int]) -> None:
    """Seed the range slider ``key`` (a (low, high) pair within ``allowed``) from the URL's two ``queries``,
    else from what the session last chose, else the whole span; a value no longer allowed is reset."""
    allowed = list(allowed)
    current = st.session_state.get(key)
    if isinstance(current, (list, tuple)) and len(current) == 2 and all(allowed[0] <= v <= allowed[-1] for v in current):
        return

    def one(query: str, fallback: int) -> int:
        raw = st.query_params.get(query)
        try:
            value = int(raw) if raw not in (None, "") else None
        except ValueError:
            value = None
        return value if value in allowed else fallback

    kept = st.session_state.get(_KEEP + key)
    if kept is not None and all(v in allowed for v in kept):
        low, high = kept
    else:
        low, high = allowed[0], allowed[-1]
    low, high = one(queries[0], low), one(queries[1], high)
    st.session_state[key] = (min(low, high), max(low, high))


def publish_range(key: str, queries: tuple[str, str], value: tuple[int, int], allowed: Sequence[int]) -> None:
    """Write a range into the URL (both ends, when it narrows the span) and keep it for the session."""
    st.session_state[_KEEP + key] = tuple(value)
    whole = tuple(value) == (allowed[0], allowed[-1])
    publish(key + ".low", queries[0], None if whole else value[0])
    publish(key + ".high", queries[1], None if whole else value[1])
