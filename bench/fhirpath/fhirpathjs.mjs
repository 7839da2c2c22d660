// fhirpath.js (npm `fhirpath`, R4 model) on the workload of bench/fhirpath/run.sh, timed the same
// way as bench_fhirpath.cpp: per expression, the fastest of --repeat passes after one warm-up; parse =
// fhirpath.compile(), evaluate = the compiled function, both = compile then call. Prints one
// JSON line like bench_fhirpath.
//   node fhirpathjs.mjs <workload.json> [--repeat R]
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');

const [, , file, ...rest] = process.argv;
const repeat = rest[0] === '--repeat' ? Math.max(1, +rest[1]) : 15;
const workload = JSON.parse(fs.readFileSync(file, 'utf8'));

const firstItem = (qr, linkId) => {
  let found = null;
  const walk = (items) => (items || []).forEach((i) => {
    if (!found && i.linkId === linkId) found = i;
    walk(i.item);
    (i.answer || []).forEach((a) => walk(a.item));
  });
  walk(qr.item);
  return found;
};

// The same steps as bench_fhirpath: expressions fhirpath.js evaluates without error, with the
// response fhirpath.js was given (see forms_oracle.mjs on answers() and Coding systems).
const cases = workload.cases.map((c) => ({
  vars: { questionnaire: c.form_json, ...Object.fromEntries(c.launch.map((n) => [n, workload.patient_json])) },
  response: c.oracle_response ?? c.response,
  steps: c.steps.filter((s) => s.oracle_error === null).map((s) => ({
    expression: s.oracle_expression ?? s.expression,
    variable: s.kind === 'variable' ? s.name : '',
    item: s.context === 'item' ? firstItem(c.oracle_response ?? c.response, s.linkId) : null,
  })),
}));
const expressions = cases.reduce((n, c) => n + c.steps.length, 0);
const path = (s) => (s.item ? { base: 'QuestionnaireResponse.item', expression: s.expression } : s.expression);

const fastestPassUs = (pass) => {
  pass();
  const times = [];
  for (let r = 0; r < repeat; ++r) {
    const t0 = process.hrtime.bigint();
    pass();
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return Math.min(...times);
};

let compiled = [];
const parse = fastestPassUs(() => {
  compiled = cases.map((c) => c.steps.map((s) => fhirpath.compile(path(s), r4)));
});
let items = 0;
const run = (fnFor) => {
  for (const [i, c] of cases.entries()) {
    const vars = { ...c.vars, resource: c.response };
    for (const [k, s] of c.steps.entries()) {
      const r = fnFor(i, k, s)(s.item || c.response, vars);
      items += r.length;
      if (s.variable) vars[s.variable] = r;
    }
  }
};
const evaluate = fastestPassUs(() => run((i, k) => compiled[i][k]));
const both = fastestPassUs(() => run((i, k, s) => fhirpath.compile(path(s), r4)));
console.log(JSON.stringify({
  engine: `fhirpath.js ${require('fhirpath/package.json').version} (node ${process.versions.node})`, expressions,
  parse_us: parse / expressions, evaluate_us: evaluate / expressions, both_us: both / expressions, result_items: items,
}));
