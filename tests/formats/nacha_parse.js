// Parses a NACHA file with an independent parser (@midlandsbank/node-nacha,
// pinned in tests/package.json), checks that formatting the parsed file
// gives the same bytes back, and prints the parsed file as JSON for
// check.py to recompute every count, hash and total.
'use strict';
const fs = require('fs');
const path = require('path');
const nacha = require(path.join(__dirname, '..', 'node_modules',
    '@midlandsbank', 'node-nacha'));

const src = fs.readFileSync(process.argv[2], 'utf8');
const parsed = nacha.from({ format: 'ach', source: src });
const again = parsed.to('ach');
// The parser's formatter ends the last record without a line end.
if (again + '\n' !== src) {
	const a = src.split('\n'), b = again.split('\n');
	for (let i = 0; i < a.length; i++)
		if (a[i] !== b[i] && !(i === a.length - 1 && a[i] === ''))
			console.error('record ' + (i + 1) + ' differs:\n  ' +
			    JSON.stringify(a[i]) + '\n  ' + JSON.stringify(b[i]));
	process.exit(1);
}
process.stdout.write(JSON.stringify(parsed.data));
