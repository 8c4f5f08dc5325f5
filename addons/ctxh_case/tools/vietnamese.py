"""Vietnamese alphabetical order, for the lists ctxh sorts in Python (workbooks, public lists).

Python compares code points: "Đặng" (Đ is U+0110) comes after "Vũ", and "Ánh" after "Yến". A
Vietnamese reader expects the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
(f, j, w, z of foreign names at their Latin place), letters first, tones only to break ties
(ngang, huyền, hỏi, ngã, sắc, nặng), as the ICU collation "vi" of PostgreSQL does (see
ctxh.vietnamese.order for ORDER BY).
"""

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# NFD marks that make another letter of the alphabet (ă â ê ô ơ ư)
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# NFD marks of the five tones, in dictionary order after the level tone (ngang)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}


def sort_key(text):
    """Key sorting ``text`` in Vietnamese alphabetical order (case-insensitive).

    >>> sorted(["Vũ", "Đặng", "Dương", "Ánh", "Bình"], key=sort_key)
    ['Ánh', 'Bình', 'Dương', 'Đặng', 'Vũ']
    """
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", (text or "").lower()):
        if char in _TONES:
            if tones:
                tones[-1] = _TONES[char]
            continue
        if letters and (letters[-1][1], char) in _LETTER_MARKS:
            letter = _LETTER_MARKS[(letters[-1][1], char)]
            letters[-1] = (_RANK[letter], letter)
            continue
        if unicodedata.combining(char):
            continue
        # digits, spaces and signs before the letters, by code point
        rank = _RANK.get(char)
        letters.append((rank if rank is not None else ord(char) - 0x110000, char))
        tones.append(0)
    return ([rank for rank, _char in letters], tones, text or "")
