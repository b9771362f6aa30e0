"""Words for search: folding, index tokens and query expressions for Chinese and English.

Every text that goes into the search index, and every query, passes through
the same analysis, so the two always agree:

* ``fold``: NFKC (full-width letters and digits become plain ones), traditional
  characters become simplified ones (OpenCC ``t2s``), then lower case.
  劉靜軍 and 刘静军 fold to the same text.  OpenCC keeps 著, which is also a
  simplified character (著名); where it is not one of the zhù words it becomes
  着, so 還活著 and 还活着 fold alike (``_fold_zhe``).
* ``ANALYSIS_VERSION`` names this analysis.  Every index row records it, and
  an index whose rows were made by another analysis is indexed again when the
  catalogue is next searched (``docmanager.transcripts.search``): raise it
  whenever a change here would cut a stored text differently.
* A folded text is cut into runs of Chinese characters (``is_cjk``) and words
  of other scripts (letters and digits).
* A word of another script becomes one token in the ``words`` field: accents
  removed and stemmed with the Snowball English stemmer, so "kidnapped" and
  "kidnapping" are both ``kidnap``.
* A run of Chinese characters gives, all in text order:
  ``chars`` every character; ``bigrams`` every overlapping pair of characters
  (so any one- or two-character query matches, even 太原 inside the dictionary
  word 太原火车站); ``cjk_words`` the words jieba cuts (the subjects' Chinese
  names from the glossary are in jieba's dictionary, so names stay whole);
  ``pinyin`` the toneless pinyin of each jieba word joined into one token
  (``taiyuan``); ``syllables`` the same pinyin one syllable per character.

A query is turned into an expression (``Phrase``, ``AllOf``, ``AnyOf``) over
those fields.  A Chinese query of three or more characters is the phrase of its
bigrams, i.e. that exact substring; an English query needs every word (in any
order); a query that reads as pinyin also matches the syllables as a phrase or
the joined pinyin of a word, so ``taiyuan`` and ``liu jingjun`` find Chinese.
Search back ends render the expression in their own syntax (see
``docmanager.transcripts.search``); ``match_spans`` evaluates it in Python,
which gives the character ranges to highlight in the original text.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional, Sequence, Union

import jieba
import opencc
import snowballstemmer
from pypinyin import Style, lazy_pinyin

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The fields of the index, in the order of the index's columns.
FIELDS = ("words", "chars", "bigrams", "cjk_words", "pinyin", "syllables")

# Chinese characters: CJK Unified Ideographs with extensions A to H, the
# compatibility ideographs and 〇.  Kana and Hangul count as other scripts.
_CJK_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
_CJK_CLASS = "".join(
    f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" if lo != hi else re.escape(chr(lo)) for lo, hi in _CJK_RANGES
)
# Combining marks (accents, tone marks) that may follow a letter inside a word.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# A run of Chinese characters, or a word of letters and digits of any other script.
_RUN_RE = re.compile(
    rf"(?P<cjk>[{_CJK_CLASS}]+)|(?P<word>[^\W_{_CJK_CLASS}](?:[^\W_{_CJK_CLASS}]|[{_MARKS}])*)")

_CACHE_LIMIT = 300_000
_lock = threading.RLock()


def is_cjk(ch: str) -> bool:
    """True for a Chinese character (a CJK ideograph); ``ch`` is one character."""
    code = ord(ch)
    for lo, hi in _CJK_RANGES:
        if lo <= code <= hi:
            return True
    return False


# ------------------------------------------------------------------ folding
#: The version of the analysis (folding and tokens) an index row was made with; see the module's notes.
#: 1: the first (no record in the rows); 2: 著 folds to 着 outside the zhù words.
ANALYSIS_VERSION = 2


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# 著 is zhù (to write, to be marked) in these words, and stays; elsewhere it is the particle or
# verb simplified Chinese writes 着 (活著, 看著, 睡著, 著急), which OpenCC's ``t2s`` leaves as 著.
_ZHU_BEFORE = "显名土卓原巨编专论昭遗合拙译"  # 显著 名著 土著 卓著 原著 巨著 编著 专著 论著 昭著 遗著 合著 拙著 译著
_ZHU_AFTER = "名作称述者录书"  # 著名 著作 著称 著述 著者 著录 著书
_ZHE_RE = re.compile(f"(?<![{_ZHU_BEFORE}])著(?![{_ZHU_AFTER}])")


def _fold_zhe(text: str) -> str:
    """著 → 着 outside the zhù words, in a text already folded to simplified (same length)."""
    return _ZHE_RE.sub("着", text) if "著" in text else text


def fold(text: str) -> str:
    """The text as the index sees it: NFKC, traditional → simplified (著 → 着 too), lower case."""
    if not text:
        return ""
    return _fold_zhe(_converter().convert(unicodedata.normalize("NFKC", text))).lower()


def fold_with_map(text: str) -> tuple[str, Optional[list[int]]]:
    """``fold(text)`` and, where its length differs, each folded character's index in ``text``.

    Folding nearly always keeps the length (then the map is ``None``: position i
    is position i).  When it does not (a ligature, a circled digit, a dotted
    capital I), the text is folded one character at a time so every folded
    character can be traced back to the character it came from.
    """
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    pieces: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = fold(ch)
        pieces.append(piece)
        origin.extend([i] * len(piece))
    return "".join(pieces), origin


def strip_marks(word: str) -> str:
    """Latin letters without accents or tone marks: café → cafe, tàiyuán → taiyuan, lǚ → lu."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped or word


