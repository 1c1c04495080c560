"""Decode extract bytes: BOMs, strict UTF-8, Windows-1252 vs ISO-8859-15; refuse mojibake."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NOT_C1 = bytes(b for b in range(256) if not 0x80 <= b <= 0x9F)
# The bytes where ISO-8859-15 differs from Latin-1 (€ Š š Ž ž Œ œ Ÿ).
_NOT_ISO15_SPECIFIC = bytes(b for b in range(256) if b not in b"\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe")
_ASCII = bytes(range(128))


def _mojibake_pattern() -> re.Pattern[str]:
    # UTF-8 lead byte 0xC3 (ä ö å é ...) read as a single-byte codepage gives "Ã" followed by
    # the codepage's reading of a continuation byte 0x80-0xBF; € (E2 82 AC) gives "â‚¬".
    tails = set()
    for enc in ("cp1252", "iso-8859-15", "latin-1"):
        for b in range(0x80, 0xC0):
            tails.add(bytes([b]).decode(enc, errors="ignore"))
    tails.discard("")
    return re.compile("Ã[" + re.escape("".join(sorted(tails))) + "]|â‚¬|Â\u00a0")


MOJIBAKE = _mojibake_pattern()


class EncodingError(ValueError):
    """The file's text cannot be trusted (mojibake or undecodable). A mojibake error carries
    the line number, the text found there and the decoded text (to name the column)."""

    line: int | None = None
    hit: str | None = None
    text: str | None = None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) // 4 and even == 0:
        return "utf-16-le"
    if even > len(sample) // 4 and odd == 0:
        return "utf-16-be"
    return None


def duckdb_encoding(data: bytes, encoding: str) -> str | None:
    """The encoding DuckDB's CSV reader can read `data` with directly, None if none (`data` may
    be only the bytes >= 0x80 of a single-byte file: the answer depends on those alone)."""
    if encoding in ("utf-8", "utf-8-sig"):
        return "utf-8"
    if encoding == "iso-8859-15" and not data.translate(None, _NOT_ISO15_SPECIFIC):
        return "latin-1"
    return None


def _utf8_head(head: bytes) -> bool:
    """Whether a sample decodes as UTF-8 (a character cut at its end does not count)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3
    return True


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding used; raises EncodingError on mojibake."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _utf16_without_bom(data)
    if encoding is None:
        try:
            if not _utf8_head(data[:65536]):  # fail fast on a big single-byte file
                raise UnicodeDecodeError("utf-8", data[:1], 0, 1, "not UTF-8")
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            probe = data.translate(None, _ASCII)  # the bytes that tell code pages apart
            encoding = "cp1252" if probe.translate(None, _NOT_C1) else "iso-8859-15"
            # Latin-1 decodes the same text much faster when no ISO-8859-15-only byte occurs.
            fast = encoding == "iso-8859-15" and duckdb_encoding(probe, encoding) == "latin-1"
            text = data.decode("latin-1" if fast else encoding, errors="replace")
    else:
        text = data.decode(encoding, errors="strict")
        text = text.removeprefix("\ufeff")
    hit = MOJIBAKE.search(text) if "Ã" in text or "â" in text or "Â" in text else None
    if hit:
        line = text.count("\n", 0, hit.start()) + 1
        error = EncodingError(
            f"mojibake on line {line}: {hit.group()!r} is UTF-8 text that was decoded twice "
            f"(read as {encoding}); re-export the file from the source system or open it with "
            "UTF-8 encoding and save it again"
        )
        error.line, error.hit, error.text = line, hit.group(), text
        raise error
    return text, encoding


_SINGLE_BYTE_MOJIBAKE_LEADS = (b"\xc3", b"\xe2", b"\xc2")  # Ã â Â in cp1252 / ISO-8859-15
_UTF8_MOJIBAKE_LEADS = (b"\xc3\x83", b"\xc3\xa2", b"\xc3\x82")  # Ã â Â in UTF-8
_CHUNK = 1 << 24


@dataclass
class Sniffed:
    """What `sniff` found: the encoding (as `decode` names it), the encoding DuckDB can read the
    bytes with directly (None: transcode first), the head and tail of the text, and the whole
    text when it had to be decoded anyway."""

    encoding: str
    direct: str | None
    head: str
    tail: str
    text: str | None = None


def sniff(data: bytes) -> Sniffed:
    """The same answer as `decode` (same encoding, same mojibake error), without building the
    whole text when the bytes can be checked as they are: strict UTF-8 is validated in chunks,
    and mojibake needs `Ã`, `â` or `Â`, whose bytes are searched for first."""
    head_bytes, tail_bytes = data[:1_600_000], data[-16_000:]
    boms = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    encoding = boms or _utf16_without_bom(data)
    if encoding in ("utf-16-le", "utf-16-be"):
        text, encoding = decode(data)
        return Sniffed(encoding, None, text[:400_000], text[-4000:], text)
    leads = _UTF8_MOJIBAKE_LEADS
    if encoding == "utf-8-sig" and not _utf8_valid(data):
        decode(data)  # raises the UnicodeDecodeError that decode raises
    probe = data
    if encoding is None and not (_utf8_head(data[:65536]) and _utf8_valid(data)):
        # A code page: every question below is about bytes >= 0x80, so they are asked of
        # those bytes only (one pass over the file instead of four; mostly ASCII text leaves
        # a small remainder).
        probe = data.translate(None, _ASCII)
        encoding = "cp1252" if probe.translate(None, _NOT_C1) else "iso-8859-15"
        leads = _SINGLE_BYTE_MOJIBAKE_LEADS
    encoding = encoding or "utf-8"
    if any(lead in probe for lead in leads):
        text, encoding = decode(data)  # raises on mojibake with the line number
        return Sniffed(encoding, duckdb_encoding(data, encoding), text[:400_000],
                       text[-4000:], text)
    py = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    head = head_bytes.decode(py, errors="replace").removeprefix("\ufeff")[:400_000]
    tail = tail_bytes.decode(py, errors="replace")[-4000:]
    if len(data) <= len(tail_bytes):
        tail = tail.removeprefix("\ufeff")
    return Sniffed(encoding, duckdb_encoding(probe, encoding), head, tail)


def _utf8_valid(data: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start:start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def transcode(data: bytes, encoding: str, target) -> None:
    """Write `data` (a single-byte or UTF-8 encoding) to the binary file `target` as UTF-8, in
    chunks (no second copy of a big file in memory)."""
    errors = "strict" if encoding.startswith("utf-8") else "replace"
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    for start in range(0, len(data), _CHUNK):
        target.write(decoder.decode(data[start:start + _CHUNK]).encode("utf-8"))
    target.write(decoder.decode(b"", final=True).encode("utf-8"))
