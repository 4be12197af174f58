"""CSV and XLSX downloads: the one place that writes spreadsheets for people.

Every download goes through `csv_response` or `xlsx_response` with the same
header and rows, so the two twins hold the same table:

- CSV: UTF-8 with a byte-order mark (Excel reads the accents), comma-separated,
  dates as ISO `2026-11-29`, moments as `2026-11-29 14:05` local time, numbers
  with a decimal point (`3.5`) and no thousands separator.
- XLSX (openpyxl): real dates and numbers, a bold header row that stays in view.

Text that a spreadsheet would read as a formula (a cell that starts with `=`,
`+`, `-`, `@`, a tab or a carriage return) gets a leading single quote, as
OWASP describes for CSV injection; both formats alike.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"


def neutralise(text: str) -> str:
    """`text` with a leading quote when a spreadsheet would start a formula with it."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _local(moment: datetime.datetime) -> datetime.datetime:
    """A moment in the local time zone, without time-zone information."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def csv_cell(value) -> str:
    """One value as CSV text (see the module's conventions)."""
    if type(value) is str:
        # Most cells (a download has tens of thousands): text, unless it starts a formula.
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | Decimal | float):
        return format_number(value)
    return neutralise(str(value))


def format_number(value) -> str:
    """The one number format of the CSVs: a decimal point, no thousands separator."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_cell(value):
    """One value as an XLSX cell value: real dates and numbers, neutralised text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, datetime.date):
        return value
    # Drop the control characters XML cannot hold first, so that none can hide a formula.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def csv_text(
    header: Sequence, rows: Iterable[Sequence], *, bom: bool = True, safe: bool = True
) -> str:
    """The table as CSV text (header row first).

    `bom=False, safe=False` is for machine interchange (the command line): the
    text exactly as stored, no byte-order mark, no neutralised formulas.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    cell = csv_cell if safe else _raw_csv_cell
    writer.writerow([cell(str(title)) for title in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return (BOM if bom else "") + buffer.getvalue()


def csv_chunks(
    header: Sequence,
    rows: Iterable[Sequence],
    *,
    bom: bool = True,
    safe: bool = True,
    rows_per_chunk: int = 500,
) -> Iterator[str]:
    """The same text as `csv_text`, in pieces of `rows_per_chunk` rows, for a
    StreamingHttpResponse: the first bytes leave before the last row is read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    cell = csv_cell if safe else _raw_csv_cell
    if bom:
        buffer.write(BOM)
    writer.writerow([cell(str(title)) for title in header])
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell(value) for value in row])
        if number % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _raw_csv_cell(value) -> str:
    if isinstance(value, str):
        return value
    return csv_cell(value)


def _width(value) -> int:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return len(str(value)) if value is not None else 0


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], *, sheet_title: str = "") -> bytes:
    """The table as an XLSX workbook with one sheet.

    Written in openpyxl's write-only mode (rows go straight to the file instead of
    a cell object per value kept for the whole sheet): several times faster and
    smaller for the national exports. Column widths must be set before the rows, so
    the values are converted first.
    """
    workbook = Workbook(write_only=True)
    # A sheet title has at most 31 characters and none of []:*?/\
    title = "".join(c for c in str(sheet_title) if c not in "[]:*?/\\")[:31]
    sheet = workbook.create_sheet(title or None)
    header_values = [xlsx_cell(str(title)) for title in header]
    table = [[xlsx_cell(value) for value in row] for row in rows]
    widths = [len(str(title)) for title in header]
    for values in table:
        for index, value in enumerate(values[: len(widths)]):
            widths[index] = max(widths[index], min(_width(value), 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def header_cell(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        return cell

    def dated(value):
        if isinstance(value, datetime.datetime):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd hh:mm"
            return cell
        if isinstance(value, datetime.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd"
            return cell
        return value

    sheet.append([header_cell(value) for value in header_values])
    for values in table:
        sheet.append([dated(value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download (UTF-8 with a byte-order mark)."""
    return _attachment(
        HttpResponse(csv_text(header, rows), content_type=CSV_CONTENT_TYPE), filename
    )


def xlsx_response(
    filename: str, header: Sequence, rows: Iterable[Sequence], *, sheet_title: str = ""
) -> HttpResponse:
    """An XLSX download of the same table."""
    return _attachment(
        HttpResponse(
            xlsx_bytes(header, rows, sheet_title=sheet_title), content_type=XLSX_CONTENT_TYPE
        ),
        filename,
    )
