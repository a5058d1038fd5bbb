"""Train escalada's learned PLOVER event classifier on the PLV gold data and ship it.

Deterministic: the fixed PLV split (``escalada.evaluation.splits``), fixed seeds, fixed folds.
Model selection uses 5-fold grouped, stratified cross-validation on the TRAIN split only; the
validation split is scored once, with the chosen variant, after training. The selection is
joint over the feature view's variants and the encoder view's C and weight (out-of-fold
probabilities of both views, mixed as the classifier mixes them); the encoder's gate is then
set for speed. ``--no-encoder`` trains the feature view alone. Optionally the GSR
records (spans located from their actor/target texts) are added to every training fold, and
so, down-weighted, are weak labels from the synthetic stories: the first sentence of each story
with the story's document label, source and target taken from its main verb's subject and object.

    python scripts/train_event_classifier.py [--gold-dir ../shared/gold] [--output PATH]
        [--no-encoder] [--tune-layer] [--with-gsr] [--with-synthetic [--synthetic PATH]]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from escalada.coding.learned.features import FeatureRecord, extract_features, weak_spans
from escalada.coding.learned.model import (
    DEFAULT_MODEL_PATH,
    EventClassifier,
    ModelConfig,
    mix_views,
)
from escalada.evaluation.gold import GsrItem, PlvItem, default_gold_dir, read_gsr, read_plv
from escalada.evaluation.metrics import accuracy, macro_f1
from escalada.evaluation.runner import evaluate_gsr_spans_given, evaluate_plv_spans_given
from escalada.evaluation.splits import SPLIT_SALT, plv_split

SEED = 0
FOLDS = 5
SYNTHETIC_FILE = "ngec_synthetic_stories.csv.zip"


@dataclass(frozen=True)
class Variant:
    """One candidate: model hyper-parameters, whether GSR records join the training data and
    how much the synthetic weak-label examples weigh (0: not used). The weak labels' class mix
    differs from PLV's (a third are YIELD), so their weights follow PLV's class prior: the weak
    examples of a class weigh ``synthetic_weight`` × that class's PLV training count in all."""

    name: str
    config: ModelConfig
    with_gsr: bool = False
    synthetic_weight: float = 0.0


@dataclass(frozen=True)
class Extra:
    """Training examples beyond the PLV train split: GSR records and weak labels."""

    gsr: tuple[list[FeatureRecord], list[str]] = ([], [])
    synthetic: tuple[list[FeatureRecord], list[str]] = ([], [])

    def for_variant(
        self, variant: Variant, plv_labels: list[str]
    ) -> tuple[list[FeatureRecord], list[str], list[float]]:
        """The extra records, labels and sample weights ``variant`` trains with alongside PLV
        examples labelled ``plv_labels``."""
        records, labels, weights = [], [], []
        if variant.with_gsr:
            records += self.gsr[0]
            labels += self.gsr[1]
            weights += [1.0] * len(self.gsr[1])
        if variant.synthetic_weight > 0:
            records += self.synthetic[0]
            labels += self.synthetic[1]
            plv_counts, weak_counts = Counter(plv_labels), Counter(self.synthetic[1])
            weights += [variant.synthetic_weight * plv_counts[label] / weak_counts[label]
                        for label in self.synthetic[1]]  # fmt: skip
        return records, labels, weights


