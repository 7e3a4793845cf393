"""The text around a match, with the matched words highlighted, computed in Python.

Matching follows the index (website.search.text): NFKC, case and Latin accents ignored; a
Japanese word matches anywhere, another word only as a whole word. The text is shown as
written: ｽﾏｰﾄ stays half-width, with <mark> around it when スマート was searched.
"""

import re
import unicodedata
from functools import cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import text as search_text

SNIPPET_LENGTH = 120
CONTEXT_BEFORE = 30
# How far a window's edge moves to leave a word whole; a longer word is cut.
MAX_WORD_SHIFT = 20
# A repeated sentence shorter than this is kept (「雨天中止。」 may well be said twice).
MIN_REPEAT = 8
_SPACES = re.compile(r"\s+")
_SENTENCES = re.compile(r".+?(?:[。！？][」』）)]*|[.!?](?=\s|$)|$)")
# A space with Japanese on one side: where one field of a page's passage ends and the next
# begins (in English text, fields show only at the ends of sentences).
_FIELD_BREAK = re.compile(
    rf"(?<=[{search_text.JAPANESE}、。」』）])\s|\s(?=[{search_text.JAPANESE}「『（])"
)


def highlight(value, words, length=None, focus=()):
    """value, HTML-escaped, with each match of words in <mark>.

    With a length, only a window of that many characters is kept, starting a little before
    the first match of a word of focus if there is one (a phrase typed with particles, which
    ranked the page first), else of words (or at the start), with … where text was cut.
    """
    display = _SPACES.sub(" ", value or "").strip()
    matches = _matches(display, words)
    start, end = 0, len(display)
    if length is not None and len(display) > length:
        first = (_matches(display, focus) if focus else []) or matches
        if first:
            start = max(0, first[0][0] - CONTEXT_BEFORE)
        end = min(len(display), start + length)
        start = max(0, end - length)
        start, end = _whole_words(display, start, end, first[0] if first else None)
    html = ["…" if start > 0 else ""]
    cursor = start
    for match_start, match_end in matches:
        match_start, match_end = max(match_start, cursor), min(match_end, end)
        if match_start >= match_end:
            continue
        html.append(escape(display[cursor:match_start]))
        html.append(f"<mark>{escape(display[match_start:match_end])}</mark>")
        cursor = match_end
    html.append(escape(display[cursor:end]))
    html.append("…" if end < len(display) else "")
    return mark_safe("".join(html))  # noqa: S308 (every piece is escaped above)


def _whole_words(display, start, end, first_match):
    """start and end moved so that the window neither begins nor ends inside a word of a
    language written with spaces ("…te…"), nor on a space; it keeps the first match."""
    limit = first_match[0] if first_match else min(end, start + MAX_WORD_SHIFT)
    start = search_text.word_boundary_after(display, start, limit)
    while start < end and display[start].isspace():
        start += 1
    limit = max(first_match[1] if first_match else start, end - MAX_WORD_SHIFT, start)
    end = search_text.word_boundary_before(display, end, limit)
    while end > start and display[end - 1].isspace():
        end -= 1
    return start, end


def without_repeats(text):
    """text without the sentences it repeats: an editor often begins the body with the
    summary, and a page's passage holds both (「…試行します。 堺市内の市道橋 …試行します。」).

    A sentence (up to 。！？, or . ! ? before a space) is left out when the text had it
    already; so is its end after a space next to Japanese, where one field of the page ends
    and the next begins (「3-1 マッチングで…」)."""
    kept = []
    seen = set()
    for piece in _SENTENCES.findall(_SPACES.sub(" ", text or "").strip()):
        sentence = piece.strip()
        if not sentence:
            continue
        tails = [0] + [
            match.end() for match in _FIELD_BREAK.finditer(sentence) if match.end() < len(sentence)
        ]
        repeated = next((tail for tail in tails if sentence[tail:] in seen), None)
        if repeated is not None:
            sentence = sentence[:repeated]  # with the space before the repeated words
        seen.update(sentence[tail:] for tail in tails if len(sentence) - tail >= MIN_REPEAT)
        if sentence:
            kept.append(piece[: len(piece) - len(piece.lstrip())] + sentence)
    return _SPACES.sub(" ", "".join(kept)).strip()


def _matches(display, words):
    """Sorted, merged (start, end) spans of display matching any of the (folded) words."""
    folded, starts, ends = _fold_with_origin(display)
    spans = []
    for word in words:
        whole_word_only = not search_text.is_japanese(word[0])
        found = folded.find(word)
        while found != -1:
            end = found + len(word)
            if not whole_word_only or (
                not _is_word_char(folded, found - 1) and not _is_word_char(folded, end)
            ):
                spans.append((starts[found], ends[end - 1]))
            found = folded.find(word, found + 1)
    merged = []
    for span_start, span_end in sorted(spans):
        if merged and span_start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span_end))
        else:
            merged.append((span_start, span_end))
    return merged


def _fold_with_origin(display):
    """display folded as the index folds it, and where each folded character came from.

    Folding works on clusters (a character and the marks that combine with it), so that
    half-width ﾄﾞ folds to ド as in the whole text; starts/ends give the cluster in display.
    """
    pieces = list(map(_fold_simple_char, display))
    if None not in pieces:
        # Every character folds to one character (the usual case): positions are kept.
        return "".join(pieces), range(len(display)), range(1, len(display) + 1)
    folded, starts, ends = [], [], []
    cluster_start = 0
    for index in range(1, len(display) + 1):
        if index < len(display) and _combines_with_previous(display[index]):
            continue
        piece = search_text.fold(display[cluster_start:index])
        folded.append(piece)
        starts.extend([cluster_start] * len(piece))
        ends.extend([index] * len(piece))
        cluster_start = index
    return "".join(folded), starts, ends


@cache
def _fold_simple_char(char):
    """char folded, if it folds to one character and combines with nothing; else None."""
    folded = search_text.fold(char)
    return folded if len(folded) == 1 and not _combines_with_previous(char) else None


@cache
def _combines_with_previous(char):
    normalised = unicodedata.normalize("NFKC", char)
    return bool(normalised) and unicodedata.combining(normalised[0]) != 0


def _is_word_char(folded, index):
    if not 0 <= index < len(folded):
        return False
    char = folded[index]
    return char.isalnum() and not search_text.is_japanese(char)
