"""How text becomes search terms, the same way for the index, the query and the highlight.

Japanese is written without spaces, so a word-based index sees 市内の橋梁の定期点検 as one
word. Each run of kana/kanji is indexed as its overlapping two-character pieces (橋梁, 梁の,
の定, …) followed by its single characters, and a query run of three or more characters is
searched as the phrase of its pieces, so 出前授業 matches 出前・前授・授業 in that order (and
授業前出 does not). Other scripts are indexed word by word.

Pure Python, no Django: the search backend, the snippets and the tests share it.
"""

import re
import unicodedata

# Kana, kanji and the marks that live inside Japanese words (々 〆 〇 ー ヶ).
JAPANESE = (
    "\u3005-\u3007\u303b\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
)
_IS_JAPANESE = re.compile(f"[{JAPANESE}]")
# Letters and digits only: marks and punctuation inside these ranges (゠, ・) separate words.
_SEGMENTS = re.compile(
    rf"(?P<japanese>(?:(?=[^\W_])[{JAPANESE}])+)|(?P<word>(?:(?![{JAPANESE}])[^\W_])+)"
)

# PostgreSQL keeps at most 16,383 positions per document field; both databases index the
# same number of positions so that both find the same pages.
MAX_POSITIONS = 16383
# Words longer than this (hashes, pasted URLs) are cut; PostgreSQL refuses lexemes > 2 kB.
MAX_WORD_LENGTH = 64
MAX_QUERY_LENGTH = 255
MAX_QUERY_WORDS = 16


class _FoldTable(dict):
    """str.translate table, filled on first sight: lower case, Latin accents removed."""

    def __missing__(self, code):
        char = chr(code)
        if _IS_JAPANESE.match(char):
            # Decomposing kana would turn が into か + a mark, and then into か.
            folded = char
        else:
            decomposed = unicodedata.normalize("NFD", char.lower())
            folded = unicodedata.normalize(
                "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
            )
        self[code] = folded
        return folded


FOLD = _FoldTable()


def normalise(text):
    """NFKC: full-width ＡＩ → AI, half-width ｽﾏｰﾄ → スマート, ① → 1. Case is kept."""
    return unicodedata.normalize("NFKC", text)


def fold(text):
    """What the index compares: NFKC, lower case, no accents on Latin letters."""
    return normalise(text).translate(FOLD)


def is_japanese(char):
    return bool(_IS_JAPANESE.match(char))


def segments(text):
    """The folded words of a text: runs of kana/kanji and runs of other letters/digits."""
    for match in _SEGMENTS.finditer(fold(text)):
        yield match["japanese"] or match["word"][:MAX_WORD_LENGTH]


def index_positions(text):
    """The terms to index, position by position (a position is a tuple of terms).

    A Japanese run contributes its two-character pieces, one per position, then one position
    holding all its distinct characters. That last position also keeps a phrase from running
    on into the next run, since a query phrase is made of pieces only.
    """
    positions = []
    for segment in segments(text):
        if len(segment) > 1 and is_japanese(segment[0]):
            positions.extend((segment[i : i + 2],) for i in range(len(segment) - 1))
            positions.append(tuple(dict.fromkeys(segment)))
        else:
            positions.append((segment,))
        if len(positions) >= MAX_POSITIONS:
            break
    return positions[:MAX_POSITIONS]


def query_words(query):
    """The distinct folded words of a query (at most MAX_QUERY_WORDS), in order."""
    words = dict.fromkeys(segments(query[:MAX_QUERY_LENGTH]))
    return list(words)[:MAX_QUERY_WORDS]


def query_terms(query):
    """For each word of the query, the terms that must appear next to each other in order.

    A Japanese word of three or more characters is the phrase of its two-character pieces;
    any other word is a single term. Every word must match (AND).
    """
    groups = []
    for word in query_words(query):
        if len(word) > 2 and is_japanese(word[0]):
            groups.append(tuple(word[i : i + 2] for i in range(len(word) - 1)))
        else:
            groups.append((word,))
    return groups
