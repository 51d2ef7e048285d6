"""Printed documents: A4 PDFs with an embedded CJK TrueType font, the company name and period in
the header and "page x of y" in the footer.

Font rule (:func:`font_path`): the ``pdf_font_path`` setting, else the font shipped in
``resources/fonts``, else a known system font. reportlab embeds a subset of it, so every viewer
shows the Chinese (its built-in CID fonts are not embedded and show boxes without a local font).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from app.errors import KefuError
from app.i18n import translate
from app.resources import resource_path

FONT_NAME = "KefuCJK"
SHIPPED_FONT = resource_path("fonts", "wqy-microhei.ttc")
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)

_registered: dict[str, str] = {}


def font_path() -> Path:
    from app import settings

    configured = ""
    try:
        configured = settings.get("pdf_font_path") or ""
    except Exception:  # no database open (a bare PDF run): fall through to the shipped font
        configured = ""
    candidates = [configured] if configured else []
    candidates += [str(SHIPPED_FONT), *SYSTEM_FONTS]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise KefuError(
        translate("Pdf", "No Chinese TrueType font found: set pdf_font_path in the settings.")
    )


def font_name() -> str:
    """Register the CJK font once (per path) and return its reportlab name."""
    path = str(font_path())
    if _registered.get(FONT_NAME) != path:
        subfont = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, **subfont))
        except Exception as exc:
            raise KefuError(
                translate("Pdf", "The font {path} cannot be used for PDFs: {error}").format(
                    path=path, error=exc
                )
            ) from exc
        _registered[FONT_NAME] = path
    return FONT_NAME


def styles() -> dict[str, ParagraphStyle]:
    return _styles_for(font_name())


@functools.cache
def _styles_for(font: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles, built once per font (a table asks for them in every cell)."""
    base = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10, textColor=colors.white),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=TA_CENTER),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4
        ),
    }


def para(text: Any, style: str = "cell") -> Paragraph:
    """A wrapped paragraph: long text wraps (CJK too) instead of being cut."""
    return _paragraph(text, styles()[style])


def _paragraph(text: Any, style: ParagraphStyle) -> Paragraph:
    body = escape("" if text is None else str(text)).replace("\n", "<br/>")
    return Paragraph(body, style)


HEADER_BLUE = colors.HexColor("#2f4b7c")


def make_table(
    data: Sequence[Sequence[Any]],
    col_widths: Sequence[float] | None = None,
    *,
    header_rows: int = 1,
    zebra: bool = True,
) -> Table:
    """A table whose header row(s) repeat on every page; strings become wrapped paragraphs."""
    font = font_name()  # once per table: it reads the font setting
    shown = _styles_for(font)
    cells = []
    for index, row in enumerate(data):
        style = shown["head" if index < header_rows else "cell"]
        cells.append([c if isinstance(c, Flowable) else _paragraph(c, style) for c in row])
    table = Table(cells, colWidths=col_widths, repeatRows=header_rows)
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BLUE))
    if zebra:
        for index in range(header_rows, len(cells)):
            if (index - header_rows) % 2 == 1:
                commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f1f4f9")))
    table.setStyle(TableStyle(commands))
    return table


class _NumberedCanvas(pdfcanvas.Canvas):
    """Holds every page until the end so the footer can say "page x of y"."""

    header: Callable[[pdfcanvas.Canvas, int, int], None] = staticmethod(lambda c, n, t: None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initialFontName", FONT_NAME)
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            type(self).header(self, number, total)
            super().showPage()
        super().save()


def build_pdf(
    path: Path,
    story: list[Flowable],
    *,
    title: str,
    period: str = "",
    landscape: bool = False,
    margins_mm: float = 12,
) -> Path:
    """Lay out ``story`` on A4 with the company, title and period at the top of every page."""
    from app import settings

    font = font_name()
    try:
        company = settings.get("company_name") or ""
    except Exception:
        company = ""
    pagesize = to_landscape(A4) if landscape else A4
    width, height = pagesize
    margin = margins_mm * mm
    page_label = translate("Pdf", "Page {page} of {total}")

    def header(canvas: pdfcanvas.Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(margin, height - margin + 4 * mm, company)
        canvas.drawCentredString(width / 2, height - margin + 4 * mm, title)
        canvas.drawRightString(width - margin, height - margin + 4 * mm, period)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.line(margin, height - margin + 2.5 * mm, width - margin, height - margin + 2.5 * mm)
        canvas.drawCentredString(
            width / 2, margin - 7 * mm, page_label.format(page=number, total=total)
        )
        canvas.restoreState()

    canvas_class = type("KefuCanvas", (_NumberedCanvas,), {"header": staticmethod(header)})
    document = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin + 4 * mm,
        bottomMargin=margin + 2 * mm,
        title=f"{company} {title} {period}".strip(),
        author=company,
    )
    document.build(story, canvasmaker=canvas_class)
    return Path(path)
