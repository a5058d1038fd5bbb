"""The learned PLOVER event classifier: span-pair features, cue lexicon and the model."""

from escalada.coding.learned.cues import CueLexicon, default_lexicon, load_lexicon
from escalada.coding.learned.model import (
    DEFAULT_MODEL_PATH,
    EventClassifier,
    ModelConfig,
)

__all__ = [
    "DEFAULT_MODEL_PATH",
    "CueLexicon",
    "EventClassifier",
    "ModelConfig",
    "default_lexicon",
    "load_lexicon",
]
