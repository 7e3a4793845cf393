"""How text becomes search terms, the same way for the index, the query and the highlight.

Japanese is written without spaces, so a word-based index sees 市内の橋梁の定期点検 as one
word. Each run of kana/kanji is indexed as its overlapping two-character pieces (橋梁, 梁の,
の定, …), its single characters and its three-character pieces (橋梁の, 梁の定, …). A query
word of up to three characters is one of those terms; a longer one needs all its
three-character pieces, so 出前授業 needs 出前授 and 前授業 (and 授業前出 does not match it).
A query word typed with particles is its content words (橋の点検: 橋 and 点検, see
content_words). Other scripts are indexed word by word.

Pure Python, no Django: the search backend, the snippets and the tests share it.
"""

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar

import snowballstemmer

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


def splits_a_word(text, index):
    """Whether cutting text before text[index] splits a word of a language written with
    spaces ("Resi|dents", "D|X"). Japanese may be cut between any two characters, and any
    text next to a space or to Japanese punctuation (、。「」)."""
    return (
        0 < index < len(text) and _in_spaced_word(text[index - 1]) and _in_spaced_word(text[index])
    )


def word_boundary_before(text, index, limit):
    """index moved back to where cutting text splits no word (splits_a_word), but not past
    limit; index itself when there is no such place (one long word, a pasted address)."""
    moved = index
    while moved > limit and splits_a_word(text, moved):
        moved -= 1
    return index if splits_a_word(text, moved) else moved


def word_boundary_after(text, index, limit):
    """index moved on to where cutting text splits no word, but not past limit; index itself
    when there is no such place."""
    moved = index
    while moved < limit and splits_a_word(text, moved):
        moved += 1
    return index if splits_a_word(text, moved) else moved


def _in_spaced_word(char):
    if char.isspace() or is_japanese(char):
        return False
    # Full-width letters (ＡＩ) belong to a word; full-width punctuation (、（」) does not.
    return char.isalnum() or unicodedata.east_asian_width(char) not in ("W", "F")


def segments(text):
    """The folded words of a text: runs of kana/kanji and runs of other letters/digits."""
    for match in _SEGMENTS.finditer(fold(text)):
        yield match["japanese"] or match["word"][:MAX_WORD_LENGTH]


# --- English --------------------------------------------------------------------------------
#
# Pages in English are indexed with each word's Snowball stem beside the word (bridges →
# bridg), and a query in English matches either, so "bridge" finds "bridges" and
# "inspection" finds "inspecting". Japanese pages and queries are untouched.

_english = ContextVar("search_text_english", default=False)
_STEMMER = snowballstemmer.stemmer("english")


@contextmanager
def english(enabled=True):
    """Index (or query) English text within this block: words come with their stems."""
    token = _english.set(enabled)
    try:
        yield
    finally:
        _english.reset(token)


def is_english():
    return _english.get()


def stem(word):
    """The English stem of a folded word ('inspections' → 'inspect'); digits stay as they are."""
    if not word.isalpha():
        return word
    return _STEMMER.stemWord(word)


def index_positions(text):
    """The terms to index, position by position (a position is a tuple of terms).

    A Japanese run contributes its two-character pieces, one per position, then one position
    holding all its distinct characters and its three-character pieces.
    """
    positions = []
    for segment in segments(text):
        if len(segment) > 1 and is_japanese(segment[0]):
            positions.extend((segment[i : i + 2],) for i in range(len(segment) - 1))
            trigrams = (segment[i : i + 3] for i in range(len(segment) - 2))
            positions.append(tuple(dict.fromkeys([*segment, *trigrams])))
        elif is_english():
            positions.append(tuple(dict.fromkeys((segment, stem(segment)))))
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
    """For each word of the query, the terms that must all be in one field of a page.

    A Japanese word of up to three characters is one term (a character, a two- or a
    three-character piece); a longer one is its three-character pieces, which overlap, so
    that a page that has them all has the word itself but for rare coincidences. No term needs
    a position, so a GIN index answers the query alone (website/search/postgres.py). Any other
    word is a single term. Every word must match (AND).
    """
    groups = []
    for word in query_words(query):
        if len(word) > 3 and is_japanese(word[0]):
            groups.append(tuple(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2))))
        else:
            groups.append((word,))
    return groups


# --- Spelling variants ---------------------------------------------------------------------
#
# Japanese public writing spells one word several ways (橋梁／橋りょう, 子供／子ども). The index
# keeps the text as written; a query word is widened into each of its spellings, any of which
# may match. The groups come from an editor-managed table (website.search.variants); two rules
# need no table: ordinals in kanji or Arabic numerals (第一／第1) and the long vowel mark at the
# end of a katakana word (サーバー／サーバ).

