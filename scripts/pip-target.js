'use strict';
// Shared by the install scripts: PyPI packages into a project-local, git-ignored folder under
// .tools/, with the machine's own Python (no virtualenv, nothing installed system-wide).
const { spawnSync } = require('node:child_process');

/** The first Python on PATH whose pip works, or undefined. */
function findPythonWithPip() {
  return ['python3', 'python'].find((p) => spawnSync(p, ['-m', 'pip', '--version']).status === 0);
}

/** `pip install --target <target> <packages…>`; true when pip succeeded. */
function pipInstallTarget(python, target, packages, { upgrade = false } = {}) {
  const args = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location'];
  if (upgrade) args.push('--upgrade');
  const res = spawnSync(python, [...args, '--target', target, ...packages], { stdio: 'inherit' });
  return res.status === 0;
}

module.exports = { findPythonWithPip, pipInstallTarget };
