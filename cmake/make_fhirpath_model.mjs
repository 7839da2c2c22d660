#!/usr/bin/env node
// Generates the FHIR R4 type model of SafetyNet's FHIRPath engine (core/fhir/fhirpath_model_table.hpp
// describes the tables) from the model that the npm package `fhirpath` (fhirpath.js) ships in
// fhir-context/r4/: path2Type.json (element path -> type), choiceTypePaths.json (value[x]
// elements and their types), pathsDefinedElsewhere.json (contentReference, e.g.
// Questionnaire.item.item -> Questionnaire.item) and type2Parent.json (the type hierarchy).
//   node cmake/make_fhirpath_model.mjs <fhirpath package dir> <out.cpp>
// Run at build time; the table is not committed.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

const [pkgDir, out] = process.argv.slice(2);
if (!pkgDir || !out) {
  console.error('usage: make_fhirpath_model.mjs <node_modules/fhirpath> <out.cpp>');
  process.exit(1);
}
const read = (f) => JSON.parse(readFileSync(path.join(pkgDir, 'fhir-context/r4', f), 'utf8'));
const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
const path2Type = read('path2Type.json');
const choiceTypePaths = read('choiceTypePaths.json');
const definedElsewhere = read('pathsDefinedElsewhere.json');
const type2Parent = read('type2Parent.json');

const typeOf = (p) => {
  const t = path2Type[p];
  return t === undefined ? undefined : (typeof t === 'string' ? t : t.code);
};

// ---------------------------------------------------------------- types
// FHIRPath's System types (FHIRPath N1 §11 "Types and reflection") come first in the same table.
const systemTypes = ['Boolean', 'String', 'Integer', 'Decimal', 'Date', 'DateTime', 'Time', 'Quantity']
  .map((t) => `System.${t}`);
const typeNames = new Set([...systemTypes, ...Object.keys(type2Parent), ...Object.values(type2Parent)]);
for (const p of Object.keys(path2Type)) typeNames.add(typeOf(p));
const types = [...typeNames].sort();
const typeIndex = new Map(types.map((t, i) => [t, i]));
const derivesFrom = (t, base) => {
  for (let x = t; x !== undefined; x = type2Parent[x]) if (x === base) return true;
  return false;
};

// ---------------------------------------------------------------- element groups
// A group is where the children of an element are defined: a type (HumanName, Patient,
// string) or a backbone element path (Patient.contact, Questionnaire.item).
const childLists = new Map();  // group path -> Map(child name -> {type, target, choice})
const groupOf = (p) => {
  if (!childLists.has(p)) childLists.set(p, new Map());
  return childLists.get(p);
};
const parentPath = (p) => p.slice(0, p.lastIndexOf('.'));
const lastName = (p) => p.slice(p.lastIndexOf('.') + 1);
for (const p of Object.keys(path2Type)) groupOf(parentPath(p)).set(lastName(p), { type: typeOf(p), target: p, choice: 0 });
for (const [from, to] of Object.entries(definedElsewhere)) {
  groupOf(parentPath(from)).set(lastName(from), { type: typeOf(to), target: to, choice: 0 });
}
// value[x]: the base name is a child of its own ("value", choice 255) and each concrete
// element (valueQuantity) records the length of its base name.
for (const [p, options] of Object.entries(choiceTypePaths)) {
  const group = groupOf(parentPath(p));
  const base = lastName(p);
  group.set(base, { type: undefined, target: undefined, choice: 255 });
  for (const option of options) {
    const concrete = group.get(base + option);
    if (concrete) concrete.choice = base.length;
  }
}
const groupPaths = [...childLists.keys()].sort();
const groupIndex = new Map(groupPaths.map((g, i) => [g, i]));
// The group holding the children of a type: its own, or the nearest ancestor's (Age -> Quantity).
const typeGroup = (t) => {
  for (let x = t; x !== undefined; x = type2Parent[x]) if (groupIndex.has(x)) return groupIndex.get(x);
  return -1;
};
// The group of an element: its backbone path, the path it refers to, or its type's.
const elementGroup = (target, type) => {
  if (target !== undefined && groupIndex.has(target)) return groupIndex.get(target);
  return type === undefined ? -1 : typeGroup(type);
};
// A group inherits from its type's parent (Patient -> DomainResource) or, for a backbone
// element, from BackboneElement / Element.
const groupBase = (g) => {
  if (typeIndex.has(g) && !g.includes('.')) return type2Parent[g] === undefined ? -1 : typeGroup(type2Parent[g]);
  return typeGroup(typeOf(g) ?? 'Element');
};

// Children identical to one the base chain defines (Patient.meta = Resource.meta) are left to it.
const rows = [];
const groups = groupPaths.map((g) => {
  const base = groupBase(g);
  const inherited = (name, child) => {
    for (let b = base; b >= 0; b = groupBase(groupPaths[b])) {
      const c = childLists.get(groupPaths[b]).get(name);
      if (c) return c.type === child.type && c.choice === child.choice &&
        elementGroup(c.target, c.type) === elementGroup(child.target, child.type);
    }
    return false;
  };
  const own = [...childLists.get(g).entries()].filter(([n, c]) => !inherited(n, c)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const first = rows.length;
  for (const [name, c] of own) {
    rows.push({ name, type: c.type === undefined ? -1 : typeIndex.get(c.type), group: elementGroup(c.target, c.type), choice: c.choice });
  }
  return { path: g, base, first, count: own.length };
});

// ---------------------------------------------------------------- C++
const flags = (t) => (t.startsWith('System.') ? 4 : 0) | (/^[a-z]/.test(t) ? 1 : 0) | (derivesFrom(t, 'Resource') ? 2 : 0);
const q = (s) => JSON.stringify(s);
let cpp = `// Generated by cmake/make_fhirpath_model.mjs from the npm package fhirpath ${version}
// (fhir-context/r4). Do not edit; core/fhir/fhirpath_model_table.hpp describes the tables.
#include "core/fhir/fhirpath_model_table.hpp"

namespace safetynet::core::fhirpath::model_table {

const TypeRow types[] = {
`;
for (const t of types) {
  const parent = type2Parent[t] === undefined ? -1 : typeIndex.get(type2Parent[t]);
  cpp += `    {${q(t)}, ${parent}, ${typeGroup(t)}, ${flags(t)}},\n`;
}
cpp += `};
const std::size_t type_count = ${types.length};

const GroupRow groups[] = {
`;
for (const g of groups) cpp += `    {${q(g.path)}, ${g.base}, ${g.first}, ${g.count}},\n`;
cpp += `};
const std::size_t group_count = ${groups.length};

const ChildRow children[] = {
`;
for (const r of rows) cpp += `    {${q(r.name)}, ${r.type}, ${r.group}, ${r.choice}},\n`;
cpp += `};
const std::size_t child_count = ${rows.length};

}  // namespace safetynet::core::fhirpath::model_table
`;
writeFileSync(out + '.tmp', cpp);
renameSync(out + '.tmp', out);
console.log(`FHIRPath model: ${types.length} types, ${groups.length} element groups, ${rows.length} children`);
