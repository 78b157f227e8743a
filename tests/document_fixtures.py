"""PDF and Word files written at test time (nothing binary is committed).

:func:`write_pdf` writes a minimal PDF by hand: one Type0 font with ``Identity-H`` encoding whose
character codes are the Unicode code points, and a ``ToUnicode`` map saying so, which is how
word processors make Vietnamese text extractable. ``scanned=True`` gives pages that hold only a
picture (no text layer); ``tcvn3=True`` writes the text in TCVN3 bytes through a WinAnsi font,
like old documents set in ``.VnTime``. :func:`write_docx` uses python-docx.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from danvan_kg.text.decode import encode_tcvn3


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _content(page: str, *, tcvn3: bool) -> bytes:
    lines: list[str] = []
    for paragraph in page.split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, 80) or [""])
        lines.append("")
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        if tcvn3:
            ops.append("<" + encode_tcvn3(line).hex() + "> Tj T*")
        else:
            ops.append("<" + "".join(f"{ord(ch):04X}" for ch in line) + "> Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


_SCAN = b"q 500 0 0 700 50 70 cm /Im1 Do Q"


def _to_unicode(pages: list[str]) -> bytes:
    highs = sorted({ord(ch) >> 8 for page in pages for ch in page} | {0})
    ranges = "\n".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in highs)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(highs)} beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode("ascii")


def write_pdf(
    path: Path,
    pages: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    scanned: bool = False,
    tcvn3: bool = False,
) -> Path:
    """Write ``pages`` (text, paragraphs split by blank lines) as a PDF with a text layer (or none)."""
    objects: dict[int, bytes] = {}
    n_pages = len(pages)
    page_ids = [10 + 2 * i for i in range(n_pages)]
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode()
    if tcvn3:
        objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    else:
        objects[3] = (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H "
            b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
        )
        objects[4] = (
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R "
            b"/DW 550 /CIDToGIDMap /Identity >>"
        )
        cmap = _to_unicode(pages)
        objects[5] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
        objects[6] = (
            b"<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 "
            b"/FontBBox [0 -250 1000 950] /ItalicAngle 0 /Ascent 900 /Descent -250 "
            b"/CapHeight 700 /StemV 80 >>"
        )
    objects[7] = (
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x90\xa0\xb0\nendstream"
    )
    info = []
    if title:
        info.append("/Title <FEFF" + title.encode("utf-16-be").hex().upper() + ">")
    if author:
        info.append("/Author <FEFF" + author.encode("utf-16-be").hex().upper() + ">")
    info.append("/CreationDate (D:20240615093000+07'00')")
    objects[8] = ("<< " + " ".join(info) + " >>").encode()
    for pid, text in zip(page_ids, pages, strict=True):
        stream = _SCAN if scanned else _content(text, tcvn3=tcvn3)
        resources = "/XObject << /Im1 7 0 R >>" if scanned else "/Font << /F1 3 0 R >>"
        objects[pid] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >> "
            f"/Contents {pid + 1} 0 R >>"
        ).encode()
        objects[pid + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    path.write_bytes(bytes(out))
    return path


def write_docx(
    path: Path,
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    rendered: bool = False,
    table: list[list[str]] | None = None,
) -> Path:
    """Write a Word file: each page's paragraphs, pages separated by hard page breaks, or (``rendered``)
    by the ``w:lastRenderedPageBreak`` marks Word writes where it laid out a new page, the last one
    falling inside a paragraph."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    for number, paragraphs in enumerate(pages):
        for index, text in enumerate(paragraphs):
            if rendered and number and index == 0:
                words = text.split(" ")
                half = max(1, len(words) // 2)
                if number == len(pages) - 1 and len(words) > 3:  # the break falls inside the paragraph
                    paragraph = document.add_paragraph(" ".join(words[:half]) + " ")
                    run = paragraph.add_run(" ".join(words[half:]))
                    run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
                    continue
                paragraph = document.add_paragraph()
                run = paragraph.add_run(text)
                run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
                continue
            document.add_paragraph(text)
        if table and number == 0:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
        if not rendered and number < len(pages) - 1:
            document.add_page_break()
    document.save(str(path))
    return path
