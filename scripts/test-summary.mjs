// Prints "N passed, N failed" from vitest's JSON reports (unit and e2e runs write separate files).
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../.test-results/', import.meta.url);
let passed = 0,
  failed = 0,
  skipped = 0;
if (existsSync(dir))
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const r = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
