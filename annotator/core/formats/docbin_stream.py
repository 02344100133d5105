"""spaCy's ``.spacy`` file (a DocBin) written as the documents come, in bounded memory.

``DocBin.to_bytes()`` is ``zlib.compress(msgpack({"version", "attrs", "tokens", "spaces", "lengths",
"strings", "cats", "flags", "span_groups"[, "user_data"]}))``, where ``tokens`` (and ``spaces``) are every
Doc's token array stacked into one, and the others lists with one item per Doc. A DocBin kept whole
until the end held every token array of the export: 830 MB for the bench's 1,000,000 spans, then
compressed in one go after the last Doc (2-3 s).

Here each document comes as ``DocParts``: its piece of each field, the large ones (its token array,
its span groups, its user data) already deflated where they were made (in an export worker). Each
field's pieces go to a spool of their own (in memory up to ``SPOOLED_BYTES``, then a temporary file);
at the end the message is written field after field: what only the end knows (the lengths, the
strings, each field's size or count, msgpack's headers) deflated here, each field's spool copied.

A deflate stream may be cut into pieces deflated apart (each ends on a byte boundary with
``Z_SYNC_FLUSH``; only the last is final) and the zlib checksum (adler32) of the whole joined from the
pieces' (``adler32_combine``, zlib's own arithmetic): the file is one zlib stream, and
``zlib.decompress`` gives exactly ``to_bytes()``'s message (tests/formats/test_spacy_docbin.py).
"""

from __future__ import annotations

import zlib
from array import array
from tempfile import SpooledTemporaryFile
from typing import IO, Any, NamedTuple

# zlib's level 2, not to_bytes()'s 6: a quarter of the time (1.4 s against about 5.5 s for the 444 MB message
# of 1,000,000 spans, measured), for a file a tenth larger (40 MB against 36 MB).
LEVEL = 2
SPOOLED_BYTES = 8 << 20
_ADLER_BASE = 65521


class Deflated(NamedTuple):
    """Bytes deflated on their own (raw deflate, not final, byte-aligned), their length and adler32."""

    data: bytes
    size: int
    adler: int


def _deflater() -> Any:
    """A raw deflate compressor (no zlib header or checksum: the pieces are joined into one stream)."""
    return zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)


def deflate(raw: bytes) -> Deflated:
    compressor = _deflater()
    return Deflated(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH), len(raw), zlib.adler32(raw))


