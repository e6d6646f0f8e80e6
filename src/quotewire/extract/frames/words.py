"""Word sets read by more than one step of the frame reader.

The lists themselves are data (``lexicons/*.txt``, one word per line, each file's header
says what it is for); what stays literal here are small closed sets of function words
and the three synthetic cue entries (noun cue, dash, colon).
"""

from __future__ import annotations

from quotewire.extract.lexicons import CUE_FIRST_WORDS, THAT_NOUNS, CueEntry, pairs, words
from quotewire.extract.timex_lexicon import WEEKDAYS

# Weekday names in full ("monday"), from the temporal tagger's lexicon.
_WEEKDAYS = frozenset(name.lower() for name in WEEKDAYS if name.lower().endswith("day"))
_LY_NOUNS = words("ly_nouns.txt")  # "family", "rally": not adverbs
_BE = words("passive_auxiliaries.txt")
_NP_PREPOSITIONS = frozenset(["of", "for", "at", "from", "by", "in"])
_CONJ = frozenset(["and", "&"])
# A possessive word as :mod:`tokens` keeps it: "the mayor's", "the judges'".
_POSSESSIVE_ENDS = ("'s", "\u2019s", "s'", "s\u2019")
_TRAILING_OPENERS = words("trailing_openers.txt") | _WEEKDAYS
_TIME_NOUNS = words("time_nouns.txt") | _WEEKDAYS
_OBJECT_PRONOUNS = words("object_pronouns.txt")
_CUE_WORDS = CUE_FIRST_WORDS | {"according"}
# "assertion", "statement": cue nouns that are never verbs; cues only before "that".
_NOUN_ONLY = THAT_NOUNS - CUE_FIRST_WORDS
# "has faced questions about X": verbs whose object is the noun cue.
_NOUN_OBJECT_VERBS = words("noun_object_verbs.txt")
# "his criticism of X", "Trump's support for X": noun -> its prepositions.
PREP_NOUNS = {noun: tuple(preps.split()) for noun, preps in pairs("prep_nouns.tsv").items()}
_NOUN_CUE = CueEntry(
    words=("that-noun",), cue_class="other", post=False, inv=False, obj=False, that_only=True
)
_DASHES = frozenset("\u2015\u2014\u2013")
_DASH_CUE = CueEntry(
    words=("\u2015",), cue_class="speech", post=False, inv=True, obj=False, that_only=False
)
_COLON_CUE = CueEntry(
    words=(":",), cue_class="speech", post=False, inv=False, obj=False, that_only=False
)
_BY_PASSIVES = words("by_passive_cues.txt")
_POSSESSIVES = frozenset(["his", "her", "their", "its", "our", "my", "your"])
_TIME_ADVERBS = words("time_adverbs.txt")
_FREE_RELATIVES = frozenset(["what", "everything", "anything", "something", "nothing"])
_SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "we", "i"])
# Auxiliaries (and "also") that show a finite clause has begun after ", and DET ...".
_CLAUSE_AUX = words("clause_auxiliaries.txt")
_PREDICATE_AUX = words("predicate_auxiliaries.txt")
_IRREGULAR_PAST = words("irregular_past.txt")
_EVENT_PREPOSITIONS = frozenset(["in", "on", "at", "during"])
# Heads of the "in a statement" / "on Twitter" / "at a rally" phrases that place a
# speech act; with the time nouns they end an object ("called for X in a statement on
# Thursday"). Prepositions in general do not (train F1 -0.014 when cutting at any).
_EVENT_NOUNS = words("event_nouns.txt") | _TIME_NOUNS
_ING_SUBORDINATORS = frozenset(["while", "before", "after", "when", "by"])
