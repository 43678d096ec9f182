/*
 * slip_html.c: a payslip as self-contained HTML (the payslip-html format),
 * with its style sheet.
 */
#include "export.h"

/* ------------------------------------------------------------------ */
/* HTML                                                               */
const char slip_css[] =
"<style>\n"
"body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#1d2733;"
"background:#eef1f4;margin:0;padding:24px}\n"
".slip{background:#fff;max-width:760px;margin:0 auto 32px;padding:28px 32px;"
"border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15);"
"page-break-after:always}\n"
".head{display:flex;justify-content:space-between;align-items:baseline;"
"border-bottom:3px solid #2b5d8a;padding-bottom:8px}\n"
".head h1{font-size:22px;margin:0;color:#2b5d8a;letter-spacing:.04em}\n"
".head .co{font-size:15px;font-weight:bold}\n"
".who{display:grid;grid-template-columns:1fr 1fr;gap:2px 24px;margin:14px 0;"
"font-size:14px}\n"
".who dl{display:grid;grid-template-columns:110px 1fr;margin:0}\n"
".who dt{color:#5b6b7b}\n"
".who dd{margin:0 0 4px 0}\n"
"table{width:100%;border-collapse:collapse;font-size:14px;margin-top:14px;"
"table-layout:fixed}\n"
"th:first-child{width:56%}\n"
"th{text-align:left;background:#f1f4f7;color:#2b5d8a;padding:6px 8px;"
"font-size:12px;text-transform:uppercase;letter-spacing:.05em}\n"
"th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
"td{padding:4px 8px;border-bottom:1px solid #eceff2}\n"
"tr.sum td{font-weight:bold;border-top:1px solid #9aa8b5}\n"
".net{display:flex;justify-content:space-between;align-items:center;"
"margin-top:18px;padding:12px 16px;background:#2b5d8a;color:#fff;"
"border-radius:4px;font-size:18px}\n"
".net b{font-size:24px}\n"
".note{font-size:12px;color:#5b6b7b;margin-top:12px}\n"
".hr{font-size:12px;color:#5b6b7b}\n"
"@media print{body{background:#fff;padding:0}.slip{box-shadow:none}}\n"
"</style>\n";

void
html_putn(FILE *fp, const char *s, size_t len)
{
	xml_putn(fp, s, len);
}
/* ------------------------------------------------------------------ */

static void
html_money_cells(FILE *fp, int64_t v, int ytd, int yset, int64_t yv)
{
	char a[64];

	fputs("<td class=\"n\">", fp);
	xml_puts(fp, fmt_money(v, a, sizeof(a)));
	fputs("</td>", fp);
	if (ytd) {
		fputs("<td class=\"n\">", fp);
		if (yset)
			xml_puts(fp, fmt_money(yv, a, sizeof(a)));
		else
			fputs("&ndash;", fp);
		fputs("</td>", fp);
	}
}

/* A <dt>word</dt><dd>value</dd> pair. */
static void
html_dd(FILE *fp, int word, const char *v)
{
	fputs("<dt>", fp);
	xml_puts(fp, psl.w[word]);
	fputs("</dt><dd>", fp);
	xml_puts(fp, v);
	fputs("</dd>", fp);
}

