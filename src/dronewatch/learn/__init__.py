"""Learning the extractor's decisions from annotated documents: the corpus, training and honest measurement."""

from .corpus import GoldDocument, corpus_hash, load_corpus
from .train import train_model

__all__ = ["GoldDocument", "corpus_hash", "load_corpus", "train_model"]
