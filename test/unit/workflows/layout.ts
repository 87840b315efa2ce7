/**
 * A conservative model of how n8n's canvas draws a workflow, to catch sticky notes that cover
 * nodes or cut their own text off. Nodes: a 100 x 100 box at their position, with their name
 * under it (~40 px, centered, ~7 px per character). Sticky notes: their width x height, the
 * markdown wrapped at width / 7.5 characters per line.
 */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CanvasNode {
  name: string;
  type: string;
  position: [number, number];
  parameters: Record<string, unknown>;
}

export const STICKY = 'n8n-nodes-base.stickyNote';
const NODE = 100;
const LABEL = 40;
const LABEL_CHAR = 7;
const CHAR = 7.5;
const LINE = 22;
const HEADING: Record<number, number> = { 1: 44, 2: 34, 3: 28 };
const PARAGRAPH_GAP = 11;
const PADDING = 40;

/** The node's box and its label under it. */
export function nodeRect(node: CanvasNode): Rect {
  const [x, y] = node.position;
  const labelWidth = Math.max(NODE, Math.min(220, node.name.length * LABEL_CHAR));
  const center = x + NODE / 2;
  return {
    left: Math.min(x, center - labelWidth / 2),
    top: y,
    right: Math.max(x + NODE, center + labelWidth / 2),
    bottom: y + NODE + LABEL,
  };
}

export function stickyRect(note: CanvasNode): Rect {
  const [x, y] = note.position;
  return { left: x, top: y, right: x + Number(note.parameters.width), bottom: y + Number(note.parameters.height) };
}

export const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Characters of a markdown line as displayed (no #, **, `, * or link targets). */
function displayed(line: string): string {
  return line
    .replace(/^#+\s*/, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|`|(^|\s)\*|\*(\s|$|[.,;:])/g, (m) => m.replace(/[*`]/g, ''));
}

/** How many lines a paragraph takes when wrapped at `perLine` characters, word by word. */
export function wrappedLines(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const len = word.length;
    if (used === 0) used = len;
    else if (used + 1 + len <= perLine) used += 1 + len;
    else {
      lines++;
      used = len;
    }
    while (used > perLine) {
      lines++;
      used -= perLine;
    }
  }
  return lines;
}

/** Estimated height the note's markdown needs at its width. */
export function textHeight(content: string, width: number): number {
  const perLine = Math.floor((width - PADDING / 2) / CHAR);
  let height = PADDING;
  for (const raw of content.split('\n')) {
    if (!raw.trim()) {
      height += PARAGRAPH_GAP;
      continue;
    }
    const level = /^(#+)\s/.exec(raw)?.[1].length;
    const lineHeight = level ? (HEADING[level] ?? LINE) : LINE;
    height += wrappedLines(displayed(raw), level ? Math.floor((perLine * LINE) / lineHeight) : perLine) * lineHeight;
  }
  return height;
}