def variants(with_gsr: bool = False, with_synthetic: bool = False) -> list[Variant]:
    """The candidates compared by cross-validation (kept small: training runs in minutes).

    GSR-augmented candidates only with ``with_gsr``: by default GSR stays unseen so that it
    remains a second, out-of-domain evaluation set. Weak-label candidates only with
    ``with_synthetic``.
    """
    base = ModelConfig(seed=SEED)
    candidates = [
        Variant("text-only C=10", replace(base, symbol_weight=0.0)),
        Variant("symbols-only C=1", replace(base, C=1.0, text_weight=0.0)),
        Variant("both C=1", replace(base, C=1.0)),
        Variant("both C=3", replace(base, C=3.0)),
        Variant("both C=10", replace(base, C=10.0)),
        Variant("both C=30", replace(base, C=30.0)),
        Variant("both C=10 sym x0.5", replace(base, C=10.0, symbol_weight=0.5)),
        Variant("both C=3 sym x2", replace(base, C=3.0, symbol_weight=2.0)),
        Variant("both C=10 unigrams", replace(base, C=10.0, ngram_max=1)),
        Variant("both C=10 balanced", replace(base, C=10.0, class_weight="balanced")),
    ]
    if with_gsr:
        candidates += [
            Variant("both C=3 +gsr", replace(base, C=3.0), with_gsr=True),
            Variant("both C=10 +gsr", replace(base, C=10.0), with_gsr=True),
        ]
    if with_synthetic:
        half = replace(base, C=10.0, symbol_weight=0.5)
        candidates += [
            Variant("sym x0.5 +weak x0.15", half, synthetic_weight=0.15),
            Variant("sym x0.5 +weak x0.3", half, synthetic_weight=0.3),
        ]
        if with_gsr:
            candidates += [
                Variant("sym x0.5 +gsr +weak x0.15", half, with_gsr=True, synthetic_weight=0.15),
            ]
    return candidates


def story_rows(path: Path) -> list[tuple[str, str]]:
    """(text, document label) of each synthetic story in the zipped CSV, in file order."""
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    return [(row["text"], row["label"]) for row in rows if row.get("text")]


def read_synthetic(path: Path) -> list[tuple[str, str]]:
    """(first paragraph, document label) of each synthetic story; CONCEDE/RETREAT → YIELD."""
    out = []
    for text, story_label in story_rows(path):
        paragraph = text.strip().split("\n")[0].strip()
        label = "YIELD" if story_label in {"CONCEDE", "RETREAT"} else story_label
        if paragraph and label:
            out.append((paragraph, label))
    return out


def weak_examples(
    stories: list[tuple[str, str]], model: EventClassifier
) -> tuple[list[FeatureRecord], list[str]]:
    """Weak-label examples: each story's first sentence with its main verb's subject and
    object as source and target, labelled with the story's label (stories without such a
    pair are skipped)."""
    records, labels = [], []
    texts = [text for text, _ in stories]
    for doc, (_, label) in zip(model.nlp.pipe(texts, batch_size=64), stories, strict=True):
        sentence = next(iter(doc.sents)).as_doc()
        spans = weak_spans(sentence)
        if spans is not None:
            records.append(extract_features(sentence, *spans, model.lexicon))
            labels.append(label)
    return records, labels


def _gsr_labelled(items: list[GsrItem]) -> list[tuple[tuple, str]]:
    """GSR records as ((text, source span, target span), PLV label): CONCEDE/RETREAT → YIELD."""
    out = []
    for item in items:
        label = "YIELD" if item.event in {"CONCEDE", "RETREAT"} else item.event
        out.append(((item.text, item.source_span, item.target_span), label))
    return out


ENCODER_CS = (1.0, 3.0, 10.0)
ENCODER_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
ENCODER_GATES = (0.6, 0.8, 0.9, 1.0)
GATE_TOLERANCE = 0.005
ENCODER_CLASS_WEIGHT = ModelConfig().embedding_class_weight
EncoderHead = tuple[str, float]
"""``("linear", C)`` or ``("tuned-layer", 0.0)``."""


def _folds(items: list[PlvItem]) -> list[tuple[np.ndarray, np.ndarray]]:
    labels = np.array([i.label for i in items])
    groups = np.array([i.sentence_id for i in items])
    folds = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    return list(folds.split(np.zeros(len(items)), labels, groups))


def feature_oof(
    variant: Variant, records: list[FeatureRecord], items: list[PlvItem], extra: Extra
) -> np.ndarray:
    """Out-of-fold probabilities of the feature view (columns: sorted labels) on the train
    split's grouped stratified folds; extra examples join every training fold, never a test
    fold."""
    labels = np.array([i.label for i in items])
    config = replace(variant.config, embedding_weight=0.0)
    out = np.zeros((len(items), len(set(labels))))
    for train_idx, test_idx in _folds(items):
        extra_records, extra_labels, extra_weights = extra.for_variant(
            variant, labels[train_idx].tolist())
        model = EventClassifier(config).fit_records(
            [records[k] for k in train_idx] + extra_records,
            labels[train_idx].tolist() + extra_labels,
            _weights_or_none([1.0] * len(train_idx) + extra_weights))
        out[test_idx] = model.predict_matrix([records[k] for k in test_idx])
    return out


