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
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import _listWrapOn

from app.errors import KefuError
from app.i18n import translate
from app.output import replacing
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
            "h2", parent=base, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4, keepWithNext=1
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
    continued_column: int | None = None,
) -> Table:
    """A table whose header row(s) repeat at the top of every page; strings become wrapped
    paragraphs. Rows stay whole on a page unless a row is too long to move (then it continues on
    the next page). With ``continued_column`` the continuation repeats that cell, marked 续."""
    font = font_name()  # once per table: it reads the font setting
    shown = _styles_for(font)
    cells = []
    for index, row in enumerate(data):
        style = shown["head" if index < header_rows else "cell"]
        cells.append([c if isinstance(c, Flowable) else _paragraph(c, style) for c in row])
    table = PagedTable(cells, colWidths=col_widths, repeatRows=header_rows)
    table.cell_style = shown["cell"]
    if continued_column is not None:
        table.continued_column = continued_column
        table.keys = [
            "" if isinstance(row[continued_column], Flowable) else str(row[continued_column])
            for row in data
        ]
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


def table_then(table: Table, closing: Sequence[Flowable], *, keep_rows: int = 3) -> list[Flowable]:
    """``table`` followed by ``closing`` (say the totals), kept on one page with the table's last
    ``keep_rows`` rows where they fit there, so the last page never holds the closing part alone."""
    together = KeepTogether(list(closing))
    if isinstance(table, PagedTable):
        table.closing = list(closing)
        table.keep_rows = keep_rows
    return [table, together]


class PagedTable(Table):
    """A reportlab table that splits only between pages.

    reportlab splits a table between rows, then tries the rest in the space left on the same page
    and, allowed to split inside a row, puts the repeated header there: a header bar in the middle
    of a page. Here the decision is made once per page: the rows that fit stay, a row taller than
    a quarter of the page is split inside (its continuation repeats the key column marked 续),
    and the rest starts on the next page with the header.
    """

    continued_column: int | None = None
    keys: list[str] | None = None
    cell_style: ParagraphStyle | None = None
    closing: list[Flowable] | None = None
    keep_rows = 0
    MIN_SPLIT = 36.0  # at least three lines of a cell before a row is split

    def _header_count(self) -> int:
        rows = self.repeatRows
        return rows if isinstance(rows, int) else max(rows) + 1

    def _frame_height(self, fallback: float) -> float:
        frame = getattr(self, "_frame", None)
        return float(getattr(frame, "_aH", fallback))

    def _closing_height(self, width: float) -> float:
        if self.closing is None:
            return 0.0
        return float(_listWrapOn(self.closing, width, self.canv)[1])

    def _moves_last_rows(self, width: float, avail: float, height: float) -> bool:
        """The whole table fits here but what follows does not: move the last rows on with it
        (when they and the closing part fit on an empty page and rows stay behind)."""
        if self.closing is None or height > avail:
            return False
        closing = self._closing_height(width)
        if height + closing <= avail:
            return False
        heights = self._rowHeights
        head = self._header_count()
        moved = sum(heights[:head]) + sum(heights[-self.keep_rows :])
        return moved + closing <= self._frame_height(avail) - 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = super().wrap(availWidth, availHeight)
        if self._moves_last_rows(availWidth, availHeight, height):
            return width, availHeight + 1  # not here: split() keeps the last rows for the next page
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        head = self._header_count()
        fit = self._getFirstPossibleSplitRowPosition(availHeight)
        if fit >= len(heights):  # everything fits, only what follows does not
            at = len(heights) - self.keep_rows
            if at <= head:
                return []
            return self._parts(self._splitRows(sum(heights[:at]) + 0.01, doInRowSplit=0), at)
        room = availHeight - sum(heights[:fit])
        long_row = heights[fit] > self._frame_height(availHeight) / 4
        if fit >= head and long_row and room >= self.MIN_SPLIT:
            parts = self._splitRows(availHeight, doInRowSplit=1)
            if parts:
                return self._parts(parts, fit, inside=True)
        if fit <= head:
            return []
        return self._parts(self._splitRows(availHeight, doInRowSplit=0), fit)

    def _parts(self, parts: list[Flowable], at: int, *, inside: bool = False) -> list[Flowable]:
        if len(parts) != 2:
            return parts
        first, rest = parts
        head = self._header_count()
        for part in parts:
            if isinstance(part, PagedTable):
                part.continued_column = self.continued_column
                part.cell_style = self.cell_style
        if isinstance(rest, PagedTable):
            rest.closing = self.closing
            rest.keep_rows = self.keep_rows
        if self.keys is None or self.continued_column is None:
            return parts
        if isinstance(first, PagedTable):
            first.keys = self.keys[: at + 1] if inside else self.keys[:at]
        if isinstance(rest, PagedTable):
            rest.keys = self.keys[:head] + self.keys[at:]
            if inside and self.cell_style is not None:
                mark = translate("Pdf", "(continued)")
                text = f"{escape(self.keys[at])}<br/>{escape(mark)}"
                rest._cellvalues[head][self.continued_column] = Paragraph(text, self.cell_style)
                rest._argH[head] = None  # measured again with the repeated key
        return parts


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
    headline: bool = False,
) -> Path:
    """Lay out ``story`` on A4 with the company, title and period at the top of every page.

    With ``headline`` the first page opens with the title in large type instead (the title is
    printed once on a page, never twice)."""
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
        if not (headline and number == 1):
            canvas.drawCentredString(width / 2, height - margin + 4 * mm, title)
        canvas.drawRightString(width - margin, height - margin + 4 * mm, period)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.line(margin, height - margin + 2.5 * mm, width - margin, height - margin + 2.5 * mm)
        canvas.drawCentredString(
            width / 2, margin - 7 * mm, page_label.format(page=number, total=total)
        )
        canvas.restoreState()

    canvas_class = type("KefuCanvas", (_NumberedCanvas,), {"header": staticmethod(header)})
    if headline:
        story = [Paragraph(escape(title), styles()["title"]), Spacer(1, 3 * mm), *story]
    with replacing(Path(path)) as temporary:  # the file appears only when complete
        document = SimpleDocTemplate(
            str(temporary),
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