MAX_SPELLINGS = 8
KANJI_DIGITS = "〇一二三四五六七八九"
_ORDINAL = re.compile(r"第([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?![0-9])")
_KATAKANA_LONG_VOWEL = re.compile(r"(?<=[\u30a1-\u30fc]{2})ー(?![\u30a1-\u30fc])")


def kanji_number(number):
    """1–99 in kanji numerals: 1 → 一, 10 → 十, 21 → 二十一."""
    tens, ones = divmod(number, 10)
    prefix = "" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十")
    return prefix + (KANJI_DIGITS[ones] if ones else "")


def arabic_number(kanji):
    """一 → 1, 十二 → 12, 二十 → 20; None for anything else."""
    if "十" not in kanji:
        return KANJI_DIGITS.index(kanji) if len(kanji) == 1 and kanji in KANJI_DIGITS[1:] else None
    tens, _ten, ones = kanji.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (KANJI_DIGITS.index(tens) if tens else 1) * 10 + (
        KANJI_DIGITS.index(ones) if ones else 0
    )
    return value if value < 100 and "〇" not in tens + ones else None


def _ordinal_spellings(match):
    number = match[1]
    if number.isdigit():
        value = int(number)
        return [match[0], f"第{kanji_number(value)}"] if 0 < value < 100 else [match[0]]
    value = arabic_number(number)
    return [match[0]] if value is None else [match[0], f"第{value}"]


def spelling_pattern(groups):
    """One regex for every spelling of the table, longest first (取組み before 取組)."""
    spellings = sorted({fold(s) for group in groups for s in group if s.strip()}, key=len)
    if not spellings:
        return None
    return re.compile("|".join(re.escape(spelling) for spelling in reversed(spellings)))


def spellings(word, groups=(), pattern=None):
    """The folded word and its other spellings (at most MAX_SPELLINGS), the word first.

    groups: sequences of spellings of one word, e.g. [("橋梁", "橋りょう")]; pattern, when
    given, is spelling_pattern(groups) computed once.
    """
    word = fold(word)
    folded_groups = [[fold(s) for s in group if s.strip()] for group in groups]
    others = {}
    for group in folded_groups:
        for spelling in group:
            others.setdefault(spelling, []).extend(s for s in group if s != spelling)
    if pattern is None and folded_groups:
        pattern = spelling_pattern(folded_groups)
    # Places in the word that can be spelt otherwise, each with its spellings, in order.
    places = []
    if pattern is not None:
        places += [
            (m.start(), m.end(), [m[0], *others.get(m[0], [])]) for m in pattern.finditer(word)
        ]
    places += [(m.start(), m.end(), _ordinal_spellings(m)) for m in _ORDINAL.finditer(word)]
    places += [(m.start(), m.end(), ["ー", ""]) for m in _KATAKANA_LONG_VOWEL.finditer(word)]
    places.sort()
    chosen, last_end = [], 0
    for place in places:  # overlapping places: the first wins
        if place[0] >= last_end:
            chosen.append(place)
            last_end = place[1]
    results = [""]
    cursor = 0
    for start, end, options in chosen:
        prefix = word[cursor:start]
        results = [done + prefix + option for done in results for option in dict.fromkeys(options)]
        results = results[:MAX_SPELLINGS]
        cursor = end
    return list(dict.fromkeys(done + word[cursor:] for done in results))


def query_alternatives(query, groups=(), split_particles=True):
    """For each word of the query, its spellings, each as query_terms of that spelling.

    [[terms of 橋梁, terms of 橋りょう], [terms of 点検]]: every word must match (AND), in any
    one of its spellings (OR). A word typed with particles is its content words (橋の点検 is
    橋 and 点検), unless split_particles is False (the phrase as typed).
    """
    pattern = spelling_pattern(groups) if groups else None
    words = []
    for word in _query_tokens(query, pattern, split_particles):
        alternatives = []
        for spelling in spellings(word, groups, pattern):
            terms = query_terms(spelling)
            if terms and terms not in alternatives:
                alternatives.append(terms)
            if is_english():  # English pages hold each word's stem too
                stemmed = query_terms(" ".join(stem(word) for word in segments(spelling)))
                if stemmed and stemmed not in alternatives:
                    alternatives.append(stemmed)
        if alternatives and alternatives not in words:
            words.append(alternatives)
    return words


