# gen.awk: the multistate sample's HR export (export.csv) and variable
# items (items.csv), 10 employees in each of the 50 states and DC.
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
	print "Emp No,Surname,Given Name,SSN,Hired,Work State,Home State,Nonresident Cert,Pay Type,FT/PT,Annual Salary,Hourly Rate,Weekly Hours,Filing Status,Fed Exempt,Routing,Account,Account Type,Street,City,State,Zip,MD County,IN County Res,IN County Work,Phila Res,Phila Work,OH City Work,MI City Res,MI City Work,KY OLT Work,KY OLT Res" > ex
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
			    w == "IN" ? sprintf("%02d", 1 + ((n * 7) % 92)) : "", local(w, k) > ex
			if (hourly) {
				print id ",hours,80" > it
				if (rnd(3) == 0) printf "%s,overtime_hours,%d\n", id, 1 + rnd(12) > it
			}
			if (n % 7 == 0) printf "%s,bonus,%d.00\n", id, 250 + rnd(20) * 50 > it
		}
	}
}
