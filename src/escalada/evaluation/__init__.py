"""Measuring escalada against gold data: readers, the fixed split, metrics and runners."""

from escalada.evaluation.gold import GsrItem, PlvItem, default_gold_dir, read_gsr, read_plv
from escalada.evaluation.metrics import ClassRow, accuracy, bootstrap_ci, confusion, macro_f1
from escalada.evaluation.runner import (
    EvalReport,
    evaluate_end_to_end,
    evaluate_gsr_spans_given,
    evaluate_plv_spans_given,
)
from escalada.evaluation.splits import plv_split

__all__ = [
    "ClassRow",
    "EvalReport",
    "GsrItem",
    "PlvItem",
    "accuracy",
    "bootstrap_ci",
    "confusion",
    "default_gold_dir",
    "evaluate_end_to_end",
    "evaluate_gsr_spans_given",
    "evaluate_plv_spans_given",
    "macro_f1",
    "plv_split",
    "read_gsr",
    "read_plv",
]
