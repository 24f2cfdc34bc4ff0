import pytest

from people.models import Person, Term
from tests.factories import OrganizationFactory, PersonFactory, PostFactory, TermFactory

pytestmark = pytest.mark.django_db


def inline(prefix, rows, initial=0):
    """Return the POST data of an inline formset with the given rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def person_data(**fields):
    return {
        "name": "Ilona Benz",
        "slug": "ilona-benz",
        "honorific": "",
        "gender": "f",
        "bio": "",
        "photo_alt": "",
        "photo_credit": "",
        **fields,
    }


@pytest.mark.parametrize(
    "url",
    [
        "/admin/people/person/",
        "/admin/people/person/add/",
        "/admin/people/organization/",
        "/admin/people/post/",
        "/admin/people/post/add/",
        "/admin/people/term/",
        "/admin/people/term/add/",
    ],
)
def test_admin_pages_answer(admin_client, url):
    TermFactory(start="2017", end="31.03.2022")
    assert admin_client.get(url).status_code == 200


def test_admin_change_pages_answer(admin_client):
    term = TermFactory(start="2017")
    for url in (
        f"/admin/people/person/{term.person.pk}/change/",
        f"/admin/people/post/{term.post.pk}/change/",
        f"/admin/people/organization/{term.post.organization.pk}/change/",
        f"/admin/people/term/{term.pk}/change/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
    assert 'value="2017"' in response.content.decode()


def test_admin_names_the_models_in_german(admin_client):
    page = admin_client.get("/admin/").content.decode()
    for name in ("Personen", "Organisationen", "Ämter", "Amtszeiten"):
        assert f">{name}</a>" in page


def test_person_with_terms_is_added_in_one_go(admin_client):
    post = PostFactory()
    data = person_data(
        **inline(
            "terms",
            [
                {
                    "post": post.pk,
                    "start_date": "2018",
                    "end_date": "31.01.2022",
                    "kind": "",
                    "note": "",
                },
            ],
        )
    )
    response = admin_client.post("/admin/people/person/add/", data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    term = Person.objects.get(slug="ilona-benz").terms.get()
    assert (str(term.start), str(term.end)) == ("2018", "31.01.2022")


def test_two_overlapping_new_terms_in_one_submission_are_refused(admin_client):
    post = PostFactory()
    row = {"post": post.pk, "end_date": "", "kind": "", "note": ""}
    data = person_data(
        **inline("terms", [{**row, "start_date": "2020"}, {**row, "start_date": "2021"}])
    )
    response = admin_client.post("/admin/people/person/add/", data)
    assert response.status_code == 200
    assert "überschneidet sich" in response.content.decode()
    assert not Person.objects.filter(slug="ilona-benz").exists()


def test_swapping_two_terms_in_one_submission_is_fine(admin_client):
    post = PostFactory()
    first = TermFactory(post=post, person=PersonFactory(), start="2017", end="2019")
    second = TermFactory(post=post, person=PersonFactory(), start="2020")
    rows = [
        {
            "id": first.pk,
            "person": first.person.pk,
            "start_date": "2020",
            "end_date": "",
            "kind": "",
            "note": "",
        },
        {
            "id": second.pk,
            "person": second.person.pk,
            "start_date": "2017",
            "end_date": "2019",
            "kind": "",
            "note": "",
        },
    ]
    data = {
        "organization": post.organization.pk,
        "label": post.label,
        "label_female": "",
        "label_male": "",
        "slug": post.slug,
        "seats": "1",
        "is_fully_recorded": "on",
        "description": "",
        **inline("terms", rows, initial=2),
    }
    response = admin_client.post(f"/admin/people/post/{post.pk}/change/", data)
    assert response.status_code == 302
    assert str(Term.objects.get(pk=first.pk).start) == "2020"


def test_person_photo_needs_alt_text_and_credit(admin_client, image_upload):
    data = person_data(photo=image_upload, **inline("terms", []))
    response = admin_client.post("/admin/people/person/add/", data)
    page = response.content.decode()
    assert "Bitte beschreiben Sie das Foto in einem Alternativtext." in page
    assert "Bitte geben Sie die Bildquelle des Fotos an." in page


def test_organization_admin_lists_parent(admin_client):
    OrganizationFactory(
        name="KL.digital GmbH", parent=OrganizationFactory(name="Stadt Kaiserslautern")
    )
    page = admin_client.get("/admin/people/organization/").content.decode()
    assert "KL.digital GmbH" in page and "Stadt Kaiserslautern" in page
