"""The suite must never reach a real platform: a connection off this machine fails."""

import socket

import pytest
import requests
from pytest_socket import SocketConnectBlockedError


def test_raw_socket_to_the_internet_is_refused() -> None:
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("104.244.42.1", 443), timeout=1)


def test_requests_to_a_platform_is_refused() -> None:
    with pytest.raises((SocketConnectBlockedError, requests.exceptions.ConnectionError)):
        requests.get("https://104.244.42.1/2/tweets", timeout=1)
