#!/usr/bin/env bash
# Load the fictional Northshire network into a FRESH store: 16 partners, two Lunch and Learn
# sessions with attendance, stage moves, actions and pay aggregates. Dates are pinned so the
# demo reads the same whenever it is run. Usage:
#   RLWCHECK_DB=out/network.db samples/network/demo.sh
# then try: rlwcheck network report --output board.html   (with the same RLWCHECK_DB and RLWCHECK_TODAY)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rlw="${RLWCHECK:-rlwcheck}"
export RLWCHECK_USER="${RLWCHECK_USER:-icb.lead}"

at() { RLWCHECK_TODAY="$1" $rlw network "${@:2}" >/dev/null; }

at 2026-01-05 import "$here/partners.csv"

at 2026-03-12 session "Lunch and Learn: the Real Living Wage" --on 12/03/2026 \
  --place "Brackenford ICB offices" \
  --covered "What the Real Living Wage is and how it differs from the National Living Wage; the accreditation steps; costing the gap for Agenda for Change Band 2"
for partner in "Brackenford Teaching Hospitals NHS Foundation Trust" "Northshire Community Health NHS Trust" \
  "Kestrelmouth College" "Ellerdale District Council" "Northshire Fire and Rescue Service" \
  "Fellham Valley Housing Trust"; do
  at 2026-03-12 attend 1 "$partner" --role "HR lead"
done

at 2026-03-12 move "Northshire Community Health NHS Trust" aware --on 12/03/2026 --note "Attended the March Lunch and Learn"
at 2026-03-12 move "Ellerdale District Council" aware --on 12/03/2026 --note "Attended the March Lunch and Learn"
at 2026-03-12 move "Northshire Fire and Rescue Service" aware --on 12/03/2026 --note "Attended the March Lunch and Learn"
at 2026-03-13 follow-up 1 --out "${TMPDIR:-/tmp}/rlwcheck-demo-followup-1"
at 2026-04-02 move "Brackenford Teaching Hospitals NHS Foundation Trust" committed --on 02/04/2026 --note "Chief Executive agreed to sponsor"
at 2026-04-20 move "Kestrelmouth and District NHS Trust" paying_direct_staff --on 20/04/2026 --note "Band 2 uplift paid from April payroll"
at 2026-05-06 move "Northshire Facilities Partnership Ltd" accredited --on 06/05/2026 --evidence lwf_directory --note "Listed in the LWF directory"
at 2026-05-28 move "Fellham Valley Housing Trust" paused --on 28/05/2026 --reason "Merger talks put the budget on hold"

at 2026-03-13 action "Northshire Fire and Rescue Service" "Brief the Chief Fire Officer and name a sponsor" --owner "Marcus Hale" --due 30/04/2026
at 2026-03-13 action "Northshire County Council" "Date the cleaning and catering contract milestones" --owner "Grace Lindqvist" --due 31/05/2026
at 2026-03-13 action "Kestrelmouth College" "Share headcount and staff below the Real Living Wage" --owner "ICB RLW lead" --due 15/04/2026
at 2026-04-14 done 1 --on 14/04/2026 --note "Sponsor named"

at 2026-03-31 pay "Brackenford Teaching Hospitals NHS Foundation Trust" --staff-below 412 --cost 755,810.24 --headcount 9800 --as-of 31/03/2026
at 2026-03-31 pay "Northshire Integrated Care Board" --staff-below 0 --cost 0 --headcount 310 --as-of 31/03/2026
at 2026-03-31 pay "Brackenford City Council" --staff-below 0 --cost 0 --headcount 2600 --as-of 31/03/2026
at 2026-04-30 pay "Kestrelmouth and District NHS Trust" --staff-below 96 --cost 176,112.00 --headcount 4100 --as-of 30/04/2026

at 2026-06-18 session "Lunch and Learn: contractors and phased accreditation" --on 18/06/2026 \
  --place "Kestrelmouth Civic Centre" \
  --covered "Mapping contracts, licence milestones at renewal or break clauses, Recognised Service Providers"
for partner in "Northshire County Council" "Kestrelmouth and District NHS Trust" \
  "Brackenford Teaching Hospitals NHS Foundation Trust" "Thornby Cross Borough Council"; do
  at 2026-06-18 attend 2 "$partner" --role "Procurement lead"
done
at 2026-06-18 move "Thornby Cross Borough Council" aware --on 18/06/2026 --note "Attended the June Lunch and Learn"
at 2026-06-19 follow-up 2 --out "${TMPDIR:-/tmp}/rlwcheck-demo-followup-2"

echo "Loaded the Northshire sample network. Next: RLWCHECK_TODAY=2026-07-15 $rlw network report --output out/board.html"
