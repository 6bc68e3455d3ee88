"""The HTTP layer: the only part of the code that knows Litestar."""