# ------------------------------------------------------------------ stemming
_stem_cache: dict[str, str] = {}
_stemmers = threading.local()


def stem(word: str) -> str:
    """A folded word of a non-Chinese script as it is indexed: accents removed, stemmed."""
    hit = _stem_cache.get(word)
    if hit is not None:
        return hit
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    plain = strip_marks(word)
    value = stemmer.stemWord(plain) if plain.isascii() else plain
    if len(_stem_cache) > _CACHE_LIMIT:
        _stem_cache.clear()
    _stem_cache[word] = value
    return value


# -------------------------------------------------------- jieba and glossary
_tokenizer: Optional[jieba.Tokenizer] = None
_glossary_words: set[str] = set()
_pinyin_overrides: dict[str, tuple[str, ...]] = {}
_pinyin_cache: dict[str, tuple[str, ...]] = {}
_glossary_rows: set[tuple] = set()  # subject rows already read by load_glossary


def _jieba() -> jieba.Tokenizer:
    """DocManager's own jieba tokenizer, so glossary words do not leak into other users of jieba."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                logger = logging.getLogger("jieba")
                if logger.level < logging.WARNING:
                    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict..." chatter on stderr
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def cut(run: str) -> list[str]:
    """jieba's words of a folded run of Chinese characters (dictionary only, no guessing)."""
    return list(_jieba().cut(run, HMM=False))


def add_glossary_words(names: Iterable[tuple[str, Optional[str]]]) -> int:
    """Add Chinese names (with their pinyin, when known) to the tokenizer; returns how many were new.

    A name with its pinyin fixes the name's reading: 曾 is read ``zeng`` in a
    subject called "Zeng Li" even though it is usually ``ceng``.
    """
    added = 0
    for name, pinyin in names:
        word = "".join(ch for ch in fold(name or "") if is_cjk(ch))
        if len(word) < 2:
            continue
        reading = _reading(pinyin, len(word)) if pinyin else None
        with _lock:
            if reading is not None and _pinyin_overrides.get(word) != reading:
                _pinyin_overrides[word] = reading
                _pinyin_cache.pop(word, None)
            if word in _glossary_words:
                continue
            _jieba().add_word(word)
            _glossary_words.add(word)
            added += 1
    return added


def _reading(pinyin: str, length: int) -> Optional[tuple[str, ...]]:
    """The syllables of a name's pinyin ("Liú Jìngjūn"), if there is one per character."""
    syllables: list[str] = []
    for word in re.findall(r"[a-zü]+", strip_marks(fold(pinyin).replace("ü", "v"))):
        splits = split_pinyin(word)
        if not splits:
            return None
        syllables.extend(splits[0])
    return tuple(syllables) if len(syllables) == length else None


