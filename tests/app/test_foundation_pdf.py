"""Printed documents: A4, the company and period on every page, page x of y, Chinese readable."""

from __future__ import annotations

from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from app import pdf, settings
from app.errors import KefuError


def embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(target["/BaseFont"]))
    return names


def test_pdf_has_header_footer_and_embedded_chinese_font(tmp_path, sqlite_url, admin):
    settings.put(admin, "company_name", "华信教育科技有限公司")
    rows = [["编号", "投诉人", "投诉内容"]] + [
        [f"20261125-{n:03d}", "张老师", "投影仪无法开机，客户很着急。" * 3] for n in range(1, 60)
    ]
    story = [
        pdf.para("月度投诉登记表", "title"),
        pdf.make_table(rows, [30 * mm, 25 * mm, 110 * mm]),
        PageBreak(),
        pdf.para("第二部分"),
    ]
    path = pdf.build_pdf(tmp_path / "sheet.pdf", story, title="月度投诉登记表", period="2026年11月")

    reader = PdfReader(str(path))
    total = len(reader.pages)
    assert total >= 3
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "华信教育科技有限公司" in text
        assert "月度投诉登记表" in text
        assert "2026年11月" in text
        assert f"Page {number} of {total}" in text or f"第 {number} 页" in text
    assert "投影仪无法开机" in reader.pages[0].extract_text()
    assert "20261125-059" in "".join(p.extract_text() for p in reader.pages)
    assert embedded_fonts(reader), "the CJK font must be embedded"


def test_landscape_and_missing_font(tmp_path, sqlite_url, admin):
    path = pdf.build_pdf(
        tmp_path / "wide.pdf", [pdf.para("值班表")], title="值班表", landscape=True
    )
    width, height = (float(v) for v in PdfReader(str(path)).pages[0].mediabox.upper_right)
    assert width > height

    settings.put(admin, "pdf_font_path", str(tmp_path / "no-such-font.ttf"))
    # a configured font that is gone falls back to the shipped one
    assert pdf.font_path() == pdf.SHIPPED_FONT
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    settings.put(admin, "pdf_font_path", str(broken))
    try:
        pdf.font_name()
    except KefuError as exc:
        assert "broken.ttf" in str(exc)
    else:
        raise AssertionError("a broken font file must give a clear error")
    finally:
        settings.put(admin, "pdf_font_path", "")
        pdf.font_name()
