"""The one decoder for every text file Seatwatch reads (issue #15).

Chinese offices save CSV, JSON and TOML in UTF-8 (with or without Excel's BOM) or
in the Windows code page, GBK — whose superset GB18030 also holds the rare hanzi
of names like 王䶮 that GBK lacks. So every file is tried as UTF-8 first, then as
GB18030. A Big5 file (Taiwan, Hong Kong) almost always decodes as GB18030 too,
into garbled text (mojibake) that would be taken for names: such text is refused
(:func:`plausible_chinese`). Every refusal is one line naming the file.

The AMI codec (models/telephony/ami.py) decodes per value, from a socket, and
keeps its own decoder.
"""

from __future__ import annotations

from models.domain.texts import QT_TRANSLATE_NOOP, Msg

__all__ = ["TextFileError", "decode_text", "plausible_chinese"]


class TextFileError(ValueError):
    """A file's bytes are not text Seatwatch reads; ``msg`` names the file."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg)
        self.msg = msg


def decode_text(raw: bytes, name: str) -> str:
    """``raw`` (the bytes of the file ``name``) as text: UTF-8 with or without a BOM,
    else GB18030 (GBK's superset); :class:`TextFileError` for anything else."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        # the contexts and texts the translations already hold (CLI and dialogs)
        raise TextFileError(QT_TRANSLATE_NOOP("Cli", "{file}: neither UTF-8 nor GBK text")
                            .format(file=name)) from None
    if not plausible_chinese(text):
        raise TextFileError(QT_TRANSLATE_NOOP(
            "FloorFile", "{file}: the text reads as garbled characters (Big5 or another "
                         "encoding?): save the file as UTF-8 or GBK").format(file=name))
    return text


def _gb2312_hanzi(c: str) -> bool:
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and b[0] >= 0xB0  # rows 16-87: the 6,763 common hanzi


def plausible_chinese(text: str) -> bool:
    """Whether the non-ASCII characters of ``text`` look like Chinese as people write
    it: common hanzi (GB2312) and CJK punctuation. Mojibake is full of private-use
    code points, kana, Cyrillic and rare characters; a rare hanzi in a name (堃, 䶮) is
    tolerated, as one in ten."""
    odd = total = 0
    for c in text:
        o = ord(c)
        if o < 0x80:
            continue
        total += 1
        if 0xE000 <= o <= 0xF8FF:
            return False  # private use: never in a roster
        if (_gb2312_hanzi(c) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
                or 0x2000 <= o <= 0x206F or c in "·×÷"):
            continue
        odd += 1
    return odd < 2 or odd * 10 <= total
