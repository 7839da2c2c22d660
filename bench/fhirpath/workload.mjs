// The benchmark's workload: the real forms' expressions and responses as
// tests/fhirpath/forms_oracle.mjs lists them (its output, given here), with each form, the
// patient, and what fhirpath.js is given where it needs a substitution (answers(), Coding
// systems) written in, so that both engines run the same steps on the same data.
//   node workload.mjs <realworld dir> <forms-oracle.json> <out.json>
import fs from 'node:fs';
import path from 'node:path';

const [, , realworld, oracleFile, out] = process.argv;
const oracle = JSON.parse(fs.readFileSync(oracleFile, 'utf8'));
const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const workload = {
  patient_json: read(oracle.patient),
  cases: oracle.cases.map((c) => ({
    ...c,
    form_json: read(path.join(realworld, c.form)),
    oracle_response: c.oracle_response ?? null,
    steps: c.steps.map((s) => ({ ...s, oracle_expression: s.oracle_expression ?? null })),
  })),
};
fs.writeFileSync(out, JSON.stringify(workload));
const steps = workload.cases.reduce((n, c) => n + c.steps.filter((s) => s.oracle_error === null).length, 0);
console.error(`workload: ${steps} expressions in ${workload.cases.length} form scenarios`);