def encoder_oof(vectors: np.ndarray, items: list[PlvItem], C: float) -> np.ndarray:
    """Out-of-fold probabilities of the encoder view (same folds; PLV examples only)."""
    labels = np.array([i.label for i in items])
    out = np.zeros((len(items), len(set(labels))))
    for train_idx, test_idx in _folds(items):
        head = LogisticRegression(C=C, max_iter=3000, class_weight=ENCODER_CLASS_WEIGHT,
                                  random_state=SEED)
        out[test_idx] = head.fit(vectors[train_idx], labels[train_idx]).predict_proba(
            vectors[test_idx])
    return out


def _fold_scores(probs: np.ndarray, items: list[PlvItem]) -> dict[str, float]:
    """Mean accuracy and macro-F1 over the folds of the argmax of ``probs``."""
    labels = np.array([i.label for i in items])
    predicted = np.array(sorted(set(labels)))[probs.argmax(axis=1)]
    accs, f1s = [], []
    for _, test_idx in _folds(items):
        accs.append(accuracy(labels[test_idx].tolist(), predicted[test_idx].tolist()))
        f1s.append(macro_f1(labels[test_idx].tolist(), predicted[test_idx].tolist()))
    return {"accuracy": float(np.mean(accs)), "macro_f1": float(np.mean(f1s)),
            "accuracy_sd": float(np.std(accs))}  # fmt: skip


def tuned_oof(states: list, items: list[PlvItem]) -> np.ndarray:
    """Out-of-fold probabilities of the fine-tuned last layer (PLV examples only)."""
    from tune_encoder_layer import train_head

    labels = sorted({i.label for i in items})
    index = {label: k for k, label in enumerate(labels)}
    targets = [index[i.label] for i in items]
    out = np.zeros((len(items), len(labels)))
    for fold, (train_idx, test_idx) in enumerate(_folds(items)):
        head = train_head([states[k] for k in train_idx], [targets[k] for k in train_idx],
                          len(labels), seed=SEED)
        out[test_idx] = head.predict_proba([states[k] for k in test_idx])
        print(f"  tuned layer: fold {fold + 1}/{FOLDS}", flush=True)
    return out


def _weights_or_none(weights: list[float]) -> list[float] | None:
    return None if all(w == 1.0 for w in weights) else weights


def mix(features: np.ndarray, encoder: np.ndarray, weight: float, gate: float) -> np.ndarray:
    """The classifier's combination rule (``predict_matrix``) on probability matrices:
    rows below the gate mix both views, the others keep the feature view."""
    probs = features.copy()
    if weight > 0:
        gated = features.max(axis=1) < gate
        probs[gated] = mix_views(features[gated], encoder[gated], weight)
    return probs


