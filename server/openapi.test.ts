import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { formattedOpenApiDocument, readCommittedOpenApi } from './openapi-file';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe('the OpenAPI document', () => {
  it('committed as server/openapi.json is the one the schemas generate (else run server/write-openapi.ts)', async () => {
    const committed = await readCommittedOpenApi();
    expect(JSON.parse(committed)).toEqual(buildOpenApiDocument());
    expect(committed).toBe(await formattedOpenApiDocument());
  });

  it('is OpenAPI 3.1 and describes every call of central-api.md', () => {
    const doc = buildOpenApiDocument() as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/enroll',
        'GET /v1/terminal/config',
        'POST /v1/terminal/responses',
        'POST /v1/terminal/heartbeat',
        'POST /v1/admin/enrollment-codes',
        'GET /v1/admin/terminals',
        'PATCH /v1/admin/terminals/{terminalId}',
        'GET /v1/admin/summary',
        'GET /v1/admin/responses.csv',
        'GET /v1/admin/survey-templates',
      ]),
    );
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
