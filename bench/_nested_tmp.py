import os, time, statistics
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings")
for n,v in (("DEBUG","0"),("SECURE_SSL_REDIRECT","0"),("TWO_FACTOR_REQUIRED","0"),("PAGE_CACHE","0")): os.environ.setdefault(n,v)
import django; django.setup()
from django.test import Client
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ooapi.ids import uid
from regions.models import Organisation
from qualifications.models import QualificationFile, Qualification
from submissions.models import Submission
mbo = Organisation.objects.filter(kind="mbo", submissions__state="approved").first() or Organisation.objects.filter(kind=Organisation.Kind.VET_INSTITUTION).first()
d = QualificationFile.objects.order_by("crebo").last()
q = Qualification.objects.order_by("crebo").last()
o = uid("organization", mbo.code)
from ooapi.selectors import specification_id
urls = [f"/ooapi/v5/organizations/{o}/courses", f"/ooapi/v5/organizations/{o}/education-specifications",
 f"/ooapi/v5/organizations/{o}/offerings", f"/ooapi/v5/organizations/{o}/programs",
 f"/ooapi/v5/education-specifications/{specification_id('dossier', d.crebo)}/education-specifications",
 f"/ooapi/v5/education-specifications/{specification_id('qualification', q.crebo)}/programs",
 "/ooapi/v5/programs?sort=programId", "/ooapi/v5/courses?sort=courseId", "/ooapi/v5/organizations?sort=organizationId"]
c = Client()
for u in urls:
    r = c.get(u)
    ts=[]
    for _ in range(3):
        with CaptureQueriesContext(connection) as qs:
            s=time.process_time(); r=c.get(u); ts.append((time.process_time()-s)*1000)
    print(r.status_code, round(statistics.median(ts),1), "ms", len(qs), "q", len(r.json().get("items", [])), u[:90])
