/*
 * pdf.c: PDF payslips through cairo (the payslip-pdf format): the content
 * payslip.c builds (struct slip), drawn with cairo's text API in DejaVu
 * Sans on A4 or US Letter, one payslip from a new page.  One PDF for all
 * (-o FILE, standard output) or one per employee (-o DIR, through the
 * staging folder of payslip.c).
 */
#include "export.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>

/*
 * The only doubles here are page geometry in points, as cairo's API takes
 * them.  No amount or rate is ever a double: every figure reaches
 * pdf_text() as the text the exact decimal code formatted (fmt_minor()).
 */
static struct {
	FILE *fp;
	cairo_surface_t *surface;
	cairo_t *cr;
	double w, h;		/* the page, in points */
	double y;		/* the baseline of the next line */
	int page_used;
} pdf;

#define PDF_MARGIN	50.0
#define PDF_LINE	14.0
#define PDF_FONT	"DejaVu Sans"

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	FILE *fp = closure;

	return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

void
pdf_open(FILE *fp)
{
	struct tm tm;
	char when[32];

	pdf.fp = fp;
	if (strcmp(psl.paper, "a4") == 0) {
		pdf.w = 595.276;	/* 210 x 297 mm */
		pdf.h = 841.89;
	} else {
		pdf.w = 612;		/* 8.5 x 11 in */
		pdf.h = 792;
	}
	pdf.surface = cairo_pdf_surface_create_for_stream(pdf_write, fp,
	    pdf.w, pdf.h);
	if (cairo_surface_status(pdf.surface) != CAIRO_STATUS_SUCCESS)
		die(ST_SYSTEM, "cairo: %s", cairo_status_to_string(
		    cairo_surface_status(pdf.surface)));
	/* The creation date is the run's (SOURCE_DATE_EPOCH when set), so
	 * that the same results give the same file. */
	gmtime_r(&g.now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(pdf.surface,
	    CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_pdf_surface_set_metadata(pdf.surface,
	    CAIRO_PDF_METADATA_TITLE, psl.w[W_PAYSLIP]);
	cairo_pdf_surface_set_metadata(pdf.surface,
	    CAIRO_PDF_METADATA_CREATOR, "payroll-export " PAYROLL_VERSION);
	pdf.cr = cairo_create(pdf.surface);
	pdf.page_used = 0;
}

/* Finishes the document: everything is written to pdf.fp, or the run
 * dies. */
void
pdf_close(const char *what)
{
	cairo_status_t st;

	if (pdf.cr == NULL)
		return;
	if (pdf.page_used)
		cairo_show_page(pdf.cr);
	cairo_destroy(pdf.cr);
	pdf.cr = NULL;
	cairo_surface_finish(pdf.surface);
	st = cairo_surface_status(pdf.surface);
	cairo_surface_destroy(pdf.surface);
	pdf.surface = NULL;
	if (st != CAIRO_STATUS_SUCCESS)
		die(ST_SYSTEM, "%s: %s", what, st == CAIRO_STATUS_WRITE_ERROR ?
		    strerror(errno) : cairo_status_to_string(st));
}

/* After the last document: cairo's caches go (valgrind finds no leak). */
void
pdf_release(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static void
pdf_font(int bold, double size)
{
	cairo_select_font_face(pdf.cr, PDF_FONT, CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(pdf.cr, size);
}

static void
pdf_colour(unsigned rgb)
{
	cairo_set_source_rgb(pdf.cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Text at x (left), or ending at x (right), on the current line. */
static void
pdf_text(double x, const char *s, int right)
{
	cairo_text_extents_t e;

	if (right) {
		cairo_text_extents(pdf.cr, s, &e);
		x -= e.x_advance;
	}
	cairo_move_to(pdf.cr, x, pdf.y);
	cairo_show_text(pdf.cr, s);
}

static void
pdf_rule(double width, unsigned rgb)
{
	pdf_colour(rgb);
	cairo_set_line_width(pdf.cr, width);
	cairo_move_to(pdf.cr, PDF_MARGIN, pdf.y);
	cairo_line_to(pdf.cr, pdf.w - PDF_MARGIN, pdf.y);
	cairo_stroke(pdf.cr);
}

/* Room for `lines` more lines, or a new page. */
static void
pdf_room(double lines)
{
	if (pdf.y + lines * PDF_LINE <= pdf.h - PDF_MARGIN)
		return;
	cairo_show_page(pdf.cr);
	pdf.y = PDF_MARGIN + PDF_LINE;
}

/* A row of a section: label, this period, year to date. */
static void
pdf_row(const char *lab, const char *a, const char *b, int bold)
{
	double xa = pdf.w - PDF_MARGIN - (psl.slip.ytd ? 120 : 0);

	pdf_room(1);
	pdf_font(bold, 10);
	pdf_colour(0x1d2733);
	pdf_text(PDF_MARGIN + 8, lab, 0);
	pdf_text(xa, a, 1);
	if (psl.slip.ytd)
		pdf_text(pdf.w - PDF_MARGIN, b, 1);
	pdf.y += PDF_LINE;
}

void
slip_pdf(const struct row *r)
{
	static const int title[3] = { W_EARNINGS, W_DEDUCTIONS, W_EMPLOYER };
	static const int total[3] = { W_GROSS, W_TOTAL_DEDUCTIONS,
	    W_TOTAL_EMPLOYER };
	static const char *const k[1] = { "amount" };
	const struct slip *sl = &psl.slip;
	const struct { int word; const char *v; } who[7] = {
		{ W_EMPLOYEE, sl->name }, { W_EMPLOYEE_ID, sl->id },
		{ W_DEPARTMENT, sl->dept }, { W_PERIOD, sl->period },
		{ W_PAY_DATE, sl->paydate }, { W_PAID_TO, sl->acct },
		{ W_CURRENCY, sl->currency } };
	char a[64], b[64], net[200];
	const char *v[1] = { a };
	double xa = pdf.w - PDF_MARGIN - (sl->ytd ? 120 : 0), lw = 0;
	cairo_text_extents_t e;
	size_t i;
	int s;

	if (pdf.page_used)
		cairo_show_page(pdf.cr);
	pdf.page_used = 1;
	pdf.y = PDF_MARGIN + 18;
	pdf_font(1, 20);
	pdf_colour(0x2b5d8a);
	pdf_text(PDF_MARGIN, psl.w[W_PAYSLIP], 0);
	pdf_font(1, 12);
	pdf_colour(0x1d2733);
	pdf_text(pdf.w - PDF_MARGIN, g.company_name != NULL ?
	    g.company_name : "", 1);
	pdf.y += 10;
	pdf_rule(2.5, 0x2b5d8a);
	pdf.y += PDF_LINE + 6;
	pdf_font(0, 10);
	for (i = 0; i < 7; i++) {
		cairo_text_extents(pdf.cr, psl.w[who[i].word], &e);
		if (e.x_advance > lw)
			lw = e.x_advance;
	}
	for (i = 0; i < 7; i++) {
		if (who[i].v[0] == '\0')
			continue;
		pdf_colour(0x5b6b7b);
		pdf_text(PDF_MARGIN, psl.w[who[i].word], 0);
		pdf_colour(0x1d2733);
		pdf_text(PDF_MARGIN + lw + 16, who[i].v, 0);
		pdf.y += PDF_LINE;
	}
	for (s = 0; s < 3; s++) {
		pdf.y += 10;
		pdf_room(3);
		pdf_font(1, 9);
		pdf_colour(0x2b5d8a);
		pdf_text(PDF_MARGIN, psl.w[title[s]], 0);
		pdf_text(xa, psl.w[W_THIS_PERIOD], 1);
		if (sl->ytd)
			pdf_text(pdf.w - PDF_MARGIN, psl.w[W_YTD], 1);
		pdf.y += 5;
		pdf_rule(0.8, 0x9aa8b5);
		pdf.y += PDF_LINE;
		for (i = 0; i < sl->n[s]; i++) {
			const struct sline *ln = &sl->lines[s][i];

			pdf_row(ln->label, fmt_money(r->amt[ln->col], a,
			    sizeof(a)), sl->ytd ? (psl.yset[ln->col] ?
			    fmt_money(psl.yamt[ln->col], b, sizeof(b)) : "-") :
			    "", 0);
			if (ln->hours[0] != '\0') {
				pdf.y -= 2;
				pdf_font(0, 8.5);
				pdf_colour(0x5b6b7b);
				pdf_text(PDF_MARGIN + 20, ln->hours, 0);
				pdf.y += PDF_LINE;
			}
		}
		if (sl->n[s] == 0)
			pdf_row(psl.w[W_NONE], "", "", 0);
		else {
			pdf.y -= 9;
			pdf_rule(0.5, 0x9aa8b5);
			pdf.y += 9 + 2;
			pdf_row(psl.w[total[s]], fmt_money(sl->tot[s], a,
			    sizeof(a)), sl->ytd ? fmt_money(sl->ytot[s], b,
			    sizeof(b)) : "", 1);
		}
		if (s == 0 && sl->total_hours[0] != '\0')
			pdf_row(psl.w[W_TOTAL_HOURS], sl->total_hours, "", 0);
		if (s == 1) {
			pdf.y += 8;
			pdf_room(3);
			pdf_colour(0x2b5d8a);
			cairo_rectangle(pdf.cr, PDF_MARGIN, pdf.y - 4,
			    pdf.w - 2 * PDF_MARGIN, 30);
			cairo_fill(pdf.cr);
			pdf.y += 16;
			pdf_colour(0xffffff);
			pdf_font(1, 13);
			pdf_text(PDF_MARGIN + 12, psl.w[W_NET], 0);
			fmt_money(r->amt[g.net], a, sizeof(a));
			snprintf(net, sizeof(net), "%s%s%s", sl->currency,
			    sl->currency[0] != '\0' ? " " : "", a);
			pdf_font(1, 15);
			pdf_text(pdf.w - PDF_MARGIN - 12, net, 1);
			pdf.y += 14 + PDF_LINE;
			if (sl->ytd && psl.yset[g.net]) {
				fmt_money(psl.yamt[g.net], a, sizeof(a));
				tmpl(net, sizeof(net), psl.w[W_NET_YTD], 1, k, v);
				pdf_font(0, 9);
				pdf_colour(0x5b6b7b);
				pdf_text(PDF_MARGIN, net, 0);
				pdf.y += PDF_LINE;
			}
		}
	}
	if (cairo_status(pdf.cr) != CAIRO_STATUS_SUCCESS)
		die(ST_SYSTEM, "cairo: %s", cairo_status_to_string(
		    cairo_status(pdf.cr)));
}
