"""The public list of mbo-certificates (no login needed)."""

from django.shortcuts import render

from . import certificate_selectors
from .certificate_forms import CertificateSearchForm
from .models import VetCertificate
from .views import _page


def certificate_list(request):
    """mbo-certificates, searchable by word and filterable by sector and level."""
    form = CertificateSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        certificates = certificate_selectors.search_certificates(
            query=form.cleaned_data["q"],
            sector=form.cleaned_data["sector"],
            level=form.cleaned_data["level"],
        )
    elif form.is_bound:
        certificates = VetCertificate.objects.none()
    else:
        certificates = certificate_selectors.certificate_list()
    return render(
        request,
        "qualifications/certificate_list.html",
        {"form": form, "page_obj": _page(request, certificates), "is_filtered": form.is_bound},
    )