def load_glossary(session: "Session") -> int:
    """Put the subjects' Chinese names into jieba's dictionary (before indexing or searching).

    Reads every subject's ``name_zh`` (and ``name`` when it is written in
    Chinese) with its ``pinyin``; cheap to call again, only new names are added.
    """
    from sqlalchemy import select

    from docmanager.db.models import Subject

    rows = session.execute(select(Subject.name, Subject.name_zh, Subject.pinyin)).all()
    names: list[tuple[str, Optional[str]]] = []
    for row in rows:
        key = tuple(row)
        if key in _glossary_rows:
            continue
        _glossary_rows.add(key)
        name, name_zh, pinyin = key
        if name_zh:
            names.append((name_zh, pinyin))
        if name and any(is_cjk(ch) for ch in name):
            names.append((name, pinyin))
    return add_glossary_words(names)


# -------------------------------------------------------------------- pinyin
def _word_pinyin(word: str) -> tuple[str, ...]:
    """Toneless pinyin of a jieba word, one entry per character ("" where a character has none)."""
    hit = _pinyin_cache.get(word)
    if hit is not None:
        return hit
    value = _pinyin_overrides.get(word)
    if value is None:
        raw = lazy_pinyin(word, style=Style.NORMAL, errors=lambda chars: [""] * len(chars))
        value = tuple(p if p.isascii() and p.isalpha() else "" for p in raw)
        if len(value) != len(word):  # never expected: keep one entry per character
            value = tuple((lazy_pinyin(ch, style=Style.NORMAL) or [""])[0] for ch in word)
            value = tuple(p if p.isascii() and p.isalpha() else "" for p in value)
    if len(_pinyin_cache) > _CACHE_LIMIT:
        _pinyin_cache.clear()
    _pinyin_cache[word] = value
    return value


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (ü written v, as pypinyin writes it)."""
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = convert(reading, Style.NORMAL, strict=True)
            if plain.isascii() and plain.isalpha():
                found.add(plain)
    return frozenset(found)


_MAX_SYLLABLE = 6
# ü is written v by pypinyin; people type u.  After l and n the two differ.
_U_VARIANTS = {"lu": "lv", "nu": "nv", "lue": "lve", "nue": "nve"}


@lru_cache(maxsize=4096)
def split_pinyin(word: str) -> tuple[tuple[str, ...], ...]:
    """The ways to read a folded Latin word as toneless pinyin with the fewest syllables.

    ``taiyuan`` → ``(("tai", "yuan"),)``; ``xian`` → ``(("xian",),)``; a word
    that is not pinyin → ``()``.  At most four readings, longest first syllable first.
    """
    word = word.replace("ü", "v")
    if not word.isascii() or not word.isalpha():
        return ()
    valid = pinyin_syllables()
    n = len(word)
    best: list[Optional[int]] = [None] * (n + 1)  # fewest syllables for word[i:]
    best[n] = 0
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + _MAX_SYLLABLE), i, -1):
            if word[i:j] in valid and best[j] is not None:
                count = best[j] + 1
                if best[i] is None or count < best[i]:
                    best[i] = count
    if best[0] is None:
        return ()
    readings: list[tuple[str, ...]] = []

    def walk(i: int, acc: list[str]) -> None:
        if len(readings) >= 4:
            return
        if i == n:
            readings.append(tuple(acc))
            return
        for j in range(min(n, i + _MAX_SYLLABLE), i, -1):
            if word[i:j] in valid and best[j] is not None and best[j] == best[i] - 1:
                walk(j, acc + [word[i:j]])

    walk(0, [])
    return tuple(readings)


# ------------------------------------------------------------------ analysis
Token = tuple[str, int, int]  # (token, start, end): offsets into the original text


@dataclass
class Analysis:
    """A text cut into the index's fields; each token keeps its place in the original text."""

    text: str
    folded: str
    fields: dict[str, list[Token]]

    def field_text(self, name: str) -> str:
        """The field as one string of space-separated tokens (what the index stores)."""
        return " ".join(tok for tok, _, _ in self.fields[name])


