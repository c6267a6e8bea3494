// Regenerates lib/criteria/catalog.json from the shared criteria catalog (../shared/docs/criteria.md).
// Usage: npx tsx scripts/extract-criteria.ts [path/to/criteria.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCriteriaMarkdown } from '../lib/criteria/parse-criteria-markdown.js';

const source = process.argv[2] ?? '../shared/docs/criteria.md';
const criteria = parseCriteriaMarkdown(readFileSync(source, 'utf8'));
writeFileSync('lib/criteria/catalog.json', `${JSON.stringify(criteria, null, 1)}\n`);
console.log(`extract-criteria: ${criteria.length} criteria written to lib/criteria/catalog.json`);