def select_variant(
    candidates: list[Variant],
    records: list[FeatureRecord],
    train: list[PlvItem],
    extra: Extra,
    encoder_probs: dict[EncoderHead, np.ndarray],
) -> tuple[Variant, dict[str, dict[str, float]]]:
    """The chosen candidate and every out-of-fold result, in two steps.

    1. The feature-view variant with the best out-of-fold mean accuracy + macro-F1 on its own:
       the coder re-judges rule events and types ranked pairs with that view alone (the
       encoder is too slow for every pair), so it must be the best view by itself.
    2. For that variant, the encoder head and weight with the best accuracy + macro-F1 of the
       mixed views (what a given pair gets).

    Both figures are targets, so their sum decides (accuracy alone favours the big classes).
    The gate is a speed setting, not an accuracy one: it is chosen last as the lowest gate
    whose accuracy and macro-F1 both stay within ``GATE_TOLERANCE`` of the ungated mix
    (picking it by accuracy would fit the folds' noise)."""
    results: dict[str, dict[str, float]] = {}
    best: tuple[float, Variant, np.ndarray] | None = None
    for variant in candidates:
        features = feature_oof(variant, records, train, extra)
        res = results[variant.name] = _fold_scores(features, train)
        print(f"  CV {variant.name:<58} acc {res['accuracy']:.3f} ± "
              f"{res['accuracy_sd']:.3f}  macro-F1 {res['macro_f1']:.3f}", flush=True)
        if best is None or res["accuracy"] + res["macro_f1"] > best[0] + 1e-9:
            best = (res["accuracy"] + res["macro_f1"], variant, features)
    assert best is not None
    total, chosen, features = best
    ungated = results[chosen.name]
    for head in encoder_probs:
        for weight in ENCODER_WEIGHTS:
            candidate = _with_encoder(best[1], head, weight, 1.0)
            res = results[candidate.name] = _fold_scores(
                mix(features, encoder_probs[head], weight, 1.0), train)
            print(f"  CV {candidate.name:<58} acc {res['accuracy']:.3f} ± "
                  f"{res['accuracy_sd']:.3f}  macro-F1 {res['macro_f1']:.3f}", flush=True)
            if res["accuracy"] + res["macro_f1"] > total + 1e-9:
                total, chosen, ungated = res["accuracy"] + res["macro_f1"], candidate, res
    config = chosen.config
    if config.embedding_weight > 0:
        head = (config.encoder_head, config.embedding_C)
        for gate in ENCODER_GATES:
            res = _fold_scores(mix(features, encoder_probs[head], config.embedding_weight, gate),
                               train)
            print(f"  gate {gate}: acc {res['accuracy']:.3f}  macro-F1 {res['macro_f1']:.3f}")
            if (res["accuracy"] >= ungated["accuracy"] - GATE_TOLERANCE
                    and res["macro_f1"] >= ungated["macro_f1"] - GATE_TOLERANCE):
                chosen = _with_encoder(best[1], head, config.embedding_weight, gate)
                results[chosen.name] = res
                break
    return chosen, results


def _with_encoder(variant: Variant, head: EncoderHead, weight: float, gate: float) -> Variant:
    kind, c = head
    config = replace(variant.config, encoder_head=kind, embedding_C=c, embedding_weight=weight,
                     embedding_gate=gate)
    name = f"C={c}" if kind == "linear" else kind
    suffix = f" +encoder {name} w={weight} gate={gate}" if weight else ""
    return replace(variant, config=config, name=variant.name + suffix)


