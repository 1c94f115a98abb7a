#!/usr/bin/python3
"""Makes the two fonts Pingce embeds from WenQuanYi Micro Hei.

Usage: scripts/fonts.py [SOURCE]   (run from the repository root; `make fonts`)

SOURCE is the upstream font: the extracted .ttf (default
../shared/fonts/WenQuanYiMicroHei.ttf) or the .ttc of Debian's
fonts-wqy-microhei (/usr/share/fonts/truetype/wqy/wqy-microhei.ttc, face 0).
Needs fontTools (Debian: python3-fonttools), the Unihan data of Debian's
unicode-data and the Hanazono fonts of Debian's fonts-hanazono.

Why two fonts, and why subsets: Fyne parses the theme's font once for every
text style it draws (regular, bold, ...), and the parsed full font holds
about 16.6 MB of memory. Pingce needs all of Chinese in the regular style,
where users type, but Fyne draws bold only for its own chrome: buttons, tabs,
form labels, dialog titles. So:

  assets/fonts/wqy-microhei-text.ttf    every character of the upstream font
      except Korean Hangul (11,172 syllables and the jamo they are built
      from), which a Chinese police unit's assessment does not use:
      13.0 MB parsed instead of 16.6 MB. Also the PDF font.
      It also carries the rare characters (生僻字) that names and places
      need and WenQuanYi lacks: every character of the 通用规范汉字表 (2013,
      Unihan kTGH) and of the Chinese part of Unihan's core set
      (kUnihanCore2020 with a G source) that the upstream font does not
      have, about 280, most in CJK Extension A and B, drawn from Hanazono
      Mincho (HanaMinA/HanaMinB, GlyphWiki, free licence) scaled into
      WenQuanYi's em box, plus the few in EXTRA_RARE. So a unit name such
      as 㛃 or 𬌗 shows on screen and in PDF reports on any machine.
  assets/fonts/wqy-microhei-chrome.ttf  the bold style: GB 2312 (all 6,763
      hanzi and its symbols), Latin, punctuation, arrows and shapes, and
      every character of the translations and built-in catalogs: 5.1 MB
      parsed. A character outside it in bold text falls back to the
      system's fonts.

Both are marked as modified in their name table (Apache-2.0, section 4).
"""

import bz2
import glob
import json
import os
import sys

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)]

# Latin, general punctuation, letterlike symbols, arrows, maths, box
# drawing, shapes, CJK punctuation, vertical and compatibility forms,
# full-width forms, the replacement character.
CHROME_RANGES = [(0x0020, 0x024F), (0x2000, 0x2BFF), (0x3000, 0x303F), (0xFE10, 0xFE4F),
                 (0xFF00, 0xFFEF), (0xFFFD, 0xFFFD)]


UNIHAN = "/usr/share/unicode"
HANAZONO = ["/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
            "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"]

# Rare characters wanted beyond the two Unihan sets: ones the issue tracker or
# users named (𠮷 in 𠮷野家-style names).
EXTRA_RARE = [0x20BB7]

# Hanazono's ideographs (em 1024) scaled and moved into WenQuanYi's (em 2048):
# 国 spans x 103..953, y -72..831 in HanaMinA and x 184..1864, y -184..1592 in
# WenQuanYi, so scale 1.97 and shift (-19, -42) put one over the other.
RARE_TRANSFORM = (1.97, 0, 0, 1.97, -19, -42)


