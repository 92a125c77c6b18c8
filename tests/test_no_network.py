"""Cleaning never opens a socket: every fixture is cleaned with socket creation blocked."""
from __future__ import annotations

import socket

import pytest
from conftest import FIXTURES

from cleaner import Cleaner

FILES = sorted(p for d in ("html", "text", "seeds") for p in (FIXTURES / d).rglob("*") if p.suffix in (".html", ".txt"))
#: a page that asks for the network every way XHTML can: an external DTD, external entities
FETCHING = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" [
<!ENTITY remote SYSTEM "http://example.com/entity.txt"> <!ENTITY % pe SYSTEM "http://example.com/pe.dtd"> %pe;]>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>Remote</title>
<link rel="stylesheet" href="http://example.com/style.css"/></head><body><article>
<xi:include href="http://example.com/part.xml"/><p>&remote;</p><img src="http://example.com/a.png"/>
<p>The city council voted on Tuesday to extend the hours of the public library, after months of debate about the cost.</p>
<iframe src="https://platform.twitter.com/embed/x"></iframe></article></body></html>"""


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_sockets(monkeypatch):
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise NetworkUsed(f"cleaning tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "__init__", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    yield opened
    assert not opened, opened


def test_the_blocker_blocks(no_sockets):
    with pytest.raises(NetworkUsed):
        socket.socket()
    no_sockets.clear()


def test_every_fixture_is_cleaned_without_the_network(no_sockets):
    assert len(FILES) >= 20
    c = Cleaner()
    for path in FILES:
        data = path.read_bytes()
        url = f"https://news.example.com/{path.stem}"
        article = c.clean_html(data, url=url) if path.suffix == ".html" else c.clean_text(data, url=url)
        assert article.body, path
        c.clean(data)  # sniffed, without a URL


def test_a_page_that_asks_for_the_network_gets_none(no_sockets):
    a = Cleaner().clean_html(FETCHING, url="http://example.com/news/1")
    assert "public library" in a.body
