/**
 * Lays out the blast-radius graph with dagre (a layered, left-to-right drawing: agents, then tools,
 * then secrets and hosts) and renders it as inline SVG. The layout runs here, in Node, so the webview
 * and the exported HTML file need no layout script and show the same picture.
 *
 * Colours come from CSS classes (the page's theme variables), not from attributes, so the graph follows
 * the editor theme. Every label is escaped; node sizes are estimated from label lengths, since there is
 * no text measurement outside a browser.
 */

import { Graph, layout } from '@dagrejs/dagre';
import { htmlIdToken, htmlText } from './escape';
import type { GraphNode, ReportGraph } from './graph';

const FONT_PX = 12;
const PAD_X = 12;
const LINE_PX = 16;
const MAX_LABEL = 36;

export interface LaidOutNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

export interface LaidOutGraph {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
}

/**
 * Estimated advance of a character in the bold label at FONT_PX, by character class, on the wide side
 * of common UI fonts (DejaVu Sans Bold, Segoe UI Semibold) so that labels fit whatever font renders
 * them. The browser test checks the estimate against real text measurement.
 */
function charWidth(ch: string): number {
  if (/[MW@%]/.test(ch)) return 11.5;
  if (/[A-Z]/.test(ch)) return 9;
  if (/[mw]/.test(ch)) return 11;
  if (/[ijlt.,:;!'|()[\]f]/.test(ch)) return 4.6;
  if (/[r\- ]/.test(ch)) return 5.6;
  return 7.8;
}

/** Width of a line; the second line (the detail) is set smaller and not bold. */
export function textWidth(text: string, detail = false): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return detail ? width * 0.82 : width;
}

function clip(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export function layoutGraph(graph: ReportGraph): LaidOutGraph {
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, edgesep: 8, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const text = [clip(n.label), ...(n.detail ? [clip(n.detail)] : [])];
    lines.set(n.id, text);
    const width = Math.ceil(Math.max(...text.map((t, i) => textWidth(t, i > 0))) + 2 * PAD_X);
    g.setNode(n.id, { width: Math.max(width, 60), height: text.length * LINE_PX + 12 });
  }
  for (const e of graph.edges) g.setEdge(e.from, e.to);
  layout(g);
  const nodes = graph.nodes.map((n) => {
    const placed = g.node(n.id);
    return { ...n, x: placed.x ?? 0, y: placed.y ?? 0, width: placed.width, height: placed.height, lines: lines.get(n.id)! };
  });
  const edges = graph.edges.map((e) => ({ ...e, points: g.edge(e.from, e.to)?.points ?? [] }));
  const { width = 0, height = 0 } = g.graph();
  return { width: Math.ceil(width), height: Math.ceil(height), nodes, edges };
}

const KIND_LABEL: Record<GraphNode['kind'], string> = { agent: 'agent', tool: 'tool', secret: 'secret', host: 'host', delegate: 'delegate' };

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * The graph as an `<svg>` element. With `sourceUri`, nodes that have a location carry `data-*`
 * attributes the page script turns into "open this place" messages.
 */
export function renderGraphSvg(laid: LaidOutGraph, opts: { sourceUri?: (file: string) => string | undefined } = {}): string {
  const edges = laid.edges.map((e) => {
    const [first, ...rest] = e.points;
    if (!first) return '';
    const d = `M${round(first.x)},${round(first.y)}${rest.map((p) => ` L${round(p.x)},${round(p.y)}`).join('')}`;
    return `<path class="edge" d="${d}" marker-end="url(#ag-arrow)"/>`;
  });
  const nodes = laid.nodes.map((n) => {
    const classes = ['node', htmlIdToken(n.kind), ...(n.warn ? ['warn'] : [])].join(' ');
    const uri = n.location && opts.sourceUri?.(n.location.file);
    const open = uri && n.location ? ` data-uri="${htmlText(uri)}" data-line="${n.location.line}" data-column="${n.location.column}" tabindex="0" role="link"` : '';
    const title = `${KIND_LABEL[n.kind]}: ${n.label}${n.detail ? ` (${n.detail})` : ''}${n.location ? ` at ${n.location.file}:${n.location.line}` : ''}`;
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    const text = n.lines
      .map((line, i) => `<text class="${i === 0 ? 'label' : 'detail'}" x="${round(n.x)}" y="${round(y + 6 + LINE_PX * (i + 0.75))}">${htmlText(line)}</text>`)
      .join('');
    return `<g class="${classes}"${open}><title>${htmlText(title)}</title><rect x="${round(x)}" y="${round(y)}" width="${round(n.width)}" height="${round(n.height)}" rx="${n.kind === 'agent' ? 8 : 4}"/>${text}</g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${laid.width}" height="${laid.height}" viewBox="0 0 ${laid.width} ${laid.height}" role="img" aria-label="Blast-radius graph" font-size="${FONT_PX}">`,
    '<defs><marker id="ag-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
