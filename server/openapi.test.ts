import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_PREFIX, MAX_BATCH_RESPONSES, UploadRequestSchema } from '../core/central-api';
import { buildApp } from './app';
import { serverContext } from './context';
import { createPdfRenderer } from './pdf/pdf-renderer';
import { openDatabase } from './database';
import { silentLogger } from './log';
import { buildOpenApiDocument } from './openapi';
import { formattedOpenApiDocument, readCommittedOpenApi } from './openapi-file';
import { DEFAULT_RATE_LIMITS } from './rate-limits';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

/**
 * Every route the server's app registers, as `METHOD /path` in OpenAPI's spelling (`{id}` for
 * `:id`), read from fastify's own route tree; HEAD, which fastify adds to every GET, is left out.
 */
async function registeredRoutes(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hymy-openapi-'));
  const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'central.sqlite') });
  const ctx = serverContext(database, {
    logger: silentLogger,
    now: () => new Date(),
    adminTokenHash: '',
    pdf: createPdfRenderer({ logger: silentLogger }),
  });
  const app = await buildApp(ctx, { rateLimits: DEFAULT_RATE_LIMITS, isClosing: () => false });
  try {
    await app.ready();
    // `├── /v1/admin/terminals (GET, HEAD)`, a child indented by four characters a level.
    const stack: string[] = [];
    const routes: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const node = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (node === null) {
        continue;
      }
      stack.length = (node[1] ?? '').length / 4;
      stack.push(node[2] ?? '');
      const path = stack.join('').replace(/:(\w+)/g, '{$1}');
      // The API is what lives under /v1/ and /public/v1/; `/` and its files are the
      // dashboard's static pages (server/dashboard-files.ts) and /public/units/ the public
      // HTML pages, which an OpenAPI document does not describe.
      if (!path.startsWith(`${API_PREFIX}/`) && !path.startsWith('/public/v1/')) {
        continue;
      }
      for (const method of (node[3] ?? '').split(', ').filter(Boolean)) {
        if (method !== 'HEAD') {
          routes.push(`${method} ${path}`);
        }
      }
    }
    return routes;
  } finally {
    await app.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  it('committed as server/openapi.json is the one the schemas generate (else run server/write-openapi.ts)', async () => {
    const committed = await readCommittedOpenApi();
    expect(JSON.parse(committed)).toEqual(buildOpenApiDocument());
    expect(committed).toBe(await formattedOpenApiDocument());
  });

  it('is OpenAPI 3.1 and documents exactly the routes the server registers, with their methods', async () => {
    const doc = buildOpenApiDocument() as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const registered = await registeredRoutes();
    expect(registered.length).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual([...registered].sort());
  });

  it("shows the upload's envelope the route parses, each item a Response judged on its own", () => {
    const schemas = (buildOpenApiDocument() as Doc).components.schemas as Record<
      string,
      { properties?: Record<string, { maxItems?: number; items?: { $ref?: string } }> }
    >;
    const responses = schemas['UploadRequest']?.properties?.['responses'];
    expect(responses?.maxItems).toBe(MAX_BATCH_RESPONSES);
    expect(responses?.items?.$ref).toBe('#/components/schemas/Response');
    // The route's own schema: a bad item passes the envelope, to be rejected alone.
    expect(UploadRequestSchema.safeParse({ responses: [{ id: 'x' }] }).success).toBe(true);
    const tooMany = Array.from({ length: MAX_BATCH_RESPONSES + 1 }, () => ({}));
    expect(UploadRequestSchema.safeParse({ responses: tooMany }).success).toBe(false);
  });

  it('leaves answers open to new optional fields but admin bodies closed to typos', () => {
    const schemas = (buildOpenApiDocument() as Doc).components.schemas as Record<
      string,
      { additionalProperties?: unknown }
    >;
    expect(schemas['UploadAnswer']?.additionalProperties).toBeUndefined();
    expect(schemas['TerminalPatchRequest']?.additionalProperties).toBe(false);
  });

  it('has no JSON Schema dialect or id inside components (they belong to the document)', () => {
    const text = JSON.stringify(buildOpenApiDocument());
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain('"$id"');
  });
});
