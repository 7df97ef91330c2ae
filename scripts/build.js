#!/usr/bin/env node
// Compiles the TypeScript to dist/ (path aliases rewritten), copies the dashboard's static files and the
// common-password list, and prebuilds the workflow bundles that production workers load, so that no
// worker bundles code at start-up.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

async function main() {
  const started = Date.now();
  run(bin('tsc'), ['-p', 'tsconfig.build.json']);
  run(bin('tsc-alias'), ['-p', 'tsconfig.build.json']);
  // The dashboard's static files (HTML, CSS, browser ES modules) sit beside its controller.
  const assets = 'apps/api/src/dashboard/assets';
  fs.rmSync(path.join(root, 'dist', assets), { recursive: true, force: true });
  fs.cpSync(path.join(root, assets), path.join(root, 'dist', assets), { recursive: true });
  // The password policy's list of the 10,000 most common passwords, read beside its module.
  const passwords = 'apps/api/src/accounts/common-passwords.txt';
  fs.copyFileSync(path.join(root, passwords), path.join(root, 'dist', passwords));
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const logger = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };
  const workflowsPath = path.join(root, 'workflows', 'index.ts');
  const { code } = await bundleWorkflowCode({ workflowsPath, logger });
  fs.writeFileSync(path.join(root, 'dist', 'workflow-bundle.js'), code);
  // A second bundle with OpenTelemetry's workflow interceptors built in, loaded only by workers with
  // OTEL_EXPORTER_OTLP_ENDPOINT, so that the one above stays exactly as it is without tracing.
  const tracing = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
    logger,
  });
  fs.writeFileSync(path.join(root, 'dist', 'workflow-bundle-tracing.js'), tracing.code);
  console.log(`[build] dist/ and dist/workflow-bundle{,-tracing}.js ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
