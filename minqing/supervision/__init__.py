"""Supervision (审阅、督办、协办、回访、考评): pure functions over the records and the issue ledger.

`orders` finds each issue's current supervision order and its state, `score` the 考评 figures per
cadre, `reviewing` what is left to review and the review file a supervisor fills in, and `view` what
a monthly volume prints. Nothing here reads files except `load`, so an index can sit underneath.
"""

from __future__ import annotations

from .orders import Order, attach_orders, current_orders, order_state, valid_reviews
from .score import ScoreReport, ScoreRow, compute_score
from .view import GradeView, ReviewView, SupervisionView, supervision_view

__all__ = [
    "GradeView", "Order", "ReviewView", "ScoreReport", "ScoreRow", "SupervisionView", "attach_orders",
    "compute_score", "current_orders", "order_state", "supervision_view", "valid_reviews",
]
