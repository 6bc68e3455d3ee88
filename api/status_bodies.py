"""The catalogue status documents of one snapshot (`/v1/catalogues…`), encoded when first asked for.

They describe every catalogue of every language, so they grow with the library (8 MB for the
problem lists of 3,000 catalogues) while translators' tools ask for them now and then: a reload
does not make them, and a snapshot nobody asked about never holds them."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence

from api.catalogues.serving import CatalogueKey, CatalogueState, LoadProblem
from api.catalogues.status import catalogue_documents
from api.documents import Document
from api.encoded import EncodedBody, encode, held
from api.readiness import Readiness


class StatusBodies:
    """One snapshot's status documents, made together on the first request, each encoded once."""

    def __init__(
        self,
        revision: str,
        states: Mapping[CatalogueKey, CatalogueState],
        served: Sequence[str],
        problems: Iterable[LoadProblem],
        unpublished: Mapping[str, Readiness],
    ) -> None:
        self._inputs = (revision, states, served, tuple(problems), unpublished)
        self._documents: dict[str, Document] | None = None
        self._bodies: dict[str, EncodedBody] = {}
        self._lock = threading.Lock()

    def with_problem(self, problem: LoadProblem) -> StatusBodies:
        revision, states, served, problems, unpublished = self._inputs
        return StatusBodies(revision, states, served, (*problems, problem), unpublished)

    def keys(self) -> list[str]:
        with self._lock:
            return list(self._made_documents())

    def get(self, key: str) -> EncodedBody | None:
        with self._lock:
            documents = self._made_documents()
            if key not in self._bodies and key in documents:
                self._bodies[key] = held(encode(documents[key], None))
            return self._bodies.get(key)

    def _made_documents(self) -> dict[str, Document]:
        if self._documents is None:
            self._documents = catalogue_documents(*self._inputs)
        return self._documents
