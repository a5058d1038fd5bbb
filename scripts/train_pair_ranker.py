"""Train escalada's (actor, recipient) pair ranker on the PLV train split and ship it.

Deterministic: the fixed PLV split (``escalada.evaluation.splits``), fixed folds, lbfgs.
Model selection by 5-fold grouped cross-validation on the TRAIN split only: the score is top-1
accuracy, a sentence counting when its best pair's actor shares a content word with the gold
source and its recipient with the gold target (the end-to-end criterion of
``escalada eval``). Validation rows are never read here.

Top-1 is a proxy: the ranker's scores also meet the coder's thresholds (``PairPolicy``). Its
choice is checked end to end with ``scripts/fold_end_to_end.py --own-teachers --ranker-c C``
on held-out train folds (session 13, triggers-0.7: C 0.3 / 0.5 / 1 / 2 / 3 gave 604 / 612 /
617 / 618 / 613 hits of 837; top-1 chose 3 until 2 joined the grid, and now chooses 2).

    python scripts/train_pair_ranker.py [--gold-dir ../shared/gold] [--output PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from escalada.coding.learned.pairs import DEFAULT_RANKER_PATH, PairRanker, labels_for
from escalada.evaluation.gold import PlvItem, default_gold_dir, read_plv
from escalada.evaluation.runner import content_words
from escalada.evaluation.splits import plv_split
from escalada.nlp import load_model

FOLDS = 5
GRID = (0.1, 0.3, 1.0, 2.0, 3.0)


def _gold_tokens(doc, span) -> set[int] | None:
    if span is None:
        return None
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    return {t.i for t in chars} if chars is not None else set()


def _ok(predicted, gold_text: str | None) -> bool:
    if not gold_text:
        return True
    text = predicted.text if predicted is not None else ""
    return bool(content_words(text) & content_words(gold_text))


def build(items: list[PlvItem], nlp):
    """Per row: (pairs, features, labels, metric hits) of the whole parsed sentence."""
    ranker = PairRanker()
    rows = []
    for item, doc in zip(items, nlp.pipe([i.sentence for i in items], batch_size=64),
                         strict=True):
        sentence = doc[:]
        pairs = ranker.pairs(sentence)
        feats = ranker.featurize(sentence, pairs)
        actor = _gold_tokens(doc, item.source_span) or set()
        labels = labels_for(pairs, actor, _gold_tokens(doc, item.target_span))
        hits = [int(_ok(a.span, item.source_text) and _ok(r.span if r else None,
                                                          item.target_text))
                for a, r in pairs]
        rows.append((pairs, feats, labels, hits))
    return rows


def top1(ranker: PairRanker, rows) -> float:
    good = 0
    for _, feats, _, hits in rows:
        if feats:
            scores = ranker.score(feats)
            good += hits[int(np.argmax(scores))]
    return good / len(rows)


def fit(rows, C: float) -> PairRanker:
    feats = [f for row in rows for f in row[1]]
    labels = [y for row in rows for y in row[2]]
    return PairRanker(C=C).fit(feats, labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=DEFAULT_RANKER_PATH)
    args = parser.parse_args()
    started = time.time()
    train, _ = plv_split(read_plv(gold_dir=args.gold_dir or default_gold_dir()))
    nlp = load_model()
    rows = build(train, nlp)
    reachable = sum(1 for r in rows if any(r[3])) / len(rows)
    groups = [item.sentence_id for item in train]
    folds = list(GroupKFold(n_splits=FOLDS).split(np.zeros(len(rows)), groups=groups))
    results = {}
    for C in GRID:
        scores = []
        for fit_idx, test_idx in folds:
            model = fit([rows[k] for k in fit_idx], C)
            scores.append(top1(model, [rows[k] for k in test_idx]))
        results[C] = float(np.mean(scores))
        print(f"C={C:<5} CV top-1 = {results[C]:.3f}  ({' '.join(f'{s:.3f}' for s in scores)})")
    best = max(GRID, key=lambda c: (results[c], -c))
    ranker = fit(rows, best)
    ranker.metadata = {"C": best, "cv_top1": results[best], "reachable": reachable,
                       "n_train_rows": len(rows), "folds": FOLDS}
    path = ranker.save(args.output)
    print(json.dumps({"chosen_C": best, "cv_top1": round(results[best], 3),
                      "reachable_top_any": round(reachable, 3), "saved": str(path),
                      "seconds": round(time.time() - started, 1)}))


if __name__ == "__main__":
    main()
