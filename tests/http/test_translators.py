"""Translators' own tokens: who uploaded each version is in history and in the file's header."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from api.cli import main
from api.translators import Authenticator, Translator, TranslatorsFile, hash_secret
from tests.conftest import Client, ClientFactory
from tests.http.test_errors import assert_problem
from tests.library import ARTICLE_DOMAIN, ARTICLE_PO, URDU, singular

NAME = "Amna Khan <amna@example.org>"
SECRET = "s3cret-of-amna"
HEADING = singular(URDU, "What Is It?")


@pytest.fixture
def translators_file(tmp_path: Path) -> Path:
    path = tmp_path / "translators.toml"
    row = Translator(id="amna", name=NAME, token_hash=hash_secret(SECRET, iterations=1_000))
    path.write_text(
        f'[[translators]]\nid = "{row.id}"\nname = "{row.name}"\ntoken_hash = "{row.token_hash}"\n', encoding="utf-8"
    )
    return path


@pytest.fixture
def desk(workspace: tuple[Path, Path], translators_file: Path, make_client: ClientFactory) -> Client:
    return make_client(content_dir=workspace[0], locales_dir=workspace[1], translators_file=translators_file)


def _upload(client: Client, token: str) -> tuple[int, dict[str, object]]:
    download = client.get(ARTICLE_PO, headers={"Accept-Encoding": "identity"})
    edited = download.content.replace(HEADING.encode(), "آخر یہ ہے کیا؟".encode())
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/plain", "If-Match": download.headers["etag"]}
    response = client.put(ARTICLE_PO, content=edited, headers=headers)
    return response.status_code, response.json()


def test_a_translator_s_upload_is_signed_with_their_name(desk: Client) -> None:
    status, _ = _upload(desk, f"amna.{SECRET}")
    assert status == 200
    (newest, _) = desk.get(f"/v1/catalogues/ur/history?domain={ARTICLE_DOMAIN}").json()["versions"]
    assert (newest["who"], newest["origin"]) == (NAME, "upload")
    served = desk.get(ARTICLE_PO, headers={"Accept-Encoding": "identity"}).text
    assert f'"Last-Translator: {NAME}\\n"' in served


@pytest.mark.parametrize("token", ["amna.wrong", "nobody.s3cret-of-amna", SECRET, "amna.", ".s3cret-of-amna"])
def test_a_wrong_translator_token_is_401(desk: Client, token: str) -> None:
    status, body = _upload(desk, token)
    assert status == 401, body


def test_the_token_command_makes_a_row_that_verifies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translator-token", "--id", "bilal", "--name", 'Bilal "B" Ahmed']) == 0
    output = capsys.readouterr().out
    token = output.split("(it is shown once): ")[1].split()[0]
    row = output[output.index("[[translators]]") :]
    listed = tomllib.loads(row)
    assert (
        TranslatorsFile(translators=(Translator(**listed["translators"][0]),)).translators[0].name == 'Bilal "B" Ahmed'
    )
    path = tmp_path / "translators.toml"
    path.write_text(row, encoding="utf-8")
    authenticator = Authenticator(None, path)
    assert authenticator.who(token) == 'Bilal "B" Ahmed'
    assert authenticator.who(token + "x") is None


def test_uploads_stay_refused_without_any_token_configured(client: Client) -> None:
    assert_problem(client.put(ARTICLE_PO, content=b"x", headers={"Authorization": "Bearer x"}), 403)
