"""Bytes to text as a browser reads them (the WHATWG Encoding Standard), in the order the
README promises: a BOM wins; then bytes that decode cleanly as UTF-8 are UTF-8 whatever the
page declares (the declaration is usually a template's leftover); then the page's declared
charset, looked up by its WHATWG label; then a detector, choosing only among the encodings a
browser knows.

Labels outside the standard are not honoured: UTF-7 is not a web encoding (a page declaring
it turned `+ADw-script+AD4-` into a real `<script>`), and the labels WHATWG maps to its
"replacement" encoding (ISO-2022-KR, ISO-2022-CN, HZ) decode to nothing in a browser. Such a
page is read as if it declared nothing. One deliberate difference from browsers: a UTF-32 BOM
is read as UTF-32 (browsers know no UTF-32 and show NUL-riddled UTF-16); the writer's intent
is not in doubt.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

__all__ = ["BOMS", "bom_encoding", "decode", "header_charset", "web_encoding", "wide_unicode"]

# WHATWG encoding name -> (Python codec, its labels). GBK decodes as gb18030, Big5 as
# Big5-HKSCS, Shift_JIS as windows-31j and EUC-KR as windows-949, as the standard says.
_ENCODINGS: dict[str, tuple[str, str]] = {
    "UTF-8": ("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    "IBM866": ("cp866", "866 cp866 csibm866 ibm866"),
    "ISO-8859-2": (
        "iso8859_2",
        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    ),
    "ISO-8859-3": (
        "iso8859_3",
        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    ),
    "ISO-8859-4": (
        "iso8859_4",
        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    ),
    "ISO-8859-5": (
        "iso8859_5",
        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5"
        " iso_8859-5:1988",
    ),
    "ISO-8859-6": (
        "iso8859_6",
        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6"
        " iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    ),
    "ISO-8859-7": (
        "iso8859_7",
        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7"
        " iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    ),
    "ISO-8859-8": (
        "iso8859_8",
        "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8"
        " iso88598 iso_8859-8 iso_8859-8:1988 visual",
    ),
    "ISO-8859-8-I": ("iso8859_8", "csiso88598i iso-8859-8-i logical"),
    "ISO-8859-10": (
        "iso8859_10",
        "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    ),
    "ISO-8859-13": ("iso8859_13", "iso-8859-13 iso8859-13 iso885913"),
    "ISO-8859-14": ("iso8859_14", "iso-8859-14 iso8859-14 iso885914"),
    "ISO-8859-15": (
        "iso8859_15",
        "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    ),
    "ISO-8859-16": ("iso8859_16", "iso-8859-16"),
    "KOI8-R": ("koi8_r", "cskoi8r koi koi8 koi8-r koi8_r"),
    "KOI8-U": ("koi8_u", "koi8-ru koi8-u"),
    "macintosh": ("mac_roman", "csmacintosh mac macintosh x-mac-roman"),
    "windows-874": (
        "cp874",
        "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    ),
    "windows-1250": ("cp1250", "cp1250 windows-1250 x-cp1250"),
    "windows-1251": ("cp1251", "cp1251 windows-1251 x-cp1251"),
    "windows-1252": (
        "cp1252",
        "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1"
        " iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    ),
    "windows-1253": ("cp1253", "cp1253 windows-1253 x-cp1253"),
    "windows-1254": (
        "cp1254",
        "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9"
        " iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    ),
    "windows-1255": ("cp1255", "cp1255 windows-1255 x-cp1255"),
    "windows-1256": ("cp1256", "cp1256 windows-1256 x-cp1256"),
    "windows-1257": ("cp1257", "cp1257 windows-1257 x-cp1257"),
    "windows-1258": ("cp1258", "cp1258 windows-1258 x-cp1258"),
    "x-mac-cyrillic": ("mac_cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    "GBK": (
        "gb18030",
        "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    ),
    "gb18030": ("gb18030", "gb18030"),
    "Big5": ("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    "EUC-JP": ("euc_jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    "ISO-2022-JP": ("iso2022_jp", "csiso2022jp iso-2022-jp"),
    "Shift_JIS": (
        "cp932",
        "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    ),
    "EUC-KR": (
        "cp949",
        "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601"
        " ksc_5601 windows-949",
    ),
    # A <meta> can only be read if the page is ASCII-compatible: a declared UTF-16 is UTF-8,
    # and x-user-defined is windows-1252 (the prescan's own rules).
    "UTF-16BE": ("utf-8", "unicodefffe utf-16be"),
    "UTF-16LE": (
        "utf-8",
        "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
    ),
    "x-user-defined": ("cp1252", "x-user-defined"),
}
_LABELS = {label: codec for codec, labels in _ENCODINGS.values() for label in labels.split()}


@cache
def _detectable() -> list[str]:
    """What the detector may choose from: the codecs above, nothing else (no UTF-7, no
    EBCDIC). Looked up when first needed: each lookup imports a codec module, ~5 ms in all,
    and most pages are UTF-8."""
    return sorted({codecs.lookup(codec).name for codec, _ in _ENCODINGS.values()})


BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE
)


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def wide_unicode(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes start with that BOM (Windows PowerShell's `>` writes
    UTF-16): for files that must be UTF-8, to say what they are instead."""
    return {"utf-16": "UTF-16", "utf-32": "UTF-32"}.get(bom_encoding(data) or "")


def web_encoding(label: str) -> str | None:
    """The Python codec for a WHATWG encoding label; None for a label browsers do not know
    (utf-7) or decode to nothing ("replacement": iso-2022-kr, hz-gb-2312)."""
    # The standard strips ASCII white space and compares case-insensitively.
    return _LABELS.get(label.strip(" \t\n\f\r").lower())


def header_charset(content_type: str | None) -> str | None:
    """The Python codec a Content-Type header's charset names (WHATWG labels only)."""
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            return web_encoding(value.strip().strip("\"'"))
    return None


def declared_encoding(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:4096])
    return web_encoding(match.group(1).decode("ascii", "replace")) if match else None


def decode(data: bytes, html: bool, transport: str | None = None) -> str:
    """The text of a page's bytes: BOM, the server's charset (`transport`, the codec of the
    Content-Type's charset: what every browser obeys, even over clean UTF-8), clean UTF-8,
    the declaration (HTML only), a detector."""
    bom = bom_encoding(data)
    if bom is not None:
        return data.decode(bom, errors="replace")
    if transport is not None:
        return data.decode(transport, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data) if html else None
    if declared is not None and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_detectable()).best()
    if best is not None and codecs.lookup(best.encoding).name in _detectable():
        return str(best)
    return data.decode("utf-8", errors="replace")
