"""Address checks of the safe fetcher: nothing on loopback, private or link-local networks."""

import ipaddress

import pytest

from byline.responses.fetch import FetchError, check_url, forbidden_reason, resolve


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.20", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
    ],
)
def test_non_public_addresses_are_refused(address, kind):
    assert forbidden_reason(ipaddress.ip_address(address)).startswith(kind)


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert forbidden_reason(ipaddress.ip_address(address)) == ""


def test_a_host_name_resolving_to_loopback_is_refused():
    with pytest.raises(FetchError, match="loopback"):
        resolve("localhost", 80, allow_private=False)


def test_private_addresses_pass_when_the_site_allows_them():
    assert str(resolve("127.0.0.1", 80, allow_private=True)) == "127.0.0.1"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]:8000/post/",
        "https://10.0.0.5/",
        "http://192.168.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fc00::1]/",
        "http://localhost:8000/",
        "http://2130706433/",  # 127.0.0.1 written as one number
    ],
)
def test_urls_on_private_addresses_are_refused(url):
    with pytest.raises(FetchError, match="refused"):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", ["ftp://example.com/", "file:///etc/passwd", "javascript:x", ""])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(FetchError, match="not an http"):
        check_url(url, allow_private=True)
