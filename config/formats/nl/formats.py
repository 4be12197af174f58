"""The one date format of the UI in Dutch: "29 november 2026" (ISO only in CSV, XLSX and API).

Templates write `{{ value|date }}` (or `|date:"DATETIME_FORMAT"`), Python code
`django.utils.formats.date_format(value)`; both read these settings.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
