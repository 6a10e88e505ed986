/**
 * The blast-radius graph as a Mermaid flowchart, for the Markdown report: GitHub, GitLab and most
 * Markdown viewers draw a ```mermaid block as a picture, so a pull-request comment shows who can reach
 * what, as the HTML report's graph does.
 */

import { mermaidText } from './escape';
import type { GraphNode, GraphNodeKind, ReportGraph } from './graph';

/** Node shapes by kind: agents rounded, tools boxes, secrets cylinders, hosts hexagons, delegates circles. */
const SHAPES: Record<GraphNodeKind, [string, string]> = {
  agent: ['(["', '"])'],
  tool: ['["', '"]'],
  secret: ['[("', '")]'],
  host: ['{{"', '"}}'],
  delegate: ['(("', '"))'],
};

export function renderMermaid(graph: ReportGraph): string {
  const ids = new Map(graph.nodes.map((node, i) => [node.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) lines.push(`  ${ids.get(node.id)}${shape(node)}`);
  for (const edge of graph.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from && to) lines.push(`  ${from} --> ${to}`);
  }
  const warned = graph.nodes.filter((node) => node.warn).map((node) => ids.get(node.id)!);
  lines.push('  classDef warn stroke:#cf222e,stroke-width:2px');
  if (warned.length) lines.push(`  class ${warned.join(',')} warn`);
  return lines.join('\n');
}

function shape(node: GraphNode): string {
  const [open, close] = SHAPES[node.kind];
  const label = node.detail ? `${mermaidText(node.label)}<br/>${mermaidText(node.detail)}` : mermaidText(node.label);
  return `${open}${label}${close}`;
}
