"""uvicorn with the server's own protocol and limits, so that the baselines of `bench.run` are
measured with the same settings as our server (header bytes and time, connection cap, keep-alive).

    python -m bench.bounded_uvicorn bench.baseline_litestar:app --port 8001
"""

from __future__ import annotations

import argparse

import uvicorn

from api.server.protocol import bounded_protocol
from api.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app")
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args()
    settings = Settings()
    uvicorn.run(
        arguments.app,
        port=arguments.port,
        http=bounded_protocol(settings),
        timeout_keep_alive=settings.keep_alive_timeout,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