def analyse(text: str, lang: Optional[str] = None) -> Analysis:
    """Cut ``text`` into the index's fields (see the module's description).

    ``lang`` is the transcript's language tag.  The same analysis serves every
    language the crew works in (Mandarin and English): Chinese characters are
    always segmented and read as pinyin, other words always stemmed as English,
    so a query needs no language to match.
    """
    folded, origin = fold_with_map(text or "")
    fields: dict[str, list[Token]] = {name: [] for name in FIELDS}
    words, chars, bigrams = fields["words"], fields["chars"], fields["bigrams"]
    cjk_words, pinyin, syllables = fields["cjk_words"], fields["pinyin"], fields["syllables"]
    for m in _RUN_RE.finditer(folded):
        start = m.start()
        run = m.group()
        if m.lastgroup == "word":
            words.append((stem(run), start, m.end()))
            continue
        for i, ch in enumerate(run):
            chars.append((ch, start + i, start + i + 1))
        for i in range(len(run) - 1):
            bigrams.append((run[i:i + 2], start + i, start + i + 2))
        pos = start
        for word in cut(run):
            end = pos + len(word)
            cjk_words.append((word, pos, end))
            reading = _word_pinyin(word)
            if all(reading):
                pinyin.append(("".join(reading), pos, end))
            for k, syllable in enumerate(reading):
                if syllable:
                    syllables.append((syllable, pos + k, pos + k + 1))
            pos = end
    if origin is not None:
        for name, tokens in fields.items():
            fields[name] = [(tok, origin[s], origin[e - 1] + 1) for tok, s, e in tokens]
    return Analysis(text or "", folded, fields)


def index_fields(text: str, lang: Optional[str] = None) -> dict[str, str]:
    """The index's fields for ``text``, each as space-separated tokens in text order."""
    analysis = analyse(text, lang)
    return {name: analysis.field_text(name) for name in FIELDS}


def tokens_for_index(text: str, lang: Optional[str] = None) -> list[str]:
    """Every distinct token ``text`` is indexed under, in first-seen order, fields merged.

    Useful to a back end without fields (a PostgreSQL ``tsvector`` of these
    tokens) and to see what a segment can be found by.
    """
    analysis = analyse(text, lang)
    seen: dict[str, None] = {}
    for name in FIELDS:
        for tok, _, _ in analysis.fields[name]:
            seen.setdefault(tok, None)
    return list(seen)


# ------------------------------------------------------------------- queries
@dataclass(frozen=True)
class Phrase:
    """These tokens, consecutive and in this order, in one field.

    A ``bonus`` phrase only adds to the score of a text matched by its
    siblings (a whole jieba word, English words as a phrase); it never makes
    a text match on its own.
    """

    field: str
    tokens: tuple[str, ...]
    bonus: bool = False


