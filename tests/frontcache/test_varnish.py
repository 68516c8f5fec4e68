"""Varnish in front of the site (deploy/varnish/default.vcl): what it keeps, what it never keeps,
and publishing purging it (home/frontcache.py). Each test goes through the real varnishd of
conftest.py, in front of Django's live server in this process."""

import datetime
import time

from django.test import Client

from wagtail.models import Page, Site

import pytest

from home.factories import home_page, locale, publish
from home.models import ArticlePage, NewsIndexPage, OrganisationSettings
from tests.frontcache.conftest import HOST

# Transactional (the live server reads what the test commits), without serialized_rollback: it
# reloads the migrations' rows into a database that may still hold them. `pages` builds what
# these tests need on a database another transactional test may have emptied.
pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "/fr/actualites/table-lyon/"
NEWS = "/fr/actualites/"
# A CSRF cookie as Django writes it (a token of another form would be replaced).
TOKEN = "a" * 32


@pytest.fixture
def pages(varnish):
    """The French home, a news index and one article, published."""
    fr = locale("fr")
    locale("en")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=fr)
    )
    Site.objects.get_or_create(
        is_default_site=True,
        defaults={"hostname": HOST, "root_page": root, "site_name": "Test"},
    )
    home = home_page()
    news = publish(home, NewsIndexPage(title="Actualités", slug="actualites"))
    article = publish(
        news,
        ArticlePage(
            title="Une table d'hôtes ouvre à Lyon",
            slug="table-lyon",
            date=datetime.date(2025, 3, 14),
        ),
    )
    # Whatever building the pages purged, each test starts from an empty Varnish.
    varnish.forget_everything()
    return {"home": home, "news": news, "article": article}


def retitle(page, title: str) -> None:
    """An editor's change, published through Wagtail's API (a revision, then its publish)."""
    page.title = title
    page.save_revision().publish()


def test_a_second_anonymous_visit_is_a_hit_that_never_reaches_django(
    varnish, pages, django_requests
):
    first = varnish.request("GET", ARTICLE, {"X-Forwarded-For": "203.0.113.9"})
    assert first.status == 200
    assert first.cache == "MISS"
    assert "Une table d&#x27;hôtes ouvre à Lyon" in first.text
    assert django_requests == [ARTICLE]
    # Varnish adds the address it saw, as a proxy does (README: TRUSTED_PROXY_COUNT).
    assert django_requests.forwarded == ["203.0.113.9, 127.0.0.1"]

    second = varnish.get(ARTICLE, cookies={"_ga": "GA1.1.1234"})  # an analytics cookie: ignored

    assert second.cache == "HIT"
    assert second.text == first.text
    assert django_requests == [ARTICLE]
    # The front cache's instructions stay between the site and Varnish; browsers revalidate.
    assert "surrogate-control" not in second.headers
    assert second.headers["cache-control"] == "public, max-age=0, must-revalidate"


def test_the_site_gets_the_form_and_language_cookies_only(varnish, pages, django_requests):
    """Cookies never make a page personal to Varnish, but a form's CSRF cookie reaches the site
    on a miss: a form page (never stored) keeps the visitor's token rather than a new one."""
    cookies = {"_ga": "GA1", "csrftoken": TOKEN, "_pk_id": "1", "django_language": "en"}

    varnish.get(ARTICLE, cookies=cookies)
    varnish.get(NEWS, cookies={"_ga": "GA1"})

    assert django_requests.cookies == [f"csrftoken={TOKEN}; django_language=en", ""]
    assert varnish.get(ARTICLE, cookies=cookies).cache == "HIT"


def test_a_published_change_shows_at_the_next_request(varnish, pages):
    assert varnish.get(ARTICLE).cache == "MISS"
    assert varnish.get(ARTICLE).cache == "HIT"
    # A list's other addresses (pagination, filters) are cached apart, and purged too.
    for path in (NEWS, f"{NEWS}?page=1", "/fr/"):
        varnish.get(path)
        assert varnish.get(path).cache == "HIT"

    retitle(pages["article"], "Une cantine solidaire ouvre à Lyon")
    published = time.monotonic()

    after = varnish.get(ARTICLE)
    assert "Une cantine solidaire ouvre à Lyon" in after.text
    assert after.cache == "MISS"
    # The purge went out when the publish committed: well within the second.
    assert time.monotonic() - published < 1.0
    for path in (NEWS, f"{NEWS}?page=1"):
        assert "Une cantine solidaire ouvre à Lyon" in varnish.get(path).text, path


