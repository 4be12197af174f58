import os, sys, cProfile, pstats, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings")
for n,v in (("DEBUG","0"),("SECURE_SSL_REDIRECT","0"),("TWO_FACTOR_REQUIRED","0")): os.environ.setdefault(n,v)
import django; django.setup()
from django.test import Client
from bench.load import journeys, prepare_fixture
fx=prepare_fixture()
sel=sys.argv[1]
role,name,url=[p for p in journeys(fx) if sel in p[1]][0]
c=Client()
if role: c.cookies["sessionid"]=fx["accounts"][role][0]["session"]
for _ in range(3): c.get(url)
p=cProfile.Profile(time.process_time)
p.enable()
for _ in range(10): c.get(url)
p.disable()
s=pstats.Stats(p)
s.sort_stats("cumulative").print_stats(r"perf3/(?!.venv)", 30)
for f in sys.argv[2:]:
    s.print_callees(f)
