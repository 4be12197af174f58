# ruff: noqa: E501  (a table of messages, one per line)
"""Rule messages of earlier versions, for findings stored with them.

A stored finding keeps its message as the English msgid and its parameters
(`Finding.as_dict`), and is shown again in the reader's language. When a
message is reworded, its old msgid maps here to the new one (same
parameters); an old message with other parameters stays translatable here.
"""

from django.utils.translation import gettext_noop

# Old msgid → the msgid that replaced it (the same parameters).
RENAMED = {
    "The field %(field)s must be text.": "%(field)s must be text.",
    "The field %(field)s must be one of: %(choices)s.": "%(field)s must be one of: %(choices)s.",
    'The field %(field)s must be "%(value)s".': '%(field)s must be "%(value)s".',
    "The field %(field)s must be a whole number.": "%(field)s must be a whole number.",
    "The field %(field)s must be a number.": "%(field)s must be a number.",
    "The field %(field)s must be true or false.": "%(field)s must be yes or no (true or false).",
    "The field %(field)s must be a date written as YYYY-MM-DD.": "%(field)s must be a date written as YYYY-MM-DD.",
    "The field %(field)s must be an object.": "%(field)s must be a group of fields (a JSON object).",
    "The field %(field)s is missing.": "%(field)s is missing.",
    "The field %(field)s must be a list.": "%(field)s must be a list.",
    "No teacher (role: teacher) is among the contributors.": "No teacher is among the contributors.",
    "No company expert (role: company_expert) is among the contributors.": "No expert from a company is among the contributors.",
    "A route from vmbo track %(track)s usually leads to level 2, not %(level)s.": "A route from %(track)s usually leads to level 2, not %(level)s.",
    "A route from vmbo track %(track)s usually leads to level 3 or 4, not %(level)s.": "A route from %(track)s usually leads to level 3 or 4, not %(level)s.",
}

# Old msgids whose parameters differ from their successors: still translated.
KEPT = (
    gettext_noop(
        "%(crebo)s is the crebo of a qualification file; name one of its qualifications (profiles) instead."
    ),
    gettext_noop("The file of qualification %(crebo)s has status %(status)s, not Vastgesteld."),
    gettext_noop(
        "Qualification %(crebo)s is valid only from %(date)s; the programme starts earlier."
    ),
    gettext_noop(
        "Intake for qualification %(crebo)s ends on %(date)s; the programme starts then or later."
    ),
    gettext_noop("A regionalised programme belongs to experiment %(slug)s."),
    gettext_noop(
        "The regional section and electives take %(hours)s hours, more than the %(sbu)s hours study load of qualification %(crebo)s."
    ),
    gettext_noop("Qualification %(crebo)s has no core task %(code)s."),
    gettext_noop("A cross-over qualification belongs to experiment %(slug)s."),
    gettext_noop("Qualification %(crebo)s has level %(level)s; the cross-over has level %(own)s."),
)
