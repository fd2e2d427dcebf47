# Times VisiData loading the decision table of a Cabinet Desk store, as `vd store.sqlite` then
# opening `decision` would, and reports its peak memory. Usage: python3 vd_open.py STORE
import resource, sys, time
from visidata import vd
started = time.time()
index = vd.openSource(sys.argv[1])
index.ensureLoaded(); vd.sync()
listed = time.time()
table = next(s for s in index.rows if getattr(s, 'tableName', '') == 'decision')
table.ensureLoaded(); vd.sync()
loaded = time.time()
# VisiData reads every table whole while listing them, so the decision table is usually
# loaded by the time the list is: the time that counts is the sum.
print(f"open_decision_table_s={loaded - started:.2f} (listing {listed - started:.2f}) rows={len(table.rows)} peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
