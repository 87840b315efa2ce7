import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { readState } from './state';
import { PACKAGE } from './index';

export interface LoadedNodeType {
  name: string;
  outputNames?: string[];
  credentials?: Array<{ name: string }>;
  usableAsTool?: boolean;
}

let loaded: Promise<Map<string, LoadedNodeType>> | undefined;

/**
 * Our node types as the running n8n loaded them (the list n8n writes for its editor), keyed by
 * the type without the package prefix; n8n's AI-tool variants appear as `<type>Tool`.
 */
export function nodeTypes(): Promise<Map<string, LoadedNodeType>> {
  loaded ??= (async () => {
    const file = path.join(readState().userFolder, '.cache/n8n/public/types/nodes.json');
    const all = JSON.parse(await readFile(file, 'utf8')) as LoadedNodeType[];
    const ours = all.filter((n) => n.name.startsWith(`${PACKAGE}.`));
    return new Map(ours.map((n) => [n.name.slice(PACKAGE.length + 1), n]));
  })();
  return loaded;
}
