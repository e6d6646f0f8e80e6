"""Build ``lexicons/learned_cues.txt``: cue words the hand lists miss, learned from train.

``python -m quotewire.extract.cue_lexicon`` reads the PolNeAR train split (never dev or
wire dev) and lists each word that heads a gold cue ("signed the bill", "named Smith",
"issued a statement") in at least ``MIN_DOCS`` documents, and as such in at least
``MIN_RATE`` of its occurrences in the text, and is in no hand list (``loose_cues.txt``,
the rule cues). The loose generator (:mod:`loose`) proposes candidates at those words
too; the model (:mod:`decide`) keeps or drops them, learning each word's weight inside
each training fold. Requiring several documents keeps a word out that only one
document's gold vouches for (a word a held-out fold alone supplies would leak it).
Deterministic: the same data writes the same file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from quotewire.extract.lexicons import CUES, words
from quotewire.extract.training_data import POLNEAR_TRAIN

OUT = Path(__file__).resolve().parent / "lexicons" / "learned_cues.txt"
MIN_DOCS = 4
MIN_RATE = 0.15
_WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")
# Words a cue span starts with that are not its head: auxiliaries and articles.
_LEAD = frozenset("is was are were has have had be been the a of to on in for and not also his "
                  "her their would will could".split())
# Frequent cue-span heads that are no cue of their own: adverbs, light verbs and
# function words ("according to" is a rule frame; "went after", "looking for" need the
# particle), checked on the train split's list.
_NOT_CUES = frozenset("according went looking look looks focus debate strategy response "
                      "address quick campaign continue remain goes become came using taking "
                      "like about under since with without there being yet last less most "
                      "some both only well".split())


def learned_cues(golds: list[dict]) -> list[str]:
    """The learned cue words of the gold articles ``golds``, sorted."""
    docs: dict[str, set[str]] = defaultdict(set)
    as_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for g in golds:
        seen.update(_WORD.findall(g["text"].lower()))
        for q in g["quotes"]:
            head = next((w for w in _WORD.findall((q.get("cue") or "").lower())[:3]
                         if w not in _LEAD), None)
            if head is not None:
                docs[head].add(g["doc_id"])
                as_cue[head] += 1
    known = words("loose_cues.txt") | frozenset(CUES) | words("function_words.txt")
    known |= words("adverbs.txt")
    return sorted(
        w
        for w, ds in docs.items()
        if len(ds) >= MIN_DOCS
        and as_cue[w] >= MIN_RATE * max(seen[w], 1)
        and w.isalpha()
        and len(w) >= 4
        and not w.endswith("ly")
        and w not in known
        and w not in _NOT_CUES
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=POLNEAR_TRAIN)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = args.gold.read_text(encoding="utf-8")
    golds = [json.loads(line) for line in text.splitlines() if line.strip()]
    head = ("# Learned cue words: heads of PolNeAR train gold cues in no hand list\n"
            "# (python -m quotewire.extract.cue_lexicon; min docs %d, min rate %.2f).\n"
            % (MIN_DOCS, MIN_RATE))
    args.out.write_text(head + "".join(w + "\n" for w in learned_cues(golds)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
