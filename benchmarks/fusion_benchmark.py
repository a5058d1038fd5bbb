"""Scaling of :func:`escalada.fusion.fuse` on mentions coded from the synthetic corpus.

    python benchmarks/fusion_benchmark.py [--limit N] [--corpus PATH] [--cache PATH]
                                          [--window-days 3] [--repeat 3] [--code-only]

Codes the stories of ``../shared/corpora/ngec_synthetic_stories.csv.zip`` (read at run time, a
zipped CSV with a ``text`` column) with the rules-only coder, caches the coded mentions in a pickle
under ``/tmp`` (coding 4,500 stories takes minutes; fusing takes seconds), then times ``fuse`` on
the mentions (1x) and on the mentions plus a copy with shifted document ids and outlets (2x) and
prints both times (best of ``--repeat`` runs) and their ratio. Blocking keeps the ratio near 2;
all-pairs would give ~4.

The stories carry no publication date, so each gets a deterministic one spread over a year
(story ``i`` is published on day ``i % 365`` of 2024) and the ``source`` column as its outlet:
otherwise every mention would fall into the one undated block.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import pickle
import sys
import time
import zipfile
from pathlib import Path

from escalada.models import Document
from escalada.models.records import EventMention

DEFAULT_CORPUS = (Path(__file__).resolve().parents[2]
                  / "shared/corpora/ngec_synthetic_stories.csv.zip")
START = dt.date(2024, 1, 1)


def read_corpus(path: Path, limit: int | None) -> list[Document]:
    """Documents with deterministic ids, outlets and publication dates from the zipped CSV."""
    csv.field_size_limit(sys.maxsize)
    documents: list[Document] = []
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            for row in reader:
                if not row.get("text"):
                    continue
                index = len(documents)
                documents.append(Document(
                    id=f"syn-{index:05d}", text=row["text"], title=row.get("title") or None,
                    outlet=row.get("source") or None,
                    published=START + dt.timedelta(days=index % 365)))
                if limit and len(documents) >= limit:
                    break
    return documents


def coded_mentions(corpus: Path, limit: int | None, cache: Path
                   ) -> tuple[list[Document], list[EventMention]]:
    """Coded documents (text dropped) and mentions, from the pickle cache when it matches."""
    key = (str(corpus), limit)
    if cache.exists():
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        if stored.get("key") == key:
            print(f"cached mentions from {cache}", file=sys.stderr)
            return stored["documents"], stored["mentions"]
    from escalada.pipeline import EventCoder

    documents = read_corpus(corpus, limit)
    coder = EventCoder(rules_only=True)
    mentions: list[EventMention] = []
    start = time.perf_counter()
    kept: list[Document] = []
    for document, found in coder.code_documents(documents):
        mentions.extend(found)
        kept.append(dataclasses.replace(document, text=""))
    print(f"coded {len(kept)} documents into {len(mentions)} mentions in "
          f"{time.perf_counter() - start:.1f} s", file=sys.stderr)
    with cache.open("wb") as handle:
        pickle.dump({"key": key, "documents": kept, "mentions": mentions}, handle)
    return kept, mentions


def doubled(documents: list, mentions: list[EventMention]) -> tuple[list, list[EventMention]]:
    """The input plus a copy whose documents have new ids and outlets (a second wire)."""
    from escalada.fusion import DocumentInfo

    infos = list(documents)
    copies = [dataclasses.replace(mention, id=f"{mention.id}-b", doc_id=f"{mention.doc_id}-b")
              for mention in mentions]
    infos.extend(DocumentInfo(doc_id=f"{info.doc_id}-b", outlet=f"{info.outlet or 'x'}-b",
                              url=None, title=info.title, published=info.published)
                 for info in documents)
    return infos, mentions + copies


def timed_fuse(infos: list, mentions: list[EventMention], window_days: int, repeat: int = 3
               ) -> tuple[float, int, int]:
    """Best wall time of ``repeat`` runs of ``fuse``, fused events and contradictions."""
    from escalada.fusion import fuse

    documents = {info.doc_id: info for info in infos}
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fuse(mentions, documents, window_days=window_days)
        best = min(best, time.perf_counter() - start)
    return best, len(result.fused), len(result.contradictions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="stories to code (default all)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=None,
                        help="pickle of coded mentions (default /tmp/escalada_fusion_<limit>.pkl)")
    parser.add_argument("--window-days", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is kept)")
    parser.add_argument("--code-only", action="store_true", help="code and cache, do not fuse")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    cache = args.cache or Path(f"/tmp/escalada_fusion_{args.limit or 'all'}.pkl")
    documents, mentions = coded_mentions(args.corpus, args.limit, cache)
    if args.code_only:
        return 0
    from escalada.fusion import DocumentInfo

    infos = [DocumentInfo(doc_id=d.id, outlet=d.outlet, url=d.url, title=d.title,
                          published=d.published) for d in documents]
    t1, fused1, contra1 = timed_fuse(infos, mentions, args.window_days, args.repeat)
    infos2, mentions2 = doubled(infos, mentions)
    t2, fused2, contra2 = timed_fuse(infos2, mentions2, args.window_days, args.repeat)
    print(f"documents: {len(documents)}  mentions: {len(mentions)}")
    print(f"1x: {len(mentions):>7} mentions -> {fused1:>6} fused, {contra1:>5} contradictions "
          f"in {t1:.3f} s")
    print(f"2x: {len(mentions2):>7} mentions -> {fused2:>6} fused, {contra2:>5} contradictions "
          f"in {t2:.3f} s")
    print(f"ratio 2x/1x: {t2 / t1 if t1 else float('nan'):.2f} (linear ~2, all-pairs ~4)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
