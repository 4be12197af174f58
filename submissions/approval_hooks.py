"""Side effects of approving a submission, per kind.

The workflow calls `run` once when a submission becomes approved (also when an
approved programme is approved again after a new version). The apps that own a
kind register what must follow from `SubmissionsConfig.ready()`, so the
workflow names no kind and the lower apps import nothing from here.
"""

from collections.abc import Callable

_HOOKS: dict[str, list[Callable]] = {}


def register(kind: str, callback: Callable) -> None:
    """Call `callback(submission_id=, title=, school=, document=)` when a
    submission of `kind` is approved. Registering the same callback twice is a no-op."""
    callbacks = _HOOKS.setdefault(kind, [])
    if callback not in callbacks:
        callbacks.append(callback)


def run(submission, version) -> None:
    """Run the hooks of the submission's kind for the approved version, inside
    the approval's transaction (a failing hook undoes the approval)."""
    for callback in _HOOKS.get(submission.kind, []):
        callback(
            submission_id=submission.pk,
            title=submission.title,
            school=submission.school,
            document=version.document,
        )
