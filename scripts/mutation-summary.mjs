#!/usr/bin/env node
// Summarises Stryker's JSON report (reports/mutation/mutation.json): the score, survivors per
// file, and with --list every surviving mutant as file:line mutator → replacement.
import { readFileSync } from 'node:fs';

const reportPath = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const list = process.argv.includes('--list');
const only = process.argv.find((arg) => arg.startsWith('--file='))?.slice('--file='.length);

const totals = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
const rows = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const counts = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0 };
  for (const mutant of mutants) {
    totals[mutant.status] = (totals[mutant.status] ?? 0) + 1;
    counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
    if (list && (mutant.status === 'Survived' || mutant.status === 'NoCoverage') && (!only || file.includes(only))) {
      const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 90);
      console.log(`${file}:${mutant.location.start.line} ${mutant.status} ${mutant.mutatorName} → ${replacement}`);
    }
  }
  rows.push({ file, ...counts });
}
const detected = totals.Killed + totals.Timeout;
const valid = detected + totals.Survived + totals.NoCoverage;
rows.sort((a, b) => b.Survived + b.NoCoverage - (a.Survived + a.NoCoverage));
if (!list) {
  for (const row of rows) {
    const undetected = row.Survived + row.NoCoverage;
    if (undetected > 0) console.log(`${String(undetected).padStart(4)} undetected  ${row.file}`);
  }
}
console.log(
  `score ${((100 * detected) / valid).toFixed(2)}% — ${detected} detected (${totals.Killed} killed, ${totals.Timeout} timeout), ` +
    `${totals.Survived} survived, ${totals.NoCoverage} no coverage, ${totals.CompileError} compile errors, of ${valid} valid`,
);