def adler32_combine(first: int, second: int, second_size: int) -> int:
    """The adler32 of two byte strings joined, from each one's and the second's length (zlib's
    adler32_combine, which Python's zlib does not offer)."""
    remainder = second_size % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (remainder * sum1) % _ADLER_BASE
    sum1 = (sum1 + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    sum2 = (sum2 + ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + _ADLER_BASE - remainder) % _ADLER_BASE
    return sum1 | (sum2 << 16)


class DocParts(NamedTuple):
    """One Doc's share of each field of the DocBin message (see ``docbin_parts``)."""

    tokens: Deflated  # its token array's bytes (C order)
    spaces: bytes  # its spaces array's bytes
    length: int  # its tokens
    strings: list[str]
    cats: bytes  # msgpack of doc.cats
    flags: bytes  # msgpack of its flags
    span_groups: Deflated  # msgpack of its span groups' bytes
    user_data: Deflated | None  # msgpack of its user data's bytes, if the DocBin keeps user data


def docbin_parts(docbin: Any) -> DocParts:
    """The parts of the one Doc a DocBin holds (added with ``DocBin.add``: spaCy's own, which the tests hold
    ``spacy_docs.document_parts`` to)."""
    (tokens,), (spaces,), (cats,), (flags,), (span_groups,) = (
        docbin.tokens, docbin.spaces, docbin.cats, docbin.flags, docbin.span_groups)
    return make_parts(tokens.tobytes("C"), spaces.tobytes("C"), len(tokens), list(docbin.strings), cats, flags,
                      span_groups, docbin.user_data[0] if docbin.store_user_data else None)


def make_parts(tokens: bytes, spaces: bytes, length: int, strings: list[str], cats: dict[str, Any],
               flags: dict[str, Any], span_groups: bytes, user_data: bytes | None) -> DocParts:
    """One Doc's parts from what a DocBin keeps of it: its token array's and spaces array's bytes, its
    token count, strings, cats, flags, span groups' bytes (``doc.spans.to_bytes()``) and user data's bytes
    (msgpack of ``doc.user_data``, or None for a DocBin without)."""
    import srsly

    dumps = srsly.msgpack_dumps
    return DocParts(deflate(tokens), spaces, length, strings, dumps(cats), dumps(flags), deflate(dumps(span_groups)),
                    deflate(dumps(user_data)) if user_data is not None else None)


class _Spool:
    """One field's pieces, deflated, in order: their joined length and adler32."""

    def __init__(self, deflating_here: bool) -> None:
        self.file: IO[bytes] = SpooledTemporaryFile(max_size=SPOOLED_BYTES)  # noqa: SIM115 - closed by close()
        self.size = 0
        self.adler = 1  # adler32 of nothing
        self._compressor = _deflater() if deflating_here else None

    def add(self, piece: Deflated) -> None:
        self.file.write(piece.data)
        self.adler = adler32_combine(self.adler, piece.adler, piece.size)
        self.size += piece.size

    def add_raw(self, raw: bytes) -> None:
        assert self._compressor is not None
        self.file.write(self._compressor.compress(raw))
        self.adler = zlib.adler32(raw, self.adler)
        self.size += len(raw)

    def finish(self) -> None:
        if self._compressor is not None:
            self.file.write(self._compressor.flush(zlib.Z_SYNC_FLUSH))
            self._compressor = None

    def close(self) -> None:
        self.file.close()


def _bin_header(size: int) -> bytes:
    """msgpack's header of ``size`` bytes of binary data (what msgpack_dumps(bytes) starts with)."""
    if size < 1 << 8:
        return b"\xc4" + size.to_bytes(1, "big")
    if size < 1 << 16:
        return b"\xc5" + size.to_bytes(2, "big")
    return b"\xc6" + size.to_bytes(4, "big")


def _array_header(count: int) -> bytes:
    """msgpack's header of a list of ``count`` items (what msgpack_dumps(list) starts with)."""
    if count < 16:
        return bytes([0x90 | count])
    if count < 1 << 16:
        return b"\xdc" + count.to_bytes(2, "big")
    return b"\xdd" + count.to_bytes(4, "big")


class DocBinStream:
    """``add`` each Doc's parts in order, then ``write`` the file: what ``DocBin.to_bytes()`` would give
    for a DocBin of those Docs (``version``/``attrs`` those of ``DocBin(store_user_data=...)``), its message
    the same, compressed at ``LEVEL``."""

    def __init__(self, store_user_data: bool) -> None:
        from spacy.tokens import DocBin

        empty = DocBin(store_user_data=store_user_data)
        self.version, self.attrs, self.store_user_data = empty.version, empty.attrs, store_user_data
        self.count = 0
        self.lengths = array("i")
        self.strings: set[str] = set()
        self._tokens, self._span_groups, self._user_data = _Spool(False), _Spool(False), _Spool(False)
        self._spaces, self._cats, self._flags = _Spool(True), _Spool(True), _Spool(True)

    def add(self, parts: DocParts) -> None:
        if (parts.user_data is not None) != self.store_user_data:
            raise ValueError("a Doc's parts with user data where the DocBin keeps none, or the other way")
        self._tokens.add(parts.tokens)
        self._spaces.add_raw(parts.spaces)
        self.lengths.append(parts.length)
        self.strings.update(parts.strings)
        self._cats.add_raw(parts.cats)
        self._flags.add_raw(parts.flags)
        self._span_groups.add(parts.span_groups)
        if parts.user_data is not None:
            self._user_data.add(parts.user_data)
        self.count += 1

    def write(self, handle: IO[bytes]) -> None:
        import numpy
        import srsly

        dumps = srsly.msgpack_dumps
        fields = 10 if self.store_user_data else 9
        handle.write(b"\x78\x5e")  # zlib's header: deflate, 32 KB window, a fast level
        adler = 1

        def here(raw: bytes) -> None:
            nonlocal adler
            piece = deflate(raw)
            handle.write(piece.data)
            adler = adler32_combine(adler, piece.adler, piece.size)

        def spooled(spool: _Spool) -> None:
            nonlocal adler
            spool.finish()
            spool.file.seek(0)
            while chunk := spool.file.read(1 << 20):
                handle.write(chunk)
            adler = adler32_combine(adler, spool.adler, spool.size)

        lengths = numpy.asarray(self.lengths, dtype="int32").tobytes("C")
        here(bytes([0x80 | fields]) + dumps("version") + dumps(self.version) + dumps("attrs") + dumps(self.attrs)
             + dumps("tokens") + _bin_header(self._tokens.size))
        spooled(self._tokens)
        here(dumps("spaces") + _bin_header(self._spaces.size))
        spooled(self._spaces)
        here(dumps("lengths") + dumps(lengths) + dumps("strings") + dumps(sorted(self.strings))
             + dumps("cats") + _array_header(self.count))
        spooled(self._cats)
        here(dumps("flags") + _array_header(self.count))
        spooled(self._flags)
        here(dumps("span_groups") + _array_header(self.count))
        spooled(self._span_groups)
        if self.store_user_data:
            here(dumps("user_data") + _array_header(self.count))
            spooled(self._user_data)
        handle.write(_deflater().flush(zlib.Z_FINISH))  # the final block
        handle.write(adler.to_bytes(4, "big"))

    def close(self) -> None:
        for spool in (self._tokens, self._spaces, self._cats, self._flags, self._span_groups, self._user_data):
            spool.close()
