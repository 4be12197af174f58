"""/robots.txt: public pages open to crawlers, accounts' pages not; no database needed."""


def test_robots_txt_keeps_crawlers_out_of_private_pages(client):
    # No django_db mark: any database access would fail this test.
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /indieningen/" in body
    assert "Disallow: /kwalificaties/" not in body
