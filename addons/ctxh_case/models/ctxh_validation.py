"""Checks of what users type about patients: identifiers, phone numbers, text sizes.

Each check raises a ``ValidationError`` whose message names the field and says what is expected,
in the user's language, before anything is written.

Formats (see docs/SECURITY.md, "Input validation"):

- National ID: the citizen identity card (CCCD, Circular 59/2021/TT-BCA) carries the 12-digit
  personal identification number: 3 digits of the province of birth registration, 1 digit of
  gender and century, 2 digits of the year of birth, 6 random digits. The old identity card
  (CMND) has 9 digits: it is still accepted, and flagged so that the officer asks for the CCCD.
- Health insurance (BHYT) card: the 15-character card code (Decision 1351/QĐ-BHXH of 2015,
  kept by Decision 1666/QĐ-BHXH of 2020): 2 letters of the beneficiary group, 1 digit of the
  benefit level (1 to 5), 2 digits of the province, 10 digits of the social insurance number.
  The cards printed since April 2021 show only the 10-digit social insurance number ("Mã số"),
  which is accepted on its own.
- Phone numbers: Vietnamese numbers with the 0 or +84 prefix, mobiles of 10 digits (0 and 9
  digits) and landlines of 11 digits (0, a 2-digit area code starting with 2, 8 digits); a
  foreign number in the international format (+ and 8 to 15 digits).
"""

import re

from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

# Province codes of the personal identification number (Circular 07/2016/TT-BCA, annex I).
NATIONAL_ID_PROVINCES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)

CHAR_MAX = 256
TEXT_MAX = 100_000

_SEPARATORS = re.compile(r"[\s.\-_/]+")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
_INSURANCE_CARD = re.compile(r"[A-Z]{2}[1-5]\d{2}\d{10}")
_INSURANCE_NUMBER = re.compile(r"\d{10}")


def normalize_identifier(value):
    """Drop the spaces, dots and dashes people type in identifiers; upper case."""
    return _SEPARATORS.sub("", value or "").upper()


def is_legacy_national_id(value):
    return bool(value) and bool(re.fullmatch(r"\d{9}", value))


def check_vn_national_id(records, value):
    env = records.env
    if is_legacy_national_id(value):
        return
    if not re.fullmatch(r"\d{12}", value or ""):
        raise ValidationError(
            env._(
                "National ID (CCCD) %(value)s is not valid: a citizen identity card number has "
                "12 digits (an old identity card, CMND, has 9 digits).",
                value=_shorten(value),
            )
        )
    if value[:3] not in NATIONAL_ID_PROVINCES:
        raise ValidationError(
            env._(
                "National ID (CCCD) %(value)s is not valid: its first 3 digits must be the code of "
                "a province (001 to 096).",
                value=value,
            )
        )


def check_vn_insurance_card(records, value):
    env = records.env
    if _INSURANCE_CARD.fullmatch(value) or _INSURANCE_NUMBER.fullmatch(value):
        return
    raise ValidationError(
        env._(
            "Health insurance card number %(value)s is not valid: type the 15 characters of the "
            "card code (2 letters, the benefit level 1 to 5, 2 digits of the province and the "
            "10-digit social insurance number, e.g. DN4790123456789) or the 10-digit social "
            "insurance number.",
            value=_shorten(value),
        )
    )


def normalize_phone(value):
    value = _PHONE_SEPARATORS.sub("", value or "")
    return "+" + value[2:] if value.startswith("00") else value


def is_vn_phone(value):
    value = normalize_phone(value)
    if value.startswith("+84"):
        national = "0" + value[3:]
    elif value.startswith("+"):
        return bool(re.fullmatch(r"\+[1-9]\d{7,14}", value))
    else:
        national = value
    return bool(re.fullmatch(r"0[35789]\d{8}|02\d{9}", national))


def check_vn_phone(records, fname, value):
    if is_vn_phone(value):
        return
    env = records.env
    raise ValidationError(
        env._(
            "%(field)s %(value)s is not a valid phone number: a Vietnamese mobile number has 10 "
            "digits (e.g. 0912 345 678 or +84 912 345 678), a landline 11 digits (e.g. 0238 "
            "3844 123); a foreign number starts with + and the country code.",
            field=records._fields[fname]._description_string(env),
            value=_shorten(value),
        )
    )


def check_text_sizes(records, vals, limits=None, only=False):
    """Refuse a text longer than its limit: ``limits`` maps field names to a maximum number of
    characters; other char fields allow CHAR_MAX, text and html fields TEXT_MAX (unless
    ``only``: then only the fields of ``limits`` are checked)."""
    limits = limits or {}
    for fname, value in vals.items():
        if not isinstance(value, str) or (only and fname not in limits):
            continue
        field = records._fields.get(fname)
        if field is None:
            continue
        if fname in limits:
            maximum = limits[fname]
        elif field.type == "char":
            maximum = CHAR_MAX
        elif field.type in ("text", "html"):
            maximum = TEXT_MAX
        else:
            continue
        if len(value) > maximum:
            env = records.env
            raise ValidationError(
                env._(
                    "%(field)s is too long: at most %(maximum)s characters (%(length)s typed).",
                    field=field._description_string(env),
                    maximum=formatLang(env, maximum, digits=0),
                    length=formatLang(env, len(value), digits=0),
                )
            )


def _shorten(value, size=40):
    value = str(value or "")
    return f"«{value[:size]}…»" if len(value) > size else f"«{value}»"