def fit_final(
    variant: Variant,
    nlp: object,
    records: list[FeatureRecord],
    train: list[PlvItem],
    extra: Extra,
) -> EventClassifier:
    """Fit the chosen variant on the whole train split (plus GSR / weak labels if the variant
    says so)."""
    model = EventClassifier(variant.config, nlp=nlp)
    extra_records, extra_labels, extra_weights = extra.for_variant(
        variant, [i.label for i in train]
    )
    fit_records = list(records) + extra_records
    fit_labels = [i.label for i in train] + extra_labels
    weights = [1.0] * len(records) + extra_weights
    return model.fit_records(fit_records, fit_labels, _weights_or_none(weights))


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--gold-dir", type=Path, default=default_gold_dir())
    parser.add_argument("--output", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--no-cv", action="store_true", help="skip selection, use 'both C=10'")
    parser.add_argument(
        "--no-encoder", action="store_true", help="train the feature view only")
    parser.add_argument(
        "--tune-layer", action="store_true",
        help="also try fine-tuning the encoder's last layer (needs the train extra)")
    parser.add_argument(
        "--with-gsr", action="store_true", help="also try GSR records as extra training data"
    )
    parser.add_argument(
        "--with-synthetic", action="store_true",
        help="also try down-weighted weak labels from the synthetic stories",
    )  # fmt: skip
    parser.add_argument(
        "--synthetic", type=Path, default=None,
        help=f"synthetic stories (default: <gold-dir>/../corpora/{SYNTHETIC_FILE})",
    )  # fmt: skip
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Select by CV on the train split, fit on all of it, score validation once, save."""
    args = _arguments(argv)
    started = time.perf_counter()
    train, validation = plv_split(read_plv(gold_dir=args.gold_dir))
    gsr_items = read_gsr(gold_dir=args.gold_dir)
    print(f"PLV train {len(train)}, validation {len(validation)}, GSR {len(gsr_items)}")
    parser_model = EventClassifier()
    records = parser_model.featurize((i.sentence, i.source_span, i.target_span) for i in train)
    gsr_pairs = _gsr_labelled(gsr_items) if args.with_gsr else []
    gsr = (parser_model.featurize(ex for ex, _ in gsr_pairs), [lab for _, lab in gsr_pairs])
    synthetic: tuple[list[FeatureRecord], list[str]] = ([], [])
    if args.with_synthetic:
        path = args.synthetic or args.gold_dir.parent / "corpora" / SYNTHETIC_FILE
        synthetic = weak_examples(read_synthetic(path), parser_model)
        print(f"weak labels: {len(synthetic[1])} synthetic first sentences")
    extra = Extra(gsr=gsr, synthetic=synthetic)
    print(f"parsed in {time.perf_counter() - started:.1f}s")

    candidates = variants(args.with_gsr, args.with_synthetic)
    encoder_probs: dict[EncoderHead, np.ndarray] = {}
    states = []
    if not args.no_encoder and not args.no_cv:
        vectors = parser_model.embed(records)
        encoder_probs = {("linear", c): encoder_oof(vectors, train, c) for c in ENCODER_CS}
        print(f"encoded {len(records)} examples in {time.perf_counter() - started:.1f}s so far")
        if args.tune_layer:
            states = parser_model.encoder.token_states([r.encoder_input for r in records])
            encoder_probs[("tuned-layer", 0.0)] = tuned_oof(states, train)
            print(f"tuned-layer OOF done in {time.perf_counter() - started:.0f}s so far")
    if args.no_cv:
        chosen, cv_results = next(v for v in candidates if v.name == "both C=10"), {}
    else:
        chosen, cv_results = select_variant(candidates, records, train, extra, encoder_probs)
    print(f"chosen: {chosen.name}")
    model = fit_final(chosen, parser_model.nlp, records, train, extra)
    if chosen.config.encoder_head == "tuned-layer" and chosen.config.embedding_weight > 0:
        from tune_encoder_layer import train_head

        index = {label: k for k, label in enumerate(model.labels)}
        model.set_tuned_head(train_head(states, [index[i.label] for i in train],
                                        len(index), seed=SEED))
    report = evaluate_plv_spans_given(model, validation, name="plv-validation-spans-given")
    reports = [report]
    if not chosen.with_gsr:  # GSR unseen in training: a second, out-of-domain check
        reports.append(evaluate_gsr_spans_given(model, gsr_items, name="gsr-spans-given"))
    model.metadata = {
        "trained_on": "PLV train split" + (" + GSR" if chosen.with_gsr else "")
        + (f" + synthetic weak labels (prior-matched, x{chosen.synthetic_weight})"
           if chosen.synthetic_weight else ""),
        "split_salt": SPLIT_SALT,
        "n_train": len(train) + len(extra.for_variant(chosen, [i.label for i in train])[1]),
        "variant": chosen.name,
        "config": asdict(chosen.config),
        "cv": cv_results,
        "encoder": model.encoder.model_name if model.uses_encoder else None,
        "evaluations": {
            r.name: {k: v for k, v in r.to_dict().items() if k != "confusion"} for r in reports
        },  # fmt: skip
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    path = model.save(args.output)
    for r in reports:
        print()
        print(r.to_text(with_confusion=r is report))
    elapsed = time.perf_counter() - started
    print(f"\nsaved {path} ({path.stat().st_size / 1e6:.2f} MB) in {elapsed:.0f}s total")
    print(json.dumps({"accuracy": report.accuracy, "macro_f1": report.macro_f1,
                      "ci": report.ci, "n": report.n}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
