/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`;
// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
// writes a NaN gauge (the event-loop lag before its first sample) as `Nan`.
const VALUE = '([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[Nn][Aa][Nn]|[-+]?[Ii][Nn][Ff])';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? ${VALUE}(?: (-?\\d+))?$`);
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/**
 * A strict parser of the Prometheus text format 0.0.4 (what prom-client and the Temporal SDK's
 * exporter write): every line is a HELP, a TYPE, another comment, blank, or a well-formed sample
 * of a family whose TYPE came before it. Anything else throws, naming the line.
 */
export function parsePrometheusText(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  text.split('\n').forEach((line, i) => {
    const fail = (why: string) => {
      throw new Error(`line ${i + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = new RegExp(`^# (HELP|TYPE) (${NAME}) ?(.*)$`).exec(line);
      if (!m) return; // another comment
      if (m[1] === 'TYPE') {
        if (!TYPES.includes(m[3])) fail(`unknown type ${m[3]}`);
        if (types.has(m[2])) fail('a second TYPE for the family');
        types.set(m[2], m[3]);
      }
      return;
    }
    const m = SAMPLE.exec(line);
    if (!m) fail('not a sample');
    const name = m![1];
    const family = [name, name.replace(/_(bucket|sum|count|total|created)$/, '')].find((f) => types.has(f));
    if (!family) fail(`sample of a family without TYPE (${name})`);
    const labels: Record<string, string> = {};
    for (const l of (m![2] ?? '').matchAll(new RegExp(LABEL, 'g'))) {
      if (l[1] in labels) fail(`label ${l[1]} twice`);
      labels[l[1]] = l[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const raw = m![m!.length - 2];
    const value = /^nan$/i.test(raw) ? NaN : /inf$/i.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw);
    samples.push({ name, labels, value });
  });
  return samples;
}

/** The sum of the samples called `name` whose labels include `labels`. */
export function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
