#!/usr/bin/python3
"""Makes the two fonts Pingce embeds from WenQuanYi Micro Hei.

Usage: scripts/fonts.py [SOURCE]   (run from the repository root; `make fonts`)

SOURCE is the upstream font: the extracted .ttf (default
../shared/fonts/WenQuanYiMicroHei.ttf) or the .ttc of Debian's
fonts-wqy-microhei (/usr/share/fonts/truetype/wqy/wqy-microhei.ttc, face 0).
Needs fontTools (Debian: python3-fonttools).

Why two fonts, and why subsets: Fyne parses the theme's font once for every
text style it draws (regular, bold, ...), and the parsed full font holds
about 16.6 MB of memory. Pingce needs all of Chinese in the regular style,
where users type, but Fyne draws bold only for its own chrome: buttons, tabs,
form labels, dialog titles. So:

  assets/fonts/wqy-microhei-text.ttf    every character of the upstream font
      except Korean Hangul (11,172 syllables and the jamo they are built
      from), which a Chinese police unit's assessment does not use:
      13.0 MB parsed instead of 16.6 MB. Also the PDF font.
  assets/fonts/wqy-microhei-chrome.ttf  the bold style: GB 2312 (all 6,763
      hanzi and its symbols), Latin, punctuation, arrows and shapes, and
      every character of the translations and built-in catalogs: 5.1 MB
      parsed. A character outside it in bold text falls back to the
      system's fonts.

Both are marked as modified in their name table (Apache-2.0, section 4).
"""

import glob
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)]

# Latin, general punctuation, letterlike symbols, arrows, maths, box
# drawing, shapes, CJK punctuation, vertical and compatibility forms,
# full-width forms, the replacement character.
CHROME_RANGES = [(0x0020, 0x024F), (0x2000, 0x2BFF), (0x3000, 0x303F), (0xFE10, 0xFE4F),
                 (0xFF00, 0xFFEF), (0xFFFD, 0xFFFD)]


def gb2312():
    """Every character GB 2312 encodes."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def strings(value):
    """Every string in a decoded JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def shipped_text():
    """Every character of the translations and the built-in catalogs."""
    chars = set()
    for name in glob.glob("assets/translations/*.json"):
        with open(name, encoding="utf-8") as f:
            for s in strings(json.load(f)):
                chars.update(s)
    for name in glob.glob("assets/catalogs/*.yaml"):
        with open(name, encoding="utf-8") as f:
            chars.update(f.read())
    return {c for c in chars if c.isprintable()}


def load(source):
    if source.lower().endswith(".ttc"):
        return TTFont(source, fontNumber=0, recalcTimestamp=False)
    return TTFont(source, recalcTimestamp=False)


def options():
    o = subset.Options()
    o.layout_features = ["*"]
    o.name_IDs = ["*"]
    o.name_legacy = True
    o.name_languages = ["*"]
    o.notdef_outline = True
    o.hinting = True
    o.glyph_names = False
    o.drop_tables += ["FFTM"]
    return o


def mark(font, what):
    """Says in the name table that this is a modified subset."""
    note = "Subset for Pingce: " + what
    for rec in font["name"].names:
        if rec.nameID == 5:
            rec.string = rec.toUnicode() + "; " + note
    font["name"].setName(note + ". Made by scripts/fonts.py from WenQuanYi Micro Hei 0.2.0-beta.", 10, 3, 1, 0x409)


def make(source, out, codepoints, what):
    font = load(source)
    cmap = font.getBestCmap()
    keep = sorted(c for c in codepoints if c in cmap)
    s = subset.Subsetter(options())
    s.populate(unicodes=keep)
    s.subset(font)
    mark(font, what)
    font.save(out)
    print(f"{out}: {len(keep)} characters, {len(font.getGlyphOrder())} glyphs, {os.path.getsize(out)} bytes")


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "../shared/fonts/WenQuanYiMicroHei.ttf"
    all_chars = set(load(source).getBestCmap())

    def in_ranges(c, ranges):
        return any(lo <= c <= hi for lo, hi in ranges)

    text = {c for c in all_chars if not in_ranges(c, HANGUL)}
    make(source, "assets/fonts/wqy-microhei-text.ttf", text, "Korean Hangul removed")

    chrome = {ord(c) for c in gb2312() | shipped_text()}
    chrome |= {c for c in all_chars if in_ranges(c, CHROME_RANGES)}
    make(source, "assets/fonts/wqy-microhei-chrome.ttf", chrome,
         "GB 2312, Latin, punctuation and the characters of Pingce's translations and catalogs")


if __name__ == "__main__":
    main()
