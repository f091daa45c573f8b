"""Ranks written in words ("xếp thứ hai", "đứng thứ ba", "thứ nhất", "thứ mười một"): read and found.

`find_mentions` only sees digits; the extractor calls `find_word_ranks` for ranks written in
words. A rank in words is only proposed where the sentence says it is a rank: a rank verb before
it ("đứng", "xếp", "xếp hạng", "vị trí") or a ranking scope after it ("trong tỉnh", "toàn tỉnh",
"/11", "trên 11 huyện"). "lần thứ hai", "Kỳ họp thứ bảy" (ordinals) and "thứ Hai" (Monday) are
not ranks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RANKED_UNITS", "RANK_DENOMINATOR_RE", "WordRank", "find_word_ranks", "match_word_rank", "read_ordinal_words"]

_DIGIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
                "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_FIRST_ONLY = {"nhất": 1, "nhì": 2}  # ordinal forms: "thứ nhất", "thứ nhì"
_AFTER_MUOI = _DIGIT_WORDS  # "mười một", "mười lăm", "hai mươi mốt", "hai mươi tư"
_WEEKDAYS = {"hai", "ba", "tư", "năm", "sáu", "bảy"}  # "thứ Hai" … "thứ Bảy" are also weekdays

_WORD = r"[^\W\d_]+"
_RANK_VERB = r"(?:(?:đứng|xếp)\s+(?:ở\s+)?(?:(?:hạng|vị\s+trí)\s+)?|(?:xếp\s+)?hạng\s+|vị\s+trí\s+(?:số\s+)?)"
# Ranked units after a denominator: "trên 11 huyện", "trong số 63 tỉnh, thành phố".
RANKED_UNITS = (r"huyện|tỉnh|thành\s+phố|thị\s+xã|quận|đơn\s+vị|địa\s+phương|xã|phường|thị\s+trấn|sở|ngành|"
                r"cơ\s+quan|trường|thôn|bản|khu\s+vực")
RANK_DENOMINATOR_RE = re.compile(rf"\s*(?:/\s*(\d+)|(?:trên|trong(?:\s+(?:tổng\s+)?số)?)\s+(\d+)\s+(?=(?:{RANKED_UNITS})\b))",
                          re.IGNORECASE)
_PHRASE = re.compile(rf"\b(?P<verb>{_RANK_VERB})?(?P<lead>thứ|hạng)\s+(?P<words>{_WORD}(?:\s+{_WORD}){{0,2}})",
                     re.IGNORECASE)
_SCOPE_AFTER = re.compile(r"\s*(?:/\s*\d|(?:trên|trong)\s+(?:tổng\s+)?(?:số\s+)?\d+\s|trong\s+(?:toàn\s+)?tỉnh|"
                          r"toàn\s+tỉnh|của\s+tỉnh|cả\s+tỉnh|trong\s+khu\s+vực|cả\s+nước|toàn\s+quốc|các\s+huyện|"
                          r"so\s+với\s+các|trong\s+(?:số\s+)?các)", re.IGNORECASE)
_ORDINAL_BEFORE = re.compile(r"(?:lần|kỳ|kì|họp|khóa|khoá|đợt|phiên|hội\s+nghị|đại\s+hội|ngày|vào|hàng|các|"
                             r"sáng|chiều|tối|tuần|buổi)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class WordRank:
    """A rank written in words: where it is, the words as written, the rank and its denominator."""

    start: int
    end: int
    text: str
    value: int
    denominator: int | None = None
    has_verb: bool = False  # a rank verb before it: "đứng", "xếp", "xếp hạng", "vị trí"
    weekday_like: bool = False  # "thứ Hai" capitalised without a rank verb: may be Monday


def read_ordinal_words(words: list[str]) -> tuple[int, int] | None:
    """(value, words used) of an ordinal in words after "thứ": ["hai"] → 2, ["mười", "một"] → 11,
    ["hai", "mươi", "mốt"] → 21, ["nhất"] → 1; None when the words are not an ordinal."""
    w = [x.lower() for x in words[:3]]
    if not w:
        return None
    if w[0] in _FIRST_ONLY:
        return _FIRST_ONLY[w[0]], 1
    if w[0] == "mười":
        if len(w) > 1 and w[1] in _AFTER_MUOI and w[1] != "mốt":
            return 10 + _AFTER_MUOI[w[1]], 2
        return 10, 1
    if w[0] not in _DIGIT_WORDS or w[0] in ("một", "mốt", "lăm"):
        return None
    tens = _DIGIT_WORDS[w[0]]
    if len(w) > 1 and w[1] == "mươi" and tens >= 2:
        if len(w) > 2 and w[2] in _AFTER_MUOI:
            return 10 * tens + _AFTER_MUOI[w[2]], 3
        return 10 * tens, 2
    return tens, 1


def match_word_rank(text: str, pos: int = 0) -> WordRank | None:
    """The first rank in words in `text` from `pos` ("xếp thứ hai", "thứ nhất/11", "đứng thứ ba trên 11 huyện")."""
    for m in _PHRASE.finditer(text, pos):
        words = re.findall(_WORD, m.group("words"))
        read = read_ordinal_words(words)
        if read is None:
            continue
        value, used = read
        # the end of the ordinal words actually used
        end = m.start("words")
        for word in words[:used]:
            end = text.index(word, end) + len(word)
        denominator = None
        d = RANK_DENOMINATOR_RE.match(text, end)
        if d:
            group = 1 if d.group(1) else 2
            denominator, end = int(d.group(group)), d.end(group)
        has_verb = bool(m.group("verb")) or m.group("lead").lower() == "hạng"
        first = words[0]
        weekday_like = not has_verb and first[0].isupper() and first.lower() in _WEEKDAYS
        return WordRank(m.start(), end, text[m.start() : end], value, denominator, has_verb, weekday_like)
    return None


def find_word_ranks(text: str) -> list[WordRank]:
    """Ranks written in words that the sentence marks as ranks: a rank verb before ("đứng thứ hai",
    "xếp thứ ba", "xếp hạng nhất") or a ranking scope after ("thứ hai trong tỉnh", "thứ ba/11");
    never ordinals ("lần thứ hai", "Kỳ họp thứ bảy") or weekdays ("thứ Hai, ngày 12/5")."""
    out, pos = [], 0
    while True:
        r = match_word_rank(text, pos)
        if r is None:
            return out
        pos = r.end
        if r.weekday_like or _ORDINAL_BEFORE.search(text[max(0, r.start - 20) : r.start]) and not r.has_verb:
            continue
        if r.has_verb or r.denominator is not None or _SCOPE_AFTER.match(text, r.end):
            out.append(r)
