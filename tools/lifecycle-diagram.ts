/**
 * `npm run lifecycle:diagram [-- --check]` — the request's state machine drawn from the one
 * table that checks every move (packages/domain/src/lifecycle.ts), as a Mermaid state diagram
 * in docs/architecture.md between its two markers. `--check` (run by `npm run check`) fails
 * when the committed diagram no longer says what the table says, as the OpenAPI document's
 * own check does.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { lifecycleTransitions, portalGroup, requestStatuses } from '@guichet/domain';
import type { PortalGroup } from '@guichet/domain';

const target = 'docs/architecture.md';
const begin = '<!-- lifecycle-diagram:begin (npm run lifecycle:diagram) -->';
const end = '<!-- lifecycle-diagram:end -->';

// The portal's words for its groups (the guide's), shown as the diagram's boxes.
const groupLabels: Record<PortalGroup, string> = {
  draft: 'Brouillon',
  transmise: 'Transmise',
  en_cours: 'En cours',
  terminee: 'Terminée',
};
const groupStyles: Record<PortalGroup, string> = {
  draft: 'fill:#f4f4f4,stroke:#888',
  transmise: 'fill:#e8f0fe,stroke:#3367d6',
  en_cours: 'fill:#fff4e5,stroke:#e37400',
  terminee: 'fill:#e6f4ea,stroke:#188038',
};

export function lifecycleDiagram(): string {
  const lines = ['```mermaid', 'stateDiagram-v2', '  direction LR'];
  // Each status says its portal group (Mermaid draws no transition between the insides of two
  // composite states, so the groups are words and colours, not boxes).
  for (const status of requestStatuses) {
    lines.push(`  ${status}: ${status} — ${groupLabels[portalGroup(status)]}`);
  }
  lines.push('  [*] --> draft');
  for (const { action, from, to, actors } of lifecycleTransitions()) {
    for (const source of from)
      lines.push(`  ${source} --> ${to}: ${action} (${actors.join(', ')})`);
  }
  for (const status of requestStatuses.filter((status) => portalGroup(status) === 'terminee')) {
    lines.push(`  ${status} --> [*]`);
  }
  for (const group of Object.keys(groupLabels) as PortalGroup[]) {
    const statuses = requestStatuses.filter((status) => portalGroup(status) === group);
    lines.push(
      `  classDef group_${group} ${groupStyles[group]}`,
      `  class ${statuses.join(',')} group_${group}`,
    );
  }
  lines.push('```');
  return lines.join('\n');
}

const document = await readFile(target, 'utf8');
const start = document.indexOf(begin);
const stop = document.indexOf(end);
if (start === -1 || stop < start) {
  console.error(`${target} has no "${begin}" … "${end}" markers`);
  process.exit(1);
}
const written = `${document.slice(0, start + begin.length)}\n\n${lifecycleDiagram()}\n\n${document.slice(stop)}`;
if (process.argv.includes('--check')) {
  if (written !== document) {
    console.error(
      `${target}: the lifecycle diagram is stale: run npm run lifecycle:diagram and commit it`,
    );
    process.exit(1);
  }
  console.info(`${target}: the lifecycle diagram is up to date`);
} else {
  await writeFile(target, written);
  console.info(`wrote the lifecycle diagram in ${target}`);
}
