#!/usr/bin/env node
// Installs schemathesis (PyPI), the API fuzzer that test/openapi-fuzz.e2e.spec.ts runs against the
// OpenAPI document of the running service, into a project-local, git-ignored folder, the way
// install-temporal.js installs the Temporal binaries. Pinned: the spec relies on its CLI options.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { findPythonWithPip, pipInstallTarget } = require('./pip-target');

const VERSION = '4.32.5';
const root = path.resolve(__dirname, '..');
const target = path.join(root, '.tools', 'schemathesis');
const marker = path.join(target, `schemathesis-${VERSION}.dist-info`);
const warn = (why) =>
  console.warn(
    `[install-schemathesis] WARNING: ${why}: schemathesis is not installed, so the API fuzz test ` +
      '(test/openapi-fuzz.e2e.spec.ts) will fail. Install Python 3.9+ with pip and run `node scripts/install-schemathesis.js`.',
  );

if (fs.existsSync(marker)) {
  console.log(`[install-schemathesis] schemathesis ${VERSION} present in ${path.relative(root, target)}`);
  process.exit(0);
}
const python = findPythonWithPip();
if (!python) {
  warn('no python with pip found');
  process.exit(0);
}
console.log(`[install-schemathesis] installing schemathesis ${VERSION} into ${target}`);
fs.rmSync(target, { recursive: true, force: true });
if (!pipInstallTarget(python, target, [`schemathesis==${VERSION}`])) {
  warn('pip failed');
  process.exit(0);
}
console.log('[install-schemathesis] done');
