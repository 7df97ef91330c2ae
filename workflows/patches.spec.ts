import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The registry of patches (docs/patches.md) and the `patched('…')` calls in workflows/ name the
 * same patches, and every recorded history the registry names exists.
 */
const ROOT = path.resolve(__dirname, '..');
const REGISTRY = path.join(ROOT, 'docs', 'patches.md');
const HISTORIES = path.join(__dirname, 'testing', 'histories');

/** The workflow code: every .ts under workflows/ but specs and the test helpers under testing/. */
function workflowSources(dir = __dirname): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : workflowSources(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [file] : [];
  });
}

const sources = workflowSources().map((file) => ({ file: path.relative(ROOT, file), code: fs.readFileSync(file, 'utf8') }));
const registry = fs.readFileSync(REGISTRY, 'utf8');
const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe('the registry of patches (docs/patches.md)', () => {
  it('names every patch called in workflows/, and only those', () => {
    const called = sorted(sources.flatMap(({ code }) => [...code.matchAll(/\b(?:patched|deprecatePatch)\('([^']+)'\)/g)].map((m) => m[1])));
    const registered = sorted([...registry.matchAll(/^## `([^`]+)`$/gm)].map((m) => m[1]));
    expect(called.length).toBeGreaterThan(0);
    expect(registered).toEqual(called);
  });

  it('can see every patch call: each names its patch with a string literal', () => {
    const unreadable = sources.flatMap(({ file, code }) =>
      [...code.matchAll(/\b(?:patched|deprecatePatch)\((?!'[^']+'\))[^)]*\)/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(unreadable).toEqual([]);
  });

  it('names only recorded histories that exist', () => {
    const named = sorted([...registry.matchAll(/`([\w.-]+\.json)`/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((f) => !fs.existsSync(path.join(HISTORIES, f)))).toEqual([]);
  });
});
