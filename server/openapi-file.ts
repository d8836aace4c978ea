import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from './openapi';

/** The committed copy of the OpenAPI document, beside the server's code. */
export const OPENAPI_FILE = join(import.meta.dirname, 'openapi.json');

/** The document as the committed file holds it: formatted by the project's Prettier. */
export async function formattedOpenApiDocument(): Promise<string> {
  const options = (await resolveConfig(OPENAPI_FILE)) ?? {};
  return format(JSON.stringify(buildOpenApiDocument()), { ...options, parser: 'json' });
}

export async function readCommittedOpenApi(): Promise<string> {
  return readFile(OPENAPI_FILE, 'utf8');
}

export async function writeOpenApiFile(): Promise<void> {
  await writeFile(OPENAPI_FILE, await formattedOpenApiDocument());
}
