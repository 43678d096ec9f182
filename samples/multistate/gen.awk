# gen.awk: the multistate sample's HR export (export.csv) and variable
# items (items.csv), 10 employees in each of the 50 states and DC
# (MS0001-MS0510), then 191 in local tax jurisdictions (MS0511-MS0701,
# the local taxes block at the end).
# SYNTHETIC: every name, SSN, address and account is made up by this
# program (a fixed linear congruential generator, so the files are the
# same on every run); no real person is described.
#
#   awk -f samples/multistate/gen.awk -v dir=samples/multistate
#
# Per state, employees 1-7 live where they work (mixed salaried and
# hourly, single, married and head of household); 8 lives in a state with
# which the work state has a reciprocity agreement and filed its
# certificate (where the work state has one); 9 lives in another state
# that taxes its residents' wages, without a certificate (the resident
# state's tax less the work state's); 10 claims exemption from federal
# withholding (Form W-4 "Exempt").  Every seventh employee gets a bonus
# (supplemental wages); hourly employees get 80 hours and some overtime.
# Maryland residents and workers carry their MW507 county code, Indiana
# ones their WH-4 counties of residence (NA for a nonresident) and work.
# Local taxes where a rate is priced (docs/packs-us.md): in Pennsylvania
# employee 1 lives in Philadelphia, 2 works there; in Ohio 1, 2 and 4 work
# in Columbus, Cincinnati and Cleveland; in Michigan 1 lives and works in
# Lansing, 2 works in Grand Rapids, 4 lives in Saginaw and works in Grand
# Rapids; in Kentucky 1 lives and works in Louisville Metro, 2 works in
# Lexington-Fayette, 4 works in Louisville Metro.
#
# The local taxes block (issue 11, items 3 and 4; docs/packs-us.md "Local
# income taxes"), written after the first 510 so that they stay as they
# were: an employee paid in every priced locality - Philadelphia resident
# and nonresident (one from New Jersey); the 7 priced Ohio cities and a
# Canton residence withheld for; each of the 23 Michigan cities with an
# income tax, a resident and a nonresident, and Detroit, a resident and a
# nonresident; Louisville Metro resident and nonresident,
# Lexington-Fayette; a resident of each of the 23 Maryland counties and
# Baltimore City and a Delaware resident (the nonresident rate); a
# resident of each of the 92 Indiana counties (work county another one)
# and three who lived in Illinois on 1 January (county of work); a New
# York City resident, a Yonkers resident and nonresident.  And one in an
# unpriced locality of each system, whom payroll-calc rejects ("no
# sourced rate for <locality> on <date>"): the PA Act 32 PSD codes 999991
# and 999992 (made up: the pack prices no PSD code), Toledo (an unpriced
# Ohio work city), Dayton (an unpriced Ohio residence), Bowling Green (an
# unpriced Kentucky district); and two figures unpriced on the pay date:
# a Kettering resident's credit for Columbus tax ("no sourced credit"),
# Flint city exemptions ("no sourced exemption value").  Nineteen of
# them are paid 80 hours at $23.17 or $52,000 a year and nothing else:
# tests/multistate/run.sh works their local tax by hand.
# The local tax columns (Phila Res, Phila Work, OH City Work, MI City Res,
# MI City Work, KY OLT Work, KY OLT Res) of employee k of work state w.
function local(w, k) {
	if (w == "PA") return (k == 1 ? "Y" : "N") "," (k == 2 ? "Y" : "N") ",,,,,"
	if (w == "OH" && (k == 1 || k == 2 || k == 4))
		return "N,N," (k == 1 ? "COLUMBUS" : k == 2 ? "CINCINNATI" : "CLEVELAND") ",,,,"
	if (w == "MI" && k == 1) return "N,N,,LANSING,LANSING,,"
	if (w == "MI" && k == 2) return "N,N,,,GRAND_RAPIDS,,"
	if (w == "MI" && k == 4) return "N,N,,SAGINAW,GRAND_RAPIDS,,"
	if (w == "KY" && k == 1) return "N,N,,,,LOUISVILLE_METRO,LOUISVILLE_METRO"
	if (w == "KY" && k == 2) return "N,N,,,,LEXINGTON_FAYETTE,"
	if (w == "KY" && k == 4) return "N,N,,,,LOUISVILLE_METRO,"
	return "N,N,,,,,"
}
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
# The local taxes block (employees 511 on): one employee of work state w
# living in home, with the MW507 county md, the WH-4 counties inres and
# inwork, and the local columns given in loc as KEY=VALUE words (C the
# nonresident certificate; PR, PW Philadelphia resident and work; OW, OR,
# OX the Ohio work and residence cities and residence withholding; MR, MW,
# ME the Michigan cities and exemptions; DR, DW Detroit; KW, KR Kentucky
# districts; SR, SW the PA PSD codes; NC New York City; YR, YN Yonkers).
# hrate: an hourly rate for 80 hours and nothing else (the employees whose
# local tax tests/multistate/run.sh works by hand); sal: an annual salary;
# neither: a salary drawn as in the first block.
function xemp(w, home, md, inres, inwork, loc, hrate, sal,    i, kv, p, v, id, hourly, rate, hrs, fixed) {
	split("", v)
	split(loc, kv, " ")
	for (i in kv) { split(kv[i], p, "="); v[p[1]] = p[2] }
	n++
	id = sprintf("MS%04d", n)
	hourly = (hrate != "")
	fixed = hourly || sal != ""
	if (!hourly && sal == "") sal = sprintf("%d.00", 32000 + rnd(110) * 1000)
	rate = hourly ? hrate : ""
	hrs = hourly ? "40" : ""
	printf "%s,%s,%s,%03d-%02d-%04d,%d-%02d-%02d,%s,%s,%s,%s,F,%s,%s,%s,%s,N,%s,%s,%s,%d MAIN ST,SPRINGFIELD,%s,%05d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", \
	    id, ln[1 + rnd(20)], fn[1 + rnd(20)], 101 + int(n / 100), 10 + n % 90, 1000 + n, \
	    2012 + rnd(14), 1 + rnd(12), 1 + rnd(28), w, home, v["C"] == "Y" ? "Y" : "N", \
	    hourly ? "HOURLY" : "SALARY", hourly ? "" : sal, rate, hrs, hourly ? "single" : fs[1 + n % 3], \
	    rt[1 + rnd(6)], sprintf("%d%08d", 1 + rnd(9), rnd(99999999)), \
	    rnd(4) == 0 ? "savings" : "checking", 100 + rnd(9800), home, 10000 + rnd(89999), \
	    md, inres, inwork, v["PR"] == "Y" ? "Y" : "N", v["PW"] == "Y" ? "Y" : "N", \
	    v["OW"], v["MR"], v["MW"], v["KW"], v["KR"], v["OR"], v["OX"], v["ME"], \
	    v["DR"], v["DW"], v["SR"], v["SW"], v["NC"], v["YR"], v["YN"] > ex
	if (hourly) {
		print id ",hours,80" > it
	} else if (!fixed && n % 7 == 0)
		printf "%s,bonus,%d.00\n", id, 250 + rnd(20) * 50 > it
}
BEGIN {
	seed = 20261120
	if (dir == "") dir = "."
	split("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY", st, " ")
	# A reciprocal state of residence (the work state's certificate), and
	# a neighbouring state without an agreement.
	split("IL:WI IN:KY IA:IL KY:OH MD:PA MI:IN MN:ND MT:ND ND:MN NJ:PA OH:KY PA:NJ VA:DC WV:VA WI:IL AZ:CA DC:MD", a, " ")
	for (i in a) { split(a[i], p, ":"); recip[p[1]] = p[2] }
	split("AL:GA AK:OR AZ:UT AR:MO CA:OR CO:UT CT:NY DE:PA DC:NY FL:GA GA:AL HI:CA ID:OR IL:IN IN:IL IA:NE KS:MO KY:TN LA:MS ME:NH MD:DE MA:RI MI:OH MN:IA MS:AL MO:KS MT:ID NE:IA NV:CA NH:MA NJ:NY NM:AZ NY:NJ NC:SC ND:SD OH:IN OK:KS OR:ID PA:DE RI:CT SC:NC SD:NE TN:KY TX:OK UT:ID VT:NY VA:NC WA:OR WV:OH WI:MN WY:CO", b, " ")
	for (i in b) { split(b[i], p, ":"); other[p[1]] = p[2] }
	split("SMITH JOHNSON WILLIAMS BROWN JONES GARCIA MILLER DAVIS RODRIGUEZ MARTINEZ HERNANDEZ LOPEZ GONZALEZ WILSON ANDERSON THOMAS TAYLOR MOORE JACKSON MARTIN", ln, " ")
	split("MARY JAMES PATRICIA ROBERT JENNIFER MICHAEL LINDA DAVID ELIZABETH WILLIAM BARBARA RICHARD SUSAN JOSEPH JESSICA THOMAS SARAH CHARLES KAREN DANIEL", fn, " ")
	split("021000021 011000015 091000019 121000248 026009593 111000025", rt, " ")
	split("single mfj hoh", fs, " ")
	ex = dir "/export.csv"; it = dir "/items.csv"
	print "Emp No,Surname,Given Name,SSN,Hired,Work State,Home State,Nonresident Cert,Pay Type,FT/PT,Annual Salary,Hourly Rate,Weekly Hours,Filing Status,Fed Exempt,Routing,Account,Account Type,Street,City,State,Zip,MD County,IN County Res,IN County Work,Phila Res,Phila Work,OH City Work,MI City Res,MI City Work,KY OLT Work,KY OLT Res,OH City Res,OH Withhold Res,MI City Exemptions,Detroit Res,Detroit Work,PA PSD Res,PA PSD Work,NYC Res,Yonkers Res,Yonkers Nonres" > ex
	print "employee_id,wage_type,amount" > it
	n = 0
	for (s = 1; s <= 51; s++) {
		w = st[s]
		for (k = 1; k <= 10; k++) {
			n++
			id = sprintf("MS%04d", n)
			home = w; cert = "N"
			if (k == 8 && (w in recip)) { home = recip[w]; cert = "Y" }
			if (k == 9) home = other[w]
			hourly = (k % 3 == 0)
			sal = hourly ? "" : sprintf("%d.00", 32000 + rnd(110) * 1000)
			rate = hourly ? sprintf("%d.%02d", 16 + rnd(30), rnd(100)) : ""
			hrs = hourly ? "40" : ""
			status = fs[1 + (k % 3)]
			exempt = (k == 10) ? "Y" : "N"
			printf "%s,%s,%s,%03d-%02d-%04d,%d-%02d-%02d,%s,%s,%s,%s,F,%s,%s,%s,%s,%s,%s,%s,%s,%d MAIN ST,SPRINGFIELD,%s,%05d,%s,%s,%s,%s\n", \
			    id, ln[1 + rnd(20)], fn[1 + rnd(20)], 101 + int(n / 100), 10 + n % 90, 1000 + n, \
			    2012 + rnd(14), 1 + rnd(12), 1 + rnd(28), w, home, cert, \
			    hourly ? "HOURLY" : "SALARY", sal, rate, hrs, status, exempt, \
			    rt[1 + rnd(6)], sprintf("%d%08d", 1 + rnd(9), rnd(99999999)), \
			    rnd(4) == 0 ? "savings" : "checking", 100 + rnd(9800), home, 10000 + rnd(89999), \
			    (home == "MD" || w == "MD") ? sprintf("%02d", 1 + (n % 24)) : "", \
			    home == "IN" ? sprintf("%02d", 1 + (n % 92)) : (w == "IN" ? "NA" : ""), \
			    w == "IN" ? sprintf("%02d", 1 + ((n * 7) % 92)) : "", local(w, k) ",,,,,,,,,," > ex
			if (hourly) {
				print id ",hours,80" > it
				if (rnd(3) == 0) printf "%s,overtime_hours,%d\n", id, 1 + rnd(12) > it
			}
			if (n % 7 == 0) printf "%s,bonus,%d.00\n", id, 250 + rnd(20) * 50 > it
		}
	}
	# The local taxes block: an employee in every priced locality, and one
	# in an unpriced locality of each system (rejected by payroll-calc).
	# Philadelphia: a resident, a nonresident from Pennsylvania, one from
	# New Jersey with the reciprocity certificate (which does not reach the
	# wage tax); Act 32: a PSD code (no PSD is priced: rejected).
	xemp("PA", "PA", "", "", "", "PR=Y PW=Y", "23.17")
	xemp("PA", "PA", "", "", "", "PW=Y", "23.17")
	xemp("PA", "NJ", "", "", "", "C=Y PW=Y", "")
	xemp("PA", "PA", "", "", "", "SR=999991 SW=999992", "")
	# Ohio: the 7 priced work cities; a residence priced (Canton, no work
	# city); rejected: a work city unpriced (Toledo), a residence unpriced
	# (Dayton), a residence credit unpriced (Kettering resident working in
	# Columbus).
	split("YOUNGSTOWN COLUMBUS CLEVELAND CINCINNATI CANTON KETTERING MANSFIELD", c, " ")
	for (i = 1; i <= 7; i++) xemp("OH", "OH", "", "", "", "OW=" c[i], i == 1 || i == 7 ? "23.17" : "")
	xemp("OH", "OH", "", "", "", "OR=CANTON OX=Y", "23.17")
	xemp("OH", "OH", "", "", "", "OW=TOLEDO", "")
	xemp("OH", "OH", "", "", "", "OR=DAYTON OX=Y", "")
	xemp("OH", "OH", "", "", "", "OW=COLUMBUS OR=KETTERING OX=Y", "")
	# Michigan: each of the 23 cities, a resident who works there and a
	# nonresident (living in no taxing city) who works there; Detroit, a
	# resident and a nonresident; rejected: city exemptions claimed in Flint
	# (no exemption value sourced).
	split("ALBION BATTLE_CREEK BENTON_HARBOR BIG_RAPIDS EAST_LANSING FLINT GRAND_RAPIDS GRAYLING HAMTRAMCK HIGHLAND_PARK HUDSON IONIA JACKSON LANSING LAPEER MUSKEGON MUSKEGON_HEIGHTS PONTIAC PORT_HURON PORTLAND SAGINAW SPRINGFIELD WALKER", c, " ")
	for (i = 1; i <= 23; i++) {
		xemp("MI", "MI", "", "", "", "MR=" c[i] " MW=" c[i], c[i] == "HIGHLAND_PARK" ? "23.17" : "")
		xemp("MI", "MI", "", "", "", "MW=" c[i], c[i] == "HIGHLAND_PARK" ? "23.17" : "")
	}
	xemp("MI", "MI", "", "", "", "DR=Y", "23.17")
	xemp("MI", "MI", "", "", "", "DW=Y", "23.17")
	xemp("MI", "MI", "", "", "", "MR=FLINT MW=FLINT ME=1", "")
	# Kentucky: Louisville Metro resident and nonresident, Lexington-Fayette;
	# rejected: Bowling Green (unpriced).
	xemp("KY", "KY", "", "", "", "KW=LOUISVILLE_METRO KR=LOUISVILLE_METRO", "23.17")
	xemp("KY", "KY", "", "", "", "KW=LOUISVILLE_METRO", "23.17")
	xemp("KY", "KY", "", "", "", "KW=LEXINGTON_FAYETTE", "")
	xemp("KY", "KY", "", "", "", "KW=BOWLING_GREEN", "")
	# Maryland: a resident of each of the 23 counties and Baltimore City
	# (MW507 codes 01-24; 10 Dorchester at $52,000), and a nonresident
	# (Delaware, the 2.25% nonresident rate, $52,000).
	for (i = 1; i <= 24; i++) xemp("MD", "MD", sprintf("%02d", i), "", "", "", "", i == 10 ? "52000.00" : "")
	xemp("MD", "DE", "", "", "", "", "", "52000.00")
	# Indiana: a resident of each of the 92 counties (WH-4 county of
	# residence on 1 January; the work county differs, residence rules), and
	# three who lived in Illinois on 1 January (county of work: 49 Marion,
	# 45 Lake, 02 Allen).
	for (i = 1; i <= 92; i++)
		xemp("IN", "IN", "", sprintf("%02d", i), sprintf("%02d", 1 + (i + 44) % 92), "",
		    i == 7 || i == 37 || i == 64 || i == 92 ? "23.17" : "")
	xemp("IN", "IL", "", "NA", "49", "", "23.17")
	xemp("IN", "IL", "", "NA", "45", "", "")
	xemp("IN", "IL", "", "NA", "02", "", "")
	# New York: a New York City resident, a Yonkers resident and a Yonkers
	# nonresident.
	xemp("NY", "NY", "", "", "", "NC=Y", "")
	xemp("NY", "NY", "", "", "", "YR=Y", "")
	xemp("NY", "NY", "", "", "", "YN=Y", "23.17")
}
