// Turns the FHIRPath conformance material in ../shared/realworld/fhirpath/ into JSON that the
// C++ runner (fhirpath_suite.cpp) reads with nlohmann::json:
//   <out>/official.json        the official R4 suite (tests-fhir-r4.xml): groups, tests, outputs
//   <out>/official/<name>.json its input resources, XML converted to FHIR JSON with FHIR.js
//   <out>/yaml.json            fhirpath.js's own YAML cases (the second, optional set)
//   <out>/yaml/<model>/<name>.json the inputs those cases name, copied
// Exits 77 (CTest's SKIP_RETURN_CODE) when the material is absent, saying why.
//   usage: node convert_suite.mjs <realworld/fhirpath dir> <out dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [, , srcDir, outDir] = process.argv;
if (!srcDir || !outDir) {
  console.error('usage: node convert_suite.mjs <realworld/fhirpath dir> <out dir>');
  process.exit(1);
}
const suiteXml = path.join(srcDir, 'fhir-test-cases/r4/fhirpath/tests-fhir-r4.xml');
if (!fs.existsSync(suiteXml)) {
  console.log(`SKIPPED: ${suiteXml} is absent (the FHIRPath suite lives in ../shared/realworld/ beside the clone)`);
  process.exit(77);
}
const require = createRequire(import.meta.url);
const { Fhir } = require('fhir');
// The XML parser FHIR.js itself uses (bundled inside the fhir package).
const xmljs = createRequire(require.resolve('fhir'))('xml-js');
const yaml = require('js-yaml');

fs.mkdirSync(path.join(outDir, 'official'), { recursive: true });

// ------------------------------------------------------------------ inputs
// FHIR.js's XML -> JSON keeps XML comments as `fhir_comments` (not FHIR JSON: dropped, with the
// `_x` objects that held nothing else). Decimals keep their literal text (1.0 stays 1.0): FHIR.js
// hands each one over as an object whose toJSON() wraps the text in a marker that we unwrap,
// as its own xmlToJson() does.
const { ConvertToJs } = require('fhir/convertToJs');
const toJs = new ConvertToJs(new Fhir().parser);
const MARK = '\u0001decimal\u0001';
function dropComments(node) {
  if (Array.isArray(node)) {
    const items = node.map(dropComments);
    return items.every((x) => x === null || (typeof x === 'object' && Object.keys(x).length === 0)) ? undefined : items;
  }
  if (node === null || typeof node !== 'object' || typeof node.toJSON === 'function') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'fhir_comments') continue;
    const kept = dropComments(v);
    if (kept === undefined) continue;
    if (k.startsWith('_') && typeof kept === 'object' && !Array.isArray(kept) && Object.keys(kept).length === 0) continue;
    out[k] = kept;
  }
  return out;
}
function convertInput(name) {
  const from = path.join(srcDir, 'fhir-test-cases/r4', name);
  const to = path.join(outDir, 'official', name.replace(/\.xml$/, '.json'));
  if (name.endsWith('.json')) {
    fs.copyFileSync(from, to);
  } else {
    const xml = xmljs.xml2js(fs.readFileSync(from, 'utf8'));
    const resource = toJs.resourceToJS(xml.elements.find((e) => e.type === 'element'), { str: MARK });
    const json = JSON.stringify(dropComments(resource));
    const marker = JSON.stringify(MARK).slice(1, -1);
    fs.writeFileSync(to, json.split(`"${marker}`).join('').split(`${marker}"`).join(''));
  }
  return path.basename(to);
}

// ------------------------------------------------------------------ the official suite
const doc = xmljs.xml2js(fs.readFileSync(suiteXml, 'utf8'), { compact: false });
const root = doc.elements.find((e) => e.type === 'element' && e.name === 'tests');
const text = (el) => (el.elements || []).filter((e) => e.type === 'text' || e.type === 'cdata')
  .map((e) => e.text ?? e.cdata).join('');
const inputs = new Map();
const groups = [];
let count = 0;
for (const g of root.elements.filter((e) => e.type === 'element' && e.name === 'group')) {
  const group = { name: g.attributes.name, description: g.attributes.description || '', tests: [] };
  for (const t of (g.elements || []).filter((e) => e.type === 'element' && e.name === 'test')) {
    const a = t.attributes || {};
    const exprEl = t.elements.find((e) => e.type === 'element' && e.name === 'expression');
    const ea = exprEl.attributes || {};
    let input = null;
    if (a.inputfile) {
      if (!inputs.has(a.inputfile)) inputs.set(a.inputfile, convertInput(a.inputfile));
      input = inputs.get(a.inputfile);
    }
    group.tests.push({
      name: a.name,
      expression: text(exprEl).replace(/\r\n/g, '\n'),
      invalid: ea.invalid === 'true' ? 'semantic' : (ea.invalid || ''),
      mode: a.mode || ea.mode || '',
      predicate: a.predicate === 'true',
      ordered: a.ordered !== 'false',
      version: a.version || '',
      input,
      outputs: t.elements.filter((e) => e.type === 'element' && e.name === 'output')
        .map((o) => ({ type: (o.attributes || {}).type || '', value: text(o) })),
    });
    ++count;
  }
  groups.push(group);
}
fs.writeFileSync(path.join(outDir, 'official.json'), JSON.stringify({ source: suiteXml, groups }, null, 1));

// ------------------------------------------------------------------ fhirpath.js's YAML cases
// Each case: expression(s), the expected result as fhirpath.js returns it (JSON values), or
// error: true; the input is a file (inputfile, under test/resources/<model>/) or the file's
// inline `subject`. fhir-r4.yaml is the official suite again (run above from the XML) and
// fhir-r5.yaml is R5: neither is taken.
const casesDir = path.join(srcDir, 'fhirpath.js/test/cases');
const yamlFiles = [];
let yamlCount = 0;
if (fs.existsSync(casesDir)) {
  for (const file of fs.readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort()) {
    if (file === 'fhir-r4.yaml' || file === 'fhir-r5.yaml') continue;
    const d = yaml.load(fs.readFileSync(path.join(casesDir, file), 'utf8'));
    const cases = [];
    const walk = (items, group) => {
      for (const item of items || []) {
        if (!item || typeof item !== 'object') continue;
        if (!('expression' in item)) {
          for (const [k, v] of Object.entries(item)) if (k.startsWith('group') && Array.isArray(v)) walk(v, k.replace(/^group:\s*/, ''));
          continue;
        }
        let input = null;
        const model = item.model || null;
        if (item.inputfile) {
          const from = path.join(srcDir, 'fhirpath.js/test/resources', model || 'r4', item.inputfile);
          if (fs.existsSync(from)) {
            const rel = path.join('yaml', model || 'r4', item.inputfile);
            fs.mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
            fs.copyFileSync(from, path.join(outDir, rel));
            input = rel;
          } else {
            input = `missing:${item.inputfile}`;
          }
        }
        for (const expression of [].concat(item.expression)) {
          cases.push({
            group, desc: item.desc || '', expression: String(expression), model, input,
            result: item.result ?? null, error: !!item.error, disabled: !!item.disable,
            variables: item.variables || null, context: item.context || null,
          });
          ++yamlCount;
        }
      }
    };
    walk(d.tests, '');
    yamlFiles.push({ file, subject: d.subject ?? null, cases });
  }
}
fs.writeFileSync(path.join(outDir, 'yaml.json'), JSON.stringify({ source: casesDir, files: yamlFiles }, null, 1));
console.log(`converted ${count} official tests in ${groups.length} groups (${inputs.size} inputs) and ${yamlCount} YAML cases in ${yamlFiles.length} files into ${outDir}`);
