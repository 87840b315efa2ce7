/**
 * Which credential types a workflow node takes, read from the node types' own descriptions (as
 * n8n loads them), with n8n's display rules: Gmail Trigger takes gmailOAuth2 only when its
 * authentication is oAuth2. The templates ship with no credentials; `npm start` and the tests
 * use this to fill each node's slots by credential type.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  NodeHelpers,
  type INodeCredentialDescription,
  type INodeParameters,
  type INodeProperties,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { repoRoot, runtimeDir } from './paths';

export interface NodeDescription {
  /** The full type, e.g. n8n-nodes-base.gmailTrigger. */
  name: string;
  version: number | number[];
  credentials?: INodeCredentialDescription[];
  properties: INodeProperties[];
}

export interface WorkflowNode {
  name: string;
  type: string;
  typeVersion?: number;
  parameters?: Record<string, unknown>;
}

export interface CredentialSlot {
  type: string;
  required: boolean;
}

/**
 * n8n's list of node types (the editor's nodes.json in a user folder's .cache/n8n/public/types,
 * or n8n-nodes-base's dist/types/nodes.json, whose names carry no package prefix).
 */
export function descriptionsFromNodesJson(file: string, prefix = ''): NodeDescription[] {
  const all = JSON.parse(readFileSync(file, 'utf8')) as NodeDescription[];
  return all.map((d) => ({ ...d, name: d.name.includes('.') ? d.name : prefix + d.name }));
}

/** Without a running n8n: n8n-nodes-base from the pinned runtime, and our nodes from dist/. */
export function descriptionsFromBuild(root = repoRoot): NodeDescription[] {
  const base = descriptionsFromNodesJson(
    path.join(runtimeDir, 'node_modules', 'n8n-nodes-base', 'dist', 'types', 'nodes.json'),
    'n8n-nodes-base.',
  );
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
  const ours = pkg.n8n.nodes.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(root, file)) as Record<string, new () => { description: INodeTypeDescription }>;
    return Object.values(mod).map((NodeClass) => {
      const d = new NodeClass().description;
      return { ...d, name: `${pkg.name}.${d.name}` } as NodeDescription;
    });
  });
  return [...base, ...ours];
}

function describe(node: WorkflowNode, descriptions: NodeDescription[]): NodeDescription | undefined {
  const candidates = descriptions.filter((d) => d.name === node.type);
  const versions = (d: NodeDescription) => (Array.isArray(d.version) ? d.version : [d.version]);
  return (
    candidates.find((d) => versions(d).includes(node.typeVersion ?? 1)) ??
    candidates.sort((a, b) => Math.max(...versions(b)) - Math.max(...versions(a)))[0]
  );
}

/** The credential slots the node shows for its parameters (unset parameters at their defaults). */
export function credentialSlots(node: WorkflowNode, descriptions: NodeDescription[]): CredentialSlot[] {
  const description = describe(node, descriptions);
  if (!description?.credentials?.length) return [];
  const values: INodeParameters = {};
  for (const p of description.properties ?? []) if (p.default !== undefined && !(p.name in values)) values[p.name] = p.default;
  Object.assign(values, node.parameters ?? {});
  return description.credentials
    .filter((c) =>
      NodeHelpers.displayParameter(
        values,
        c,
        { typeVersion: node.typeVersion ?? 1 } as never,
        description as unknown as INodeTypeDescription,
      ),
    )
    .map((c) => ({ type: c.name, required: c.required === true }));
}

export type Binding = { id: string; name: string };

/**
 * A copy of the node with the given credentials in the slots it shows; a slot whose type is not
 * in `bindings` stays unset (n8n then flags it on the node).
 */
export function assignCredentials<T extends WorkflowNode & { credentials?: Record<string, Binding> }>(
  node: T,
  bindings: Record<string, Binding | null | undefined>,
  descriptions: NodeDescription[],
): T {
  const chosen = credentialSlots(node, descriptions).flatMap((slot) =>
    bindings[slot.type] ? [[slot.type, bindings[slot.type] as Binding] as const] : [],
  );
  const copy = { ...node };
  delete copy.credentials;
  return chosen.length ? { ...copy, credentials: Object.fromEntries(chosen) } : copy;
}
