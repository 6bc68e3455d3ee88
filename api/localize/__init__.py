"""The source content and one locale's catalogues → that locale's documents, with their fallbacks."""
