/*
 * t_mask.c: payroll_mask(), the one way every message shows a value
 * declared mask: true.  Expected strings from its contract in payroll.h:
 * four stars, then the last four characters; a value of four characters
 * or fewer shows only the stars (so a short bank account number, which
 * the US pack allows from 4 digits, is never shown whole).
 */
#include <string.h>

#include "payroll.h"
#include "tap.h"

static void
mask(const char *in, const char *want)
{
	char buf[64];
	size_t n = payroll_mask(in, strlen(in), buf, sizeof(buf));

	ok(n == strlen(want) && strcmp(buf, want) == 0,
	    "'%s' is shown as '%s' (got '%s', %zu bytes)", in, want, buf, n);
}

int
main(void)
{
	char small[6];
	size_t n;

	mask("123-45-6789", "****6789");	/* an SSN */
	mask("DE89370400440532013000", "****3000");	/* an IBAN */
	mask("12345", "****2345");		/* five: the last four */
	mask("1234", "****");			/* four: the stars only */
	mask("123", "****");
	mask("", "****");
	/* A buffer of 6 holds "*****" at most: cut, NUL-terminated. */
	n = payroll_mask("123-45-6789", 11, small, sizeof(small));
	ok(n == 5 && strcmp(small, "****6") == 0,
	    "a short buffer is cut and terminated (got '%s', %zu)", small, n);
	return tap_done();
}