void
slip_html(FILE *fp, const struct row *r)
{
	static const int title[3] = { W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER };
	static const int total[3] = { W_GROSS, W_TOTAL_DEDUCTIONS,
	    W_TOTAL_EMPLOYER };
	static const char *const k[1] = { "amount" };
	const struct slip *sl = &psl.slip;
	char a[64], b[200], dep[150], job[150];
	const char *v[1] = { a };
	int s;
	size_t i;

	fputs("<section class=\"slip\">\n<div class=\"head\"><h1>", fp);
	xml_puts(fp, psl.w[W_PAYSLIP]);
	fputs("</h1><span class=\"co\">", fp);
	xml_puts(fp, g.company_name != NULL ? g.company_name : "");
	fputs("</span></div>\n<div class=\"who\">\n<dl>", fp);
	html_dd(fp, W_EMPLOYEE, sl->name);
	html_dd(fp, W_EMPLOYEE_ID, sl->id);
	html_dd(fp, W_DEPARTMENT, clean(r->fx[F_DEPT], r->fl[F_DEPT], dep,
	    sizeof(dep)));
	html_dd(fp, W_JOB_TITLE, clean(r->fx[F_JOB], r->fl[F_JOB], job,
	    sizeof(job)));
	fputs("</dl>\n<dl>", fp);
	html_dd(fp, W_PERIOD, sl->period);
	html_dd(fp, W_PAY_DATE, sl->paydate);
	html_dd(fp, W_PAID_TO, sl->acct);
	if (sl->currency[0] != '\0')
		html_dd(fp, W_CURRENCY, sl->currency);
	fputs("</dl>\n</div>\n", fp);
	for (s = 0; s < 3; s++) {
		fputs("<table>\n<tr><th>", fp);
		xml_puts(fp, psl.w[title[s]]);
		fputs("</th><th class=\"n\">", fp);
		xml_puts(fp, psl.w[W_THIS_PERIOD]);
		fputs("</th>", fp);
		if (sl->ytd) {
			fputs("<th class=\"n\">", fp);
			xml_puts(fp, psl.w[W_YTD]);
			fputs("</th>", fp);
		}
		fputs("</tr>\n", fp);
		for (i = 0; i < sl->n[s]; i++) {
			const struct sline *ln = &sl->lines[s][i];

			fputs("<tr><td>", fp);
			xml_puts(fp, ln->label);
			if (ln->hours[0] != '\0') {
				fputs("<div class=\"hr\">", fp);
				xml_puts(fp, ln->hours);
				fputs("</div>", fp);
			}
			fputs("</td>", fp);
			html_money_cells(fp, r->amt[ln->col], sl->ytd,
			    psl.yset[ln->col], psl.yamt[ln->col]);
			fputs("</tr>\n", fp);
		}
		if (sl->n[s] == 0) {
			fprintf(fp, "<tr><td colspan=\"%d\">", sl->ytd ? 3 : 2);
			xml_puts(fp, psl.w[W_NONE]);
			fputs("</td></tr>\n", fp);
		} else {
			fputs("<tr class=\"sum\"><td>", fp);
			xml_puts(fp, psl.w[total[s]]);
			fputs("</td>", fp);
			html_money_cells(fp, sl->tot[s], sl->ytd, 1,
			    sl->ytot[s]);
			fputs("</tr>\n", fp);
		}
		if (s == 0 && sl->total_hours[0] != '\0') {
			fputs("<tr><td>", fp);
			xml_puts(fp, psl.w[W_TOTAL_HOURS]);
			fputs("</td><td class=\"n\">", fp);
			xml_puts(fp, sl->total_hours);
			fprintf(fp, "</td>%s</tr>\n", sl->ytd ? "<td></td>" :
			    "");
		}
		fputs("</table>\n", fp);
		if (s == 1) {
			fputs("<div class=\"net\"><span>", fp);
			xml_puts(fp, psl.w[W_NET]);
			fputs("</span><b>", fp);
			if (sl->currency[0] != '\0') {
				xml_puts(fp, sl->currency);
				fputc(' ', fp);
			}
			xml_puts(fp, fmt_money(r->amt[g.net], a, sizeof(a)));
			fputs("</b></div>\n", fp);
			if (sl->ytd && psl.yset[g.net]) {
				fmt_money(psl.yamt[g.net], a, sizeof(a));
				tmpl(b, sizeof(b), psl.w[W_NET_YTD], 1, k, v);
				fputs("<p class=\"note\">", fp);
				xml_puts(fp, b);
				fputs("</p>\n", fp);
			}
		}
	}
	fputs("</section>\n", fp);
}
