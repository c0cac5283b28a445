from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.analyze import nlp as nlp_model


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_model.load()