def test_an_unpublished_page_is_gone_at_the_next_request(varnish, pages):
    varnish.get(ARTICLE)
    assert varnish.get(ARTICLE).cache == "HIT"

    pages["article"].unpublish()

    assert varnish.get(ARTICLE).status == 404
    assert "Une table d&#x27;hôtes" not in varnish.get(NEWS).text


def test_a_deleted_page_is_gone_at_the_next_request(varnish, pages):
    varnish.get(ARTICLE)
    varnish.get(NEWS)
    assert varnish.get(ARTICLE).cache == "HIT"

    pages["article"].delete()

    assert varnish.get(ARTICLE).status == 404
    assert "Une table d&#x27;hôtes" not in varnish.get(NEWS).text


def test_a_moved_page_leaves_its_old_address(varnish, pages):
    other = publish(pages["home"], NewsIndexPage(title="Archives", slug="archives"))
    for path in (ARTICLE, NEWS):
        varnish.get(path)
        assert varnish.get(path).cache == "HIT"

    pages["article"].move(other, pos="last-child")

    # Not the cached page: Wagtail's redirect to the new address.
    moved = varnish.get(ARTICLE)
    assert moved.status == 301
    assert moved.headers["location"].endswith("/fr/archives/table-lyon/")
    assert "Une table d&#x27;hôtes" in varnish.get("/fr/archives/table-lyon/").text
    # The list it left no longer shows it.
    assert "Une table d&#x27;hôtes" not in varnish.get(NEWS).text


def test_a_signed_in_editor_is_never_served_nor_stores_a_cached_page(
    varnish, pages, django_user_model, django_requests
):
    editor = django_user_model.objects.create_superuser("editrice", "e@example.org", "x")
    client = Client(HTTP_HOST=HOST)
    client.force_login(editor)
    session = {"sessionid": client.cookies["sessionid"].value}
    anonymous = varnish.get(ARTICLE)
    assert varnish.get(ARTICLE).cache == "HIT"

    for _ in range(2):
        mine = varnish.get(ARTICLE, cookies=session)
        assert mine.cache == "PASS"
        # The editor's own page: Wagtail's user bar, to edit it.
        assert "wagtail-userbar" in mine.text
    assert django_requests.count(ARTICLE) == 3

    # What the editor saw was never stored: the next anonymous visitor gets the public page.
    varnish.forget_everything()
    varnish.get(ARTICLE, cookies=session)
    public = varnish.get(ARTICLE)
    assert public.cache == "MISS"
    assert "wagtail-userbar" not in public.text
    assert "wagtail-userbar" not in anonymous.text


def test_posts_and_personal_addresses_always_reach_the_site(varnish, pages, django_requests):
    posted = varnish.request("POST", ARTICLE, {"Content-Type": "application/x-www-form-urlencoded"})
    assert posted.cache == "PASS"
    for path in ("/fr/mon-espace/", "/en/my-space/", "/admin/login/", "/healthz"):
        for _ in range(2):
            assert varnish.get(path).cache == "PASS", path
    assert django_requests.count("/fr/mon-espace/") == 2


def test_only_the_app_servers_may_purge(varnish, pages):
    """The VCL's `purgers` ACL: here 127.0.0.1, the site's address; 127.0.0.2 is a stranger."""
    varnish.get(ARTICLE)
    for method, path in (("PURGE", ARTICLE), ("BAN", "/*"), ("BAN", ARTICLE)):
        assert varnish.request(method, path, source="127.0.0.2").status == 405
    assert varnish.get(ARTICLE).cache == "HIT"

    assert varnish.request("PURGE", ARTICLE).status == 200
    assert varnish.get(ARTICLE).cache == "MISS"


def test_a_site_wide_change_purges_every_page(varnish, pages):
    for path in (ARTICLE, NEWS, "/fr/"):
        varnish.get(path)
        assert varnish.get(path).cache == "HIT", path

    organisation = OrganisationSettings.for_site(pages["home"].get_site())
    organisation.short_name = "Réseau Tartempion"
    organisation.save()

    for path in (ARTICLE, NEWS, "/fr/"):
        answer = varnish.get(path)
        assert answer.cache == "MISS", path
        assert "Réseau Tartempion" in answer.text, path


def test_a_broken_purge_is_caught(varnish, pages, settings):
    """The check above fails when purging does: with the purges sent nowhere, the stale page
    stays, and the same assertion sees it."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "home.frontcache.VarnishBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    varnish.get(ARTICLE)

    retitle(pages["article"], "Une cantine solidaire ouvre à Lyon")

    stale = varnish.get(ARTICLE)
    assert stale.cache == "HIT"
    assert "Une cantine solidaire ouvre à Lyon" not in stale.text
