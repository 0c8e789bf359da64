// `npm run lint:deps`: the rules of .dependency-cruiser.cjs, then one rule dependency-cruiser
// cannot express: the API's features depend on each other without a cycle (decision 0020).
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const paths = ['apps', 'packages', 'e2e', 'bench', 'test', 'vitest.config.ts'];
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const { output, exitCode } = await cruise(
  paths,
  options,
  {},
  { tsConfig: extractTSConfig('tsconfig.json') },
);
const report = await format(output, { outputType: 'err' });
process.stdout.write(report.output);

// The feature graph: an edge a → b when production code of feature a imports feature b.
const featureOf = (path) => /^apps\/api\/src\/features\/([^/]+)\//.exec(path)?.[1];
const isTest = (path) => /\.test\.tsx?$/.test(path);
const edges = new Map();
for (const module of output.modules) {
  const from = featureOf(module.source);
  if (!from || isTest(module.source)) continue;
  for (const dependency of module.dependencies) {
    const to = featureOf(dependency.resolved);
    if (!to || to === from) continue;
    const key = `${from} → ${to}`;
    edges.set(key, [...(edges.get(key) ?? []), `${module.source} → ${dependency.resolved}`]);
  }
}
const next = new Map();
for (const key of edges.keys()) {
  const [from, to] = key.split(' → ');
  next.set(from, [...(next.get(from) ?? []), to]);
}
const reaches = (from, target, seen = new Set()) =>
  from === target ||
  (!seen.has(from) &&
    (seen.add(from), (next.get(from) ?? []).some((n) => reaches(n, target, seen))));
const cyclic = [...edges].filter(([key]) => {
  const [from, to] = key.split(' → ');
  return reaches(to, from);
});
for (const [key, imports] of cyclic) {
  console.error(`  error no-feature-cycle: ${key} is part of a cycle between features`);
  for (const line of imports) console.error(`      ${line}`);
}
if (cyclic.length > 0) {
  console.error(
    `\nx ${cyclic.length} feature dependencies in a cycle: compose the two features in the one above ` +
      '(its routes), or move the shared part down.\n',
  );
}
process.exitCode = exitCode > 0 || cyclic.length > 0 ? 1 : 0;
