"""Write endpoints: the bearer token, SSRF refusals before any connection, ingest, aliases."""

from __future__ import annotations

import socket

import pytest
import yaml

ARTICLE = {"text": "Brazil criticized Venezuela on Tuesday over the border dispute.",
           "title": "Brazil criticizes Venezuela", "outlet": "Folha",
           "published": "2025-11-28"}


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdA=="},
    {"Authorization": "Bearer"},
])
def test_writes_without_the_token_are_401(write_client, headers):
    for response in (write_client.post("/api/ingest", json=ARTICLE, headers=headers),
                     write_client.put("/api/actors/VEN/aliases", json={"aliases": ["x"]},
                                      headers=headers)):
        assert response.status_code == 401, response.text
        assert response.json()["error"]["code"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"


def test_writes_are_disabled_without_a_configured_token(corpus_url):
    from fastapi.testclient import TestClient

    from escalada.api import ApiSettings, create_app

    with TestClient(create_app(ApiSettings(db_url=corpus_url))) as client:
        response = client.post("/api/ingest", json=ARTICLE,
                               headers={"Authorization": "Bearer anything"})
    assert response.status_code == 401
    assert "no token" in response.json()["error"]["message"]


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test if anything opens a connection."""
    attempts: list[object] = []

    def refuse(self, address):  # noqa: ANN001, ANN202
        attempts.append(address)
        raise AssertionError(f"connection attempted to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: refuse(None, address))
    return attempts


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/admin", "http://127.0.0.1:8000/api/events", "http://localhost/",
    "http://10.0.0.5/secret", "http://10.255.1.1:8080/", "http://192.168.1.1/",
    "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/",
    "http://172.16.0.1/",
])
def test_private_urls_are_refused_before_connecting(write_client, auth, no_connections, url):
    response = write_client.post("/api/ingest", json={"url": url}, headers=auth)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "blocked_address"
    assert "refusing" in error["message"]
    assert no_connections == []


@pytest.mark.parametrize("body", [
    {"url": "ftp://example.org/x"}, {"url": "not a url"}, {}, {"text": "x", "url": "http://a.b/"},
    {"text": "Some text.", "colour": "blue"},
])
def test_bad_ingest_bodies_are_422(write_client, auth, body):
    response = write_client.post("/api/ingest", json=body, headers=auth)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_ingest_text_codes_stores_and_fuses(write_client, auth):
    response = write_client.post("/api/ingest", json=ARTICLE, headers=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["new_documents"] == 1 and body["mentions"] >= 1
    events = write_client.get("/api/events?actor=BRA").json()["items"]
    assert [e["recipient"][0]["country"] for e in events] == ["VEN"]
    again = write_client.post("/api/ingest", json=ARTICLE, headers=auth).json()
    assert again["new_documents"] == 0 and again["already_stored"] == 1


def test_put_aliases_writes_a_user_actor_dictionary(write_client, auth, tmp_path):
    response = write_client.put("/api/actors/ven/aliases", headers=auth,
                                json={"aliases": ["Bolivarian Republic", " Tierra  de Gracia "]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "VEN" and body["aliases"] == ["Bolivarian Republic",
                                                       "Tierra de Gracia"]
    data = yaml.safe_load((tmp_path / "aliases.yaml").read_text())
    assert data == {"countries": {"VEN": {"name": "Venezuela",
                                          "aliases": ["Bolivarian Republic",
                                                      "Tierra de Gracia"]}}}
    from escalada.actors._data import load_lexicon

    load_lexicon([tmp_path / "aliases.yaml"])  # the resolver accepts the file


@pytest.mark.parametrize(("actor", "status"), [("XXX", 422), ("5b32008e3dc9", 422)])
def test_put_aliases_refuses_unknown_or_non_country_ids(write_client, auth, actor, status):
    response = write_client.put(f"/api/actors/{actor}/aliases", json={"aliases": ["a"]},
                                headers=auth)
    assert response.status_code == status, response.text


def test_oversized_bodies_are_413_before_anything_else(write_client, auth):
    from escalada.settings import Settings

    size = Settings().max_document_bytes + 200_000
    response = write_client.post("/api/ingest", headers={**auth, "Content-Type":
                                                         "application/json"},
                                 content=b'{"text": "' + b"a" * size + b'"}')
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
