"""The route form offers the labour-market regions only: AM99 ("niet in te
delen") is in the CBS division but is no labour-market region (REG-01), so a
route cannot be drafted there."""

from django.urls import reverse

from pathways.models import Route
from regions.models import Region

from .helpers import PathwayTestCase

CREATE = reverse("pathways:route-create")


class RouteRegionTests(PathwayTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unassignable = Region.objects.create(code="AM99", name="Niet in te delen")

    def test_am99_is_not_offered(self):
        self.login(self.alice)
        response = self.client.get(CREATE)
        choices = [str(value) for value, _label in response.context["form"]["region"].field.choices]
        assert str(self.region.pk) in choices
        assert str(self.unassignable.pk) not in choices

    def test_a_route_in_am99_is_refused_with_a_message(self):
        self.login(self.alice)
        response = self.client.post(CREATE, self.form_data(region=self.unassignable.pk))
        assert response.status_code == 200
        assert response.context["form"].errors["region"]
        assert not Route.objects.exists()
