import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/**
 * The console's page (console/, bundled by `npm run build` into dist/console/page.json): the HTML
 * with its script and style inline, and the Content-Security-Policy naming their hashes. The
 * Respond to Webhook node of workflows/console.json sends it; no key is needed to get the page,
 * every call it makes asks for one.
 */
export const description: INodeProperties[] = [];

let page: { html: string; csp: string } | undefined;

function readPage(ctx: IExecuteFunctions): { html: string; csp: string } {
  if (page) return page;
  // Beside the built node (dist/nodes/<Name>/ → dist/console/), or the sources' build under jest.
  const candidates = [path.join(__dirname, '../../console/page.json'), path.join(__dirname, '../../../dist/console/page.json')];
  const file = candidates.find((f) => existsSync(f));
  if (!file)
    throw new NodeOperationError(ctx.getNode(), 'The console page is not built', {
      description: `Looked for ${candidates.join(' and ')}: run "npm run build" (it bundles console/ into dist/console/page.json), then restart n8n.`,
    });
  page = JSON.parse(readFileSync(file, 'utf8')) as { html: string; csp: string };
  return page;
}

export async function execute(ctx: IExecuteFunctions) {
  const { html, csp } = readPage(ctx);
  return { output: 0, json: { statusCode: 200, html, csp } as IDataObject };
}
