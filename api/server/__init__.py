"""The HTTP server below the app: uvicorn's httptools protocol, with the bounds a hostile client
must not be able to stretch (header bytes and time, connections per worker)."""
