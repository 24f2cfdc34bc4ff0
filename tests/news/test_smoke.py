def test_home_page_renders(client, article):
    response = client.get("/")
    assert response.status_code == 200
    assert article.title in response.content.decode()
