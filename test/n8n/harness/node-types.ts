import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  assignCredentials,
  credentialSlots,
  descriptionsFromNodesJson,
  type NodeDescription,
  type WorkflowNode,
} from '../../../scripts/n8n/credential-slots';
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

/** Every node type the running n8n loaded (n8n's own and ours), for credentialSlots(). */
export function loadedNodeDescriptions(): NodeDescription[] {
  return descriptionsFromNodesJson(path.join(readState().userFolder, '.cache/n8n/public/types/nodes.json'));
}

/**
 * The workflow with this run's credentials in every slot n8n shows on its nodes, by credential
 * type (the templates ship with none). A slot with no binding stays unset if optional, else throws.
 */
export function bindByType<T extends { nodes: Array<Record<string, unknown>> }>(
  workflow: T,
  bindings: Record<string, { id: string; name: string }>,
): T {
  const types = loadedNodeDescriptions();
  const nodes = workflow.nodes.map((node) => {
    const n = node as unknown as WorkflowNode & { credentials?: Record<string, { id: string; name: string }> };
    if (n.credentials) throw new Error(`template node ${n.name} ships a credential: templates ship with every slot unset`);
    for (const slot of credentialSlots(n, types))
      if (slot.required && !bindings[slot.type]) throw new Error(`no test credential for ${slot.type} (node ${n.name})`);
    return assignCredentials(n, bindings, types) as unknown as Record<string, unknown>;
  });
  return { ...workflow, nodes };
}
