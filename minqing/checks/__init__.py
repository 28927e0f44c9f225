"""The registry of checks: file checks see one record, repository checks see them all.

Each check is a small function with a docstring, marked with its code. The registries are plain
tuples: a check runs when, and only when, it is listed here.
"""

from __future__ import annotations

from . import attachments, form, git, issues, privacy, references, schema, supervision, syntax
from .base import Context, FileCheck, RepoCheck

FILE_CHECKS: tuple[FileCheck, ...] = (
    syntax.not_utf8,
    syntax.no_front_matter,
    syntax.front_matter_not_closed,
    syntax.yaml_syntax,
    syntax.conflict_markers,
    schema.duplicate_keys,
    syntax.ime_punctuation,
    syntax.unreadable,
    schema.required_fields,
    schema.unknown_fields,
    schema.wrong_types,
    issues.control_in_ids,
    schema.invalid_dates,
    references.unknown_category,
    references.unknown_cadre,
    references.unknown_village,
    issues.unknown_status,
    issues.closed_without_result,
    issues.escalated_without_target,
    supervision.unknown_reviewer,
    supervision.unknown_grade,
    supervision.unknown_handler,
    form.misplaced_file,
    form.empty_body,
    privacy.id_numbers,
    privacy.mobile_numbers,
)

REPO_CHECKS: tuple[RepoCheck, ...] = (
    schema.future_dates,
    references.unknown_household,
    references.village_mismatch,
    attachments.bad_attachment,
    attachments.large_attachment,
    issues.unknown_issue,
    issues.duplicate_issue_id,
    issues.update_before_issue,
    supervision.followup_without_status,
    supervision.unknown_entry,
    supervision.bad_order,
    supervision.review_before_record,
    form.near_copy,
    git.author_mismatch,
    git.late_entry,
    git.rewritten,
)

__all__ = ["Context", "FILE_CHECKS", "REPO_CHECKS"]