@dataclass(frozen=True)
class AllOf:
    """Every child matches."""

    children: tuple["Node", ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one child matches (the others add to the score when they match too)."""

    children: tuple["Node", ...]


Node = Union[Phrase, AllOf, AnyOf]


def all_of(children: Sequence[Node]) -> Node:
    """``AllOf`` the children, nested ``AllOf``s flattened, repeats dropped; a single child as itself."""
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, AllOf) else (child,))
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else AllOf(unique)


def any_of(children: Sequence[Node]) -> Node:
    """``AnyOf`` the children, nested ``AnyOf``s flattened, repeats dropped; a single child as itself."""
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, AnyOf) else (child,))
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else AnyOf(unique)


@dataclass(frozen=True)
class Query:
    """A parsed query: the expression to match and what an exact match looks like."""

    text: str
    node: Node
    # Folded pieces whose literal presence (as whole words for Latin script)
    # marks an exact match: the unquoted query as typed, and each quoted part.
    exact: tuple[str, ...]

    def is_exact(self, text: str) -> bool:
        """Whether ``text`` (not folded) holds the query, or a quoted part of it, literally."""
        folded = fold(text)
        return any(contains_exact(folded, piece) for piece in self.exact)


def _pinyin_node(words: Sequence[str]) -> Optional[Node]:
    """Chinese read aloud: ``words`` as syllables in a row, or as the joined pinyin of words."""
    per_word: list[tuple[tuple[str, ...], ...]] = []
    for word in words:
        readings = split_pinyin(word)
        if not readings:
            return None
        per_word.append(readings[:2])
    sequences: list[tuple[str, ...]] = [()]
    for readings in per_word:
        sequences = [seq + reading for seq in sequences for reading in readings][:4]
    variants: list[tuple[str, ...]] = []
    for seq in sequences:
        variants.append(seq)
        swapped = tuple(_U_VARIANTS.get(s, s) for s in seq)
        if swapped != seq:
            variants.append(swapped)
    alternatives: list[Node] = [Phrase("syllables", seq) for seq in variants[:6]]
    alternatives.append(Phrase("pinyin", tuple(w.replace("ü", "v") for w in words)))
    if len(words) > 1:
        alternatives.append(Phrase("pinyin", ("".join(words).replace("ü", "v"),)))
    return any_of(alternatives)


def _latin_node(words: Sequence[str], quoted: bool) -> Node:
    plain = [strip_marks(w) for w in words]
    stems = tuple(stem(w) for w in words)
    pinyin = _pinyin_node(plain)
    if quoted or len(words) == 1:
        english: Node = Phrase("words", stems)
        return any_of([english, pinyin]) if pinyin is not None else english
    phrase = Phrase("words", stems, bonus=True)
    if pinyin is not None:
        every = all_of([Phrase("words", (s,)) for s in stems])
        return any_of([every, phrase, pinyin])
    # Some words are not pinyin: each word must match, as English or as pinyin.
    each: list[Node] = []
    for word, s in zip(plain, stems):
        reading = _pinyin_node([word])
        each.append(any_of([Phrase("words", (s,)), reading]) if reading is not None else Phrase("words", (s,)))
    return any_of([all_of(each), phrase])


def _cjk_node(run: str) -> Node:
    words = tuple(cut(run))
    if len(run) == 1:
        return any_of([Phrase("chars", (run,)), Phrase("cjk_words", words, bonus=True)])
    bigrams = tuple(run[i:i + 2] for i in range(len(run) - 1))
    return any_of([Phrase("bigrams", bigrams), Phrase("cjk_words", words, bonus=True)])


def parse_query(text: str, lang: Optional[str] = None) -> Optional[Query]:
    """The expression for a query as a person types it; ``None`` when it has nothing to search.

    Runs of Chinese characters and runs of other words are found in order; all
    runs must match (AND).  Text in double quotes is an exact phrase.
    ``lang`` is accepted for symmetry with ``analyse``; queries are analysed
    the same way whatever language they are run against.
    """
    folded = fold(text or "")
    parts = folded.split('"')
    clauses: list[Node] = []
    exact: list[str] = []
    for index, part in enumerate(parts):
        quoted = index % 2 == 1 and index != len(parts) - 1  # an unclosed quote is plain text
        latin: list[str] = []

        def flush_latin() -> None:
            if latin:
                clauses.append(_latin_node(latin, quoted))
                latin.clear()

        for m in _RUN_RE.finditer(part):
            if m.lastgroup == "word":
                latin.append(m.group())
            else:
                flush_latin()
                clauses.append(_cjk_node(m.group()))
        flush_latin()
        piece = " ".join(part.split())
        if quoted and piece:
            exact.append(piece)
    if not clauses:
        return None
    whole = " ".join(folded.replace('"', " ").split())
    return Query(text=text, node=all_of(clauses), exact=tuple(dict.fromkeys([whole, *exact])))


def tokens_for_query(text: str, lang: Optional[str] = None) -> list[str]:
    """Every distinct index token the query can match on, in order (see ``parse_query``)."""
    query = parse_query(text, lang)
    if query is None:
        return []
    seen: dict[str, None] = {}
    for phrase in phrases(query.node):
        for tok in phrase.tokens:
            seen.setdefault(tok, None)
    return list(seen)


def phrases(node: Node) -> list[Phrase]:
    """The phrases of an expression, depth first."""
    if isinstance(node, Phrase):
        return [node]
    out: list[Phrase] = []
    for child in node.children:
        out.extend(phrases(child))
    return out


# ------------------------------------------------- matching and highlighting
Span = tuple[int, int]


def _phrase_spans(phrase: Phrase, analysis: Analysis) -> list[Span]:
    tokens = analysis.fields.get(phrase.field, [])
    want = phrase.tokens
    n = len(want)
    if n == 0 or len(tokens) < n:
        return []
    out: list[Span] = []
    first = want[0]
    for i in range(len(tokens) - n + 1):
        if tokens[i][0] != first:
            continue
        if all(tokens[i + k][0] == want[k] for k in range(1, n)):
            out.append((tokens[i][1], tokens[i + n - 1][2]))
    return out


def match_spans(node: Node, analysis: Analysis) -> Optional[list[Span]]:
    """Whether the analysed text matches ``node``; if so, the character ranges that matched.

    Ranges are ``(start, end)`` offsets into the original text, merged and sorted.
    """
    spans = _match(node, analysis)
    return None if spans is None else merge_spans(spans)


def _match(node: Node, analysis: Analysis) -> Optional[list[Span]]:
    if isinstance(node, Phrase):
        found = _phrase_spans(node, analysis)
        return found or None
    if isinstance(node, AllOf):
        out: list[Span] = []
        for child in node.children:
            found = _match(child, analysis)
            if found is None:
                if _is_bonus(child):
                    continue
                return None
            out.extend(found)
        return out
    matched = False
    out = []
    for child in node.children:
        found = _match(child, analysis)
        if found is not None:
            matched = matched or not _is_bonus(child)
            out.extend(found)
    return out if matched else None


def _is_bonus(node: Node) -> bool:
    return isinstance(node, Phrase) and node.bonus


def strongest(node: Node) -> Optional[Node]:
    """The expression that only whole words and exact phrases satisfy; ``None`` if it has no bonus phrases.

    Every choice that offers bonus phrases is narrowed to them (and they
    become required): 太原 as a jieba word rather than any 太原, "reported too
    late" as a phrase rather than the three words anywhere.
    """
    strong, changed = _strong(node)
    return strong if changed else None


def _strong(node: Node) -> tuple[Node, bool]:
    if isinstance(node, Phrase):
        return node, False
    if isinstance(node, AnyOf):
        bonus = [Phrase(c.field, c.tokens) for c in node.children if _is_bonus(c)]
        if bonus:
            # the joined pinyin of a word is a whole-word match too
            words = [c for c in node.children if isinstance(c, Phrase) and c.field == "pinyin"]
            return any_of(bonus + words), True
        parts = [_strong(c) for c in node.children]
        return any_of([p for p, _ in parts]), any(changed for _, changed in parts)
    parts = [_strong(c) for c in node.children if not _is_bonus(c)]
    return all_of([p for p, _ in parts]), any(changed for _, changed in parts)


def without_bonus(node: Node) -> Node:
    """The expression with its bonus phrases left out: the same matches, fewer phrases to evaluate."""
    if isinstance(node, Phrase):
        return node
    kept = [without_bonus(child) for child in node.children if not _is_bonus(child)]
    if not kept:  # only bonus phrases: they are all there is to match
        kept = list(node.children)
    return all_of(kept) if isinstance(node, AllOf) else any_of(kept)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with overlapping or touching ranges joined."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


@lru_cache(maxsize=256)
def _exact_pattern(piece: str) -> Optional[re.Pattern]:
    if not piece:
        return None
    pattern = r"\s+".join(re.escape(p) for p in piece.split())
    if not is_cjk(piece[0]) and re.match(r"[^\W_]", piece[0]):
        pattern = r"(?<![^\W_])" + pattern
    if not is_cjk(piece[-1]) and re.match(r"[^\W_]", piece[-1]):
        pattern = pattern + r"(?![^\W_])"
    return re.compile(pattern)


def contains_exact(folded_text: str, piece: str) -> bool:
    """Whether a folded text holds ``piece`` literally (Latin words whole, spaces loose)."""
    pattern = _exact_pattern(piece)
    return pattern is not None and pattern.search(folded_text) is not None
