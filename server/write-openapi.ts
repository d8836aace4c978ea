import { OPENAPI_FILE, writeOpenApiFile } from './openapi-file';

/** `node --import tsx server/write-openapi.ts`: rewrites server/openapi.json from the schemas. */
await writeOpenApiFile();
process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