def highlight_words(query, groups=()):
    """Every folded word to highlight for query: its words in all their spellings, and the
    content words of those typed with particles (橋の点検: 橋の点検, 橋, 点検)."""
    pattern = spelling_pattern(groups) if groups else None
    tokens = [
        *_query_tokens(query, pattern, split_particles=False),
        *_query_tokens(query, pattern, split_particles=True),
    ]
    words = {}
    for token in tokens:
        for spelling in spellings(token, groups, pattern):
            words.update(dict.fromkeys(segments(spelling)))
    return list(words)


def phrase_words(query, groups=()):
    """The folded words of query typed with particles (橋の点検), in all their spellings: the
    phrases that rank a page first and that its passage is best shown around."""
    pattern = spelling_pattern(groups) if groups else None
    words = {}
    for token in _query_tokens(query, pattern, split_particles=False):
        if len(content_words(fold(token), pattern)) > 1:
            for spelling in spellings(token, groups, pattern):
                words.update(dict.fromkeys(segments(spelling)))
    return list(words)


def _query_tokens(query, pattern=None, split_particles=True):
    """The words of query as typed (split at spaces), or their content words (at most
    MAX_QUERY_WORDS)."""
    tokens = query[:MAX_QUERY_LENGTH].split()[:MAX_QUERY_WORDS]
    if not split_particles:
        return tokens
    words = (word for token in tokens for word in content_words(fold(token), pattern))
    return list(dict.fromkeys(words))[:MAX_QUERY_WORDS]


# --- Particles -------------------------------------------------------------------------------
#
# People type natural phrases: 橋の点検, 市民と行政の協働. The index has no word boundaries,
# so such a query word would need the whole phrase. A word is cut into its content words at
# the particles that stand between them, and each must be found, as if typed with spaces
# (橋の点検 → 橋 / 点検); the backend still ranks the pages having the phrase first
# (website/search/common.py). Only a run of hiragana between two other letters (kanji,
# katakana, Latin, digits) is a candidate, and only if it is a particle, so that words
# written in hiragana (まちづくり, みんなで) and okurigana (取り組み, 申し込み) stay whole.

HIRAGANA = "\u3041-\u309f"
# A run of hiragana between two letters or digits that are not hiragana.
_INTERIOR_HIRAGANA = re.compile(rf"(?<=[^\W_{HIRAGANA}])[{HIRAGANA}]+(?=[^\W_{HIRAGANA}])")
# The particles (and hiragana conjunctions) a run may be, whole.
PARTICLES = frozenset(
    "の を に は が と で や へ も から まで より など "
    "との での への からの までの などの には では とは にも とも でも からも "
    "における について にとって による によって として "
    "および ならびに または もしくは あるいは かつ".split()
)
# Names written with a particle inside, never cut (editors add others as spelling variants):
# 道の駅 is not a page about 道 and 駅.
NAMES_WITH_PARTICLES = ("道の駅", "川の駅", "海の駅", "霞が関", "海の日", "山の日")
_NAMES_WITH_PARTICLES = re.compile("|".join(NAMES_WITH_PARTICLES))
# Those a run may end with after okurigana (取り組みの紹介, 子どもと遊ぶ), longest first.
# Not も: 子ども食堂 is one word.
_ENDINGS = sorted((p for p in PARTICLES if not p.endswith("も")), key=len, reverse=True)


def content_words(word, pattern=None):
    """The content words of a word typed with particles, as typed: 橋の点検 → [橋, 点検],
    取り組みの紹介 → [取り組み, 紹介]; [word] if it has none.

    A run of hiragana between two other letters is cut out if it is a particle; if it only
    ends with one, what comes before the particle stays with the word before it (okurigana).
    No cut is made inside NAMES_WITH_PARTICLES (道の駅) or a spelling of pattern
    (spelling_pattern: an editor's variant stays whole).
    """
    kept = [m.span() for m in _NAMES_WITH_PARTICLES.finditer(word)]
    if pattern is not None:
        kept += [m.span() for m in pattern.finditer(word)]
    pieces, cursor = [], 0
    for run in _INTERIOR_HIRAGANA.finditer(word):
        particle = _particle_ending(run[0])
        start, end = run.end() - len(particle), run.end()
        if not particle or any(a < end and start < b for a, b in kept):
            continue
        pieces.append(word[cursor:start])
        cursor = end
    pieces.append(word[cursor:])
    return pieces


def _particle_ending(run):
    """The particle that run (of hiragana) is, or that it ends with after okurigana; ''."""
    if run in PARTICLES:
        return run
    return next((p for p in _ENDINGS if run.endswith(p) and len(run) > len(p)), "")
