"""Text as banks carry it (transfer contents, names on statements) and as the published
statement shows it: no accents, upper case, references, masked names."""

import re

from odoo.tools.misc import remove_accents

# What a donor writes before the reference: "UH" for "ủng hộ" (a gift), as Vietnamese appeals do.
TRANSFER_PREFIX = "UH"
REFERENCE_RE = re.compile(r"^[A-Z0-9]{2,12}$")
# digits long enough to be a phone, card or account number: only their last three are shown
LONG_NUMBER_RE = re.compile(r"\d{6,}")
WORD_RE = re.compile(r"\w+", re.UNICODE)


def unaccent_upper(value):
    return remove_accents(value or "").replace("đ", "d").replace("Đ", "D").upper()


def normalize_reference(value):
    """Upper case, no accents, no spaces or punctuation: how a reference travels through banks."""
    return re.sub(r"[^A-Z0-9]", "", unaccent_upper(value))


def content_tokens(content):
    """The words of a transfer content as banks pass it on (no accents, upper case)."""
    return set(re.findall(r"[A-Z0-9]+", unaccent_upper(content)))


def normalize_name(name):
    """A person's name as banks write it: no accents, upper case, single spaces."""
    return " ".join(re.findall(r"[A-Z0-9]+", unaccent_upper(name)))


def mask_word(word):
    """NGUYEN -> N***, VAN -> V**, AN -> A*: the first letter, and no more than three stars, so
    that the length of a name does not give it away."""
    return word[:1] + "*" * min(max(len(word) - 1, 1), 3)


# words of transfer contents that stay readable even when a name has them (Hồ, Chúc, ...):
# the other words of such a name are masked all the same
COMMON_WORDS = {
    "UH",
    "UNG",
    "HO",
    "CK",
    "CHUYEN",
    "KHOAN",
    "TIEN",
    "GUI",
    "TU",
    "CHO",
    "DEN",
    "VA",
    "CHUC",
    "MUNG",
    "BENH",
    "NHAN",
    "VIEN",
    "QUY",
    "BE",
    "EM",
    "CHAU",
    "ME",
    "CON",
    "NAM",
    "MOI",
    "TET",
}


def name_tokens(names):
    return {token for name in names if name for token in normalize_name(name).split()}


def mask_text(text, names, keep=()):
    """``text`` with every word of ``names`` (compared without accents, in upper case) masked,
    except the words of ``keep`` and common words, and long numbers cut to their last three
    digits."""
    hidden = (name_tokens(names) - name_tokens(keep)) - COMMON_WORDS

    def word(match):
        value = match.group(0)
        return mask_word(value) if normalize_name(value) in hidden else value

    text = WORD_RE.sub(word, text or "")
    return LONG_NUMBER_RE.sub(lambda match: "***" + match.group(0)[-3:], text)