def unihan_rare():
    """The code points of the 通用规范汉字表 and of Unihan's Chinese core set."""
    wanted = set(EXTRA_RARE)
    with bz2.open(os.path.join(UNIHAN, "Unihan_OtherMappings.txt.bz2"), "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                wanted.add(int(parts[0][2:], 16))
    for name in ("Unihan_DictionaryLikeData.txt.bz2", "Unihan_IRGSources.txt.bz2"):
        with bz2.open(os.path.join(UNIHAN, name), "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3 and parts[1] == "kUnihanCore2020" and "G" in parts[2]:
                    wanted.add(int(parts[0][2:], 16))
    return wanted


def add_rare(font):
    """Copies the rare characters the font lacks from Hanazono Mincho into it.

    Outlines are decomposed and scaled into the font's em box, without
    hinting; every Unicode cmap subtable that can hold the code point gets it.
    Returns how many characters were added.
    """
    cmap = font.getBestCmap()
    missing = sorted(c for c in unihan_rare() if c not in cmap)
    sources = [TTFont(p, recalcTimestamp=False) for p in HANAZONO]
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    added = {}
    for cp in missing:
        for src in sources:
            name = src.getBestCmap().get(cp)
            if name is None:
                continue
            rec = DecomposingRecordingPen(src.getGlyphSet())
            src.getGlyphSet()[name].draw(rec)
            pen = TTGlyphPen(None)
            rec.replay(TransformPen(pen, RARE_TRANSFORM))
            glyph = pen.glyph()
            new = "rare%05X" % cp
            glyf[new] = glyph
            glyph.recalcBounds(glyf)
            order.append(new)
            hmtx[new] = (2048, glyph.xMin if glyph.numberOfContours else 0)
            if vmtx is not None:
                vmtx[new] = (2048, glyph.yMax if glyph.numberOfContours else 0)  # as WenQuanYi does
            added[cp] = new
            break
    font.setGlyphOrder(order)
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for cp, new in added.items():
            if cp <= 0xFFFF or table.format in (12, 13):
                table.cmap[cp] = new
    return len(added)


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


def make(source, out, codepoints, what, rare=False):
    font = load(source)
    cmap = font.getBestCmap()
    keep = sorted(c for c in codepoints if c in cmap)
    s = subset.Subsetter(options())
    s.populate(unicodes=keep)
    s.subset(font)
    if rare:
        n = add_rare(font)
        keep += [0] * n
        what += f"; {n} rare characters added from Hanazono Mincho (GlyphWiki)"
    mark(font, what)
    font.save(out)
    print(f"{out}: {len(keep)} characters, {len(font.getGlyphOrder())} glyphs, {os.path.getsize(out)} bytes")


def make_test_font(out="internal/report/pdf/testdata/fallback-test.ttf"):
    """A tiny font for the PDF tests: a "system font" with two ideographs of
    CJK Extension B that the bundled font lacks (𠀀 U+20000, 𪛖 U+2A6D6)."""
    font = TTFont(HANAZONO[1], recalcTimestamp=False)
    s = subset.Subsetter(options())
    s.populate(unicodes=[0x20, 0x20000, 0x2A6D6])
    s.subset(font)
    font["name"].setName("Subset of Hanazono Mincho B for Pingce's tests. Made by scripts/fonts.py.", 10, 3, 1, 0x409)
    font.save(out)
    print(f"{out}: {os.path.getsize(out)} bytes")


def main():
    if sys.argv[1:] == ["--test-font"]:
        make_test_font()
        return
    source = sys.argv[1] if len(sys.argv) > 1 else "../shared/fonts/WenQuanYiMicroHei.ttf"
    all_chars = set(load(source).getBestCmap())

    def in_ranges(c, ranges):
        return any(lo <= c <= hi for lo, hi in ranges)

    text = {c for c in all_chars if not in_ranges(c, HANGUL)}
    make(source, "assets/fonts/wqy-microhei-text.ttf", text, "Korean Hangul removed", rare=True)

    chrome = {ord(c) for c in gb2312() | shipped_text()}
    chrome |= {c for c in all_chars if in_ranges(c, CHROME_RANGES)}
    make(source, "assets/fonts/wqy-microhei-chrome.ttf", chrome,
         "GB 2312, Latin, punctuation and the characters of Pingce's translations and catalogs")
    make_test_font()


if __name__ == "__main__":
    main()
