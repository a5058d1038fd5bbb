"""NLP stage: owns the spaCy model; hands on parsed sentences."""

from escalada.nlp.pipeline import load_model, parse_documents, parse_texts

__all__ = ["load_model", "parse_documents", "parse_texts"]
