import { z } from 'zod';
import {
  API_PREFIX,
  ApiErrorSchema,
  EnrollAnswerSchema,
  EnrollmentCodeAnswerSchema,
  EnrollmentCodeBodySchema,
  EnrollRequestSchema,
  HeartbeatSchema,
  ResponsesCsvQuerySchema,
  SummaryAnswerSchema,
  SummaryQuerySchema,
  SurveyTemplateListSchema,
  SurveyTemplateRequestSchema,
  TerminalListSchema,
  TerminalPatchBodySchema,
  UploadAnswerSchema,
  UploadItemSchema,
  UploadRequestSchema,
} from '../core/central-api';
import {
  AccountListSchema,
  AccountPatchSchema,
  AccountSchema,
  LoginMethodsSchema,
  MeSchema,
  NewAccountRequestSchema,
  SESSION_COOKIE,
  SessionRequestSchema,
  UnitPatchSchema,
} from '../core/accounts-api';
import { RESPONSE_CSV_COLUMNS } from '../core/csv';
import {
  UnitQuestionsQuerySchema,
  UnitQuestionsSchema,
  UnitReportQuerySchema,
  UnitReportSchema,
  UnitsReportQuerySchema,
  UnitsReportSchema,
  UnitsTrendQuerySchema,
  UnitsTrendSchema,
} from '../core/reports-api';
import {
  AlertAcknowledgeSchema,
  AlertListSchema,
  AlertQuerySchema,
  AlertSchema,
  FeedbackItemSchema,
  FeedbackListSchema,
  FeedbackPatchSchema,
  FeedbackQuerySchema,
  MailStatusSchema,
  OpenedContactSchema,
} from '../core/feedback-api';
import {
  NATIONAL_EXPORT_COLUMNS,
  NationalExportQuerySchema,
  NationalExportSchema,
} from '../core/national-export';
import {
  PublicQuerySchema,
  PublicResultsSchema,
  UnitNoteInputSchema,
  UnitNoteListSchema,
  UnitNoteSchema,
} from '../core/public-api';
import { ResponseSchema } from '../core/response';
import { SurveySchema } from '../core/survey';
import { TerminalConfigSchema } from '../core/terminal-config';

/**
 * The OpenAPI 3.1 document of central-api.md, generated from the zod schemas that the server
 * validates with and the terminal parses answers with, so the three cannot drift apart. A copy
 * is committed as server/openapi.json (`node --import tsx server/write-openapi.ts` rewrites it;
 * a test fails when it is stale).
 */

type Json = Record<string, unknown>;
type Registry = ReturnType<typeof z.registry<{ id: string }>>;

/** Request bodies are described as clients write them (defaults optional)... */
const requests: Registry = z.registry<{ id: string }>();
requests.add(EnrollRequestSchema, { id: 'EnrollRequest' });
requests.add(UploadRequestSchema, { id: 'UploadRequest' });
requests.add(ResponseSchema, { id: 'Response' });
requests.add(HeartbeatSchema, { id: 'Heartbeat' });
// The admin bodies as sent: with `surveyTemplate`, our extension, beside `survey`.
requests.add(EnrollmentCodeBodySchema, { id: 'EnrollmentCodeRequest' });
requests.add(TerminalPatchBodySchema, { id: 'TerminalPatchRequest' });
requests.add(SurveyTemplateRequestSchema, { id: 'SurveyTemplate' });
requests.add(SurveySchema, { id: 'SurveyInput' });
requests.add(SessionRequestSchema, { id: 'SessionRequest' });
requests.add(UnitPatchSchema, { id: 'UnitPatch' });
requests.add(NewAccountRequestSchema, { id: 'NewAccountRequest' });
requests.add(AccountPatchSchema, { id: 'AccountPatch' });
requests.add(FeedbackPatchSchema, { id: 'FeedbackPatch' });
requests.add(AlertAcknowledgeSchema, { id: 'AlertAcknowledge' });
requests.add(UnitNoteInputSchema, { id: 'UnitNoteInput' });

/** ...and answers as the server sends them (defaults filled in). */
const answers: Registry = z.registry<{ id: string }>();
answers.add(ApiErrorSchema, { id: 'ApiError' });
answers.add(EnrollAnswerSchema, { id: 'EnrollAnswer' });
answers.add(TerminalConfigSchema, { id: 'TerminalConfig' });
answers.add(SurveySchema, { id: 'Survey' });
answers.add(UploadAnswerSchema, { id: 'UploadAnswer' });
answers.add(EnrollmentCodeAnswerSchema, { id: 'EnrollmentCodeAnswer' });
answers.add(TerminalListSchema, { id: 'TerminalList' });
answers.add(SummaryAnswerSchema, { id: 'SummaryAnswer' });
answers.add(SurveyTemplateListSchema, { id: 'SurveyTemplateList' });
answers.add(UnitsReportSchema, { id: 'UnitsReport' });
answers.add(UnitsTrendSchema, { id: 'UnitsTrend' });
answers.add(UnitReportSchema, { id: 'UnitReport' });
answers.add(UnitQuestionsSchema, { id: 'UnitQuestions' });
answers.add(MeSchema, { id: 'Me' });
answers.add(LoginMethodsSchema, { id: 'LoginMethods' });
answers.add(AccountSchema, { id: 'Account' });
answers.add(AccountListSchema, { id: 'AccountList' });
answers.add(FeedbackItemSchema, { id: 'FeedbackItem' });
answers.add(FeedbackListSchema, { id: 'FeedbackList' });
answers.add(OpenedContactSchema, { id: 'OpenedContact' });
answers.add(AlertSchema, { id: 'Alert' });
answers.add(AlertListSchema, { id: 'AlertList' });
answers.add(MailStatusSchema, { id: 'MailStatus' });
answers.add(PublicResultsSchema, { id: 'PublicResults' });
answers.add(NationalExportSchema, { id: 'NationalExport' });
answers.add(UnitNoteSchema, { id: 'UnitNote' });
answers.add(UnitNoteListSchema, { id: 'UnitNoteList' });

const ref = (id: string): Json => ({ $ref: `#/components/schemas/${id}` });

function components(registry: Registry, io: 'input' | 'output'): Record<string, Json> {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
    // zod describes an object's output as closed, since it drops unknown keys. The contract
    // may grow new optional fields, so answers stay open to them: only strict objects are closed.
    override: ({ zodSchema, jsonSchema }) => {
      // The upload's items: the route takes any value and judges each alone, so one bad answer
      // is rejected by itself; what a terminal sends, and what is accepted, is a Response.
      if (zodSchema === UploadItemSchema) {
        Object.assign(jsonSchema, {
          ...ref('Response'),
          description:
            'A Response. Each item is checked on its own: one that is not a valid Response is listed in `rejected` (`invalid_response`) and the others are still stored; only an item without a usable `id` makes the whole body a `400`.',
        });
      }
      const def = zodSchema._zod.def;
      if (io === 'output' && def.type === 'object' && def.catchall === undefined) {
        delete jsonSchema.additionalProperties;
      }
    },
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const optional = field instanceof z.ZodOptional;
    const inner = optional ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    const { $schema: _dialect, ...described } = z.toJSONSchema(inner, { io: 'input' }) as Json;
    return { name, in: 'query', required: !optional, schema: described };
  });
}

const ERRORS: Record<string, string> = {
  '400':
    'The body is not JSON (`invalid_json`), or a field is wrong (`invalid_body`, `invalid_query`: the message names it); handling a contact request without a note (`note_required`)',
  '401':
    'No token or session, or not one this server knows (`unauthorized`); a wrong e-mail or password (`bad_credentials`)',
  '403':
    'The terminal has been revoked (`terminal_revoked`); the account may not do this or see this unit (`forbidden`); a change by session without the server’s own `Origin` (`csrf`)',
  '404':
    'Not found (`code_unknown`, `terminal_unknown`, `unit_unknown`, `question_unknown`, `account_unknown`, `feedback_unknown`, `alert_unknown`, `note_unknown`; `contact_unknown`: the item has no contact request); no OpenID Connect provider on this server (`oidc_not_configured`)',
  '410': 'The enrollment code was used (`code_used`) or has expired (`code_expired`)',
  '413': 'The body is over the limit (`body_too_large`)',
  '500': 'The sealed contact does not open with this server’s key (`contact_unreadable`)',
  '429':
    'Too many requests (`rate_limited`), or more than 10 failed logins for the e-mail in 15 minutes (`too_many_attempts`); wait `Retry-After` seconds',
  '503':
    'The server cannot store anything now (`storage_unavailable`: nothing of the request was kept) or is shutting down (`shutting_down`); wait `Retry-After` seconds. The server has no contact key (`contact_key_missing`); Chromium, which makes the PDFs, cannot be started (`pdf_unavailable`), took over 30 s (`pdf_timeout`) or failed (`pdf_failed`), or over 20 PDFs wait (`pdf_busy`)',
};

function errors(...statuses: string[]): Record<string, Json> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERRORS[status] ?? 'Error',
        ...(status === '429' || status === '503'
          ? { headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } } }
          : {}),
        content: { 'application/json': { schema: ref('ApiError') } },
      },
    ]),
  );
}

const json = (schema: Json): Json => ({ content: { 'application/json': { schema } } });
const body = (id: string): Json => ({ required: true, ...json(ref(id)) });
const terminal = [{ terminalToken: [] }];
/** The admin token or a person's session (central-reports.md): either one. */
const admin = [{ adminToken: [] }, { session: [] }];

const emailParameter: Json = {
  name: 'email',
  in: 'path',
  required: true,
  schema: { type: 'string' },
};

const idParameter: Json = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const unitIdParameter: Json = {
  name: 'unitId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
};

/** A report's month, `YYYY-MM` in the unit's time zone; left out, last month. */
const monthParameter: Json = {
  name: 'month',
  in: 'query',
  required: false,
  schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
};

const pdf: Json = {
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

/** A refused OpenID Connect login: a page in fi, sv or en by Accept-Language, for a browser. */
function htmlPage(description: string): Json {
  return {
    description: `${description} (an HTML page in Finnish, Swedish or English by Accept-Language; the audit log names the reason)`,
    content: { 'text/html': { schema: { type: 'string' } } },
  };
}

function operation(summary: string, fields: Json): Json {
  return { summary, ...fields };
}

export function buildOpenApiDocument(): Json {
  const p = API_PREFIX;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hymy central API',
      version: '1.0.0',
      description:
        'The contract between Hymy terminals and the central service (central-api.md, version 1). Errors are `{"error": {"code", "message"}}`.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    paths: {
      [`${p}/enroll`]: {
        post: operation('Enroll a terminal with a single-use code', {
          requestBody: body('EnrollRequest'),
          responses: {
            '201': { description: 'Enrolled', ...json(ref('EnrollAnswer')) },
            ...errors('400', '404', '410', '413', '429', '503'),
          },
        }),
      },
      [`${p}/terminal/config`]: {
        get: operation("The terminal's config", {
          security: terminal,
          parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The config, with its ETag',
              headers: { ETag: { schema: { type: 'string' } } },
              ...json(ref('TerminalConfig')),
            },
            '304': { description: 'Unchanged since the ETag in If-None-Match' },
            ...errors('401', '403', '429'),
          },
        }),
      },
      [`${p}/terminal/responses`]: {
        post: operation('Upload a batch of answers (idempotent by id)', {
          security: terminal,
          requestBody: body('UploadRequest'),
          responses: {
            '200': {
              description: 'Each id of the batch in exactly one list',
              ...json(ref('UploadAnswer')),
            },
            ...errors('400', '401', '403', '413', '429', '503'),
          },
        }),
      },
      [`${p}/terminal/heartbeat`]: {
        post: operation("The terminal's status", {
          security: terminal,
          requestBody: body('Heartbeat'),
          responses: {
            '204': { description: 'Stored' },
            ...errors('400', '401', '403', '413', '429', '503'),
          },
        }),
      },
      [`${p}/admin/enrollment-codes`]: {
        post: operation('Make a single-use enrollment code (24 h unless ttlHours says otherwise)', {
          security: admin,
          requestBody: body('EnrollmentCodeRequest'),
          responses: {
            '201': { description: 'The code', ...json(ref('EnrollmentCodeAnswer')) },
            ...errors('400', '401', '413', '429'),
          },
        }),
      },
      [`${p}/admin/terminals`]: {
        get: operation('Every terminal and its last heartbeat', {
          security: admin,
          responses: {
            '200': { description: 'The terminals', ...json(ref('TerminalList')) },
            ...errors('401', '429'),
          },
        }),
      },
      [`${p}/admin/terminals/{terminalId}`]: {
        patch: operation("Change a terminal's config, survey or revocation", {
          security: admin,
          parameters: [
            { name: 'terminalId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('TerminalPatchRequest') },
              'application/merge-patch+json': { schema: ref('TerminalPatchRequest') },
            },
          },
          responses: {
            '200': { description: 'The new config', ...json(ref('TerminalConfig')) },
            ...errors('400', '401', '404', '413', '429'),
          },
        }),
      },
      [`${p}/admin/survey-templates`]: {
        get: operation('The built-in survey templates (an extension of central-api.md)', {
          security: admin,
          responses: {
            '200': { description: 'The templates', ...json(ref('SurveyTemplateList')) },
            ...errors('401', '429'),
          },
        }),
      },
      [`${p}/admin/summary`]: {
        get: operation('Report figures for a selection of answers', {
          security: admin,
          parameters: queryParameters(SummaryQuerySchema),
          responses: {
            '200': { description: 'The figures', ...json(ref('SummaryAnswer')) },
            ...errors('400', '401', '429'),
          },
        }),
      },
      [`${p}/admin/responses.csv`]: {
        get: operation('Every stored answer of a unit as CSV (RFC 4180, UTF-8)', {
          security: admin,
          parameters: queryParameters(ResponsesCsvQuerySchema),
          responses: {
            '200': {
              description:
                `One row per answer under a header row: ${RESPONSE_CSV_COLUMNS.join(', ')}. ` +
                `Flags share one cell, separated by a space; the terminal's sync columns ` +
                `(syncState, syncedAt, rejectCode) are empty here.`,
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors('400', '401', '429'),
          },
        }),
      },
      [`${p}/reports/units`]: {
        get: operation(
          "Every unit side by side: its first question's figures (or questionId's), with a rank score (central-reports.md)",
          {
            security: admin,
            parameters: queryParameters(UnitsReportQuerySchema),
            responses: {
              '200': { description: 'One row per unit', ...json(ref('UnitsReport')) },
              ...errors('400', '401', '429'),
            },
          },
        ),
      },
      [`${p}/reports/trend`]: {
        get: operation(
          "Every unit's last N ISO weeks (n, positive share) up to `to`, without a period's figures: the units page's sparklines (an extension)",
          {
            security: admin,
            parameters: queryParameters(UnitsTrendQuerySchema),
            responses: {
              '200': { description: 'One row per unit', ...json(ref('UnitsTrend')) },
              ...errors('400', '401', '429'),
            },
          },
        ),
      },
      [`${p}/reports/units/{unitId}`]: {
        get: operation(
          "One unit's report: figures with intervals, weeks, heat map, follow-ups, respondents",
          {
            security: admin,
            parameters: [unitIdParameter, ...queryParameters(UnitReportQuerySchema)],
            responses: {
              '200': { description: 'The report', ...json(ref('UnitReport')) },
              ...errors('400', '401', '404', '429'),
            },
          },
        ),
      },
      [`${p}/reports/units/{unitId}/questions`]: {
        get: operation("Every question the unit's terminals were given, with its figures", {
          security: admin,
          parameters: [unitIdParameter, ...queryParameters(UnitQuestionsQuerySchema)],
          responses: {
            '200': { description: 'In survey order', ...json(ref('UnitQuestions')) },
            ...errors('400', '401', '404', '429'),
          },
        }),
      },
      [`${p}/session`]: {
        post: operation('Sign in with e-mail and password (central-reports.md)', {
          requestBody: body('SessionRequest'),
          responses: {
            '204': {
              description: `Signed in: the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Strict, Path=/; Secure over https). Sessions end after 8 hours, or 30 minutes without a request.`,
            },
            ...errors('400', '401', '429'),
          },
        }),
        delete: operation('Sign out: the session ends', {
          security: admin,
          responses: { '204': { description: 'Signed out' }, ...errors('401', '403', '429') },
        }),
      },
      [`${p}/session/methods`]: {
        get: operation('How one may sign in here: a password, and the county’s OpenID provider?', {
          responses: {
            '200': { description: 'The login methods', ...json(ref('LoginMethods')) },
            ...errors('429'),
          },
        }),
      },
      [`${p}/session/oidc`]: {
        get: operation(
          'Sign in through the county’s OpenID Connect provider: a browser is sent there',
          {
            responses: {
              '302': {
                description:
                  'To the provider’s authorization endpoint (code flow, PKCE S256, state, nonce; scope `openid email`), with the attempt’s `hymy_oidc` cookie (HttpOnly, SameSite=Lax, 10 minutes)',
                headers: { Location: { schema: { type: 'string' } } },
              },
              ...errors('404', '429'),
              '502': htmlPage('The provider cannot be reached: a page saying so'),
            },
          },
        ),
      },
      [`${p}/session/oidc/callback`]: {
        get: operation('Back from the OpenID Connect provider (its redirect URI)', {
          parameters: ['code', 'state', 'iss', 'error'].map((name) => ({
            name,
            in: 'query',
            required: false,
            schema: { type: 'string' },
          })),
          responses: {
            '302': {
              description: `Signed in: the \`${SESSION_COOKIE}\` cookie as POST /session gives it, and on to \`/\`. Only a login whose verified e-mail (\`email_verified\` true) is an account's`,
              headers: { Location: { schema: { type: 'string', const: '/' } } },
            },
            '400': htmlPage(
              'The attempt is broken: not started by this browser, expired (10 minutes), used, cancelled at the provider, or its code refused',
            ),
            '403': htmlPage('The e-mail is no account’s, or the provider has not verified it'),
            ...errors('404', '429'),
            '502': htmlPage('The provider cannot be reached'),
          },
        }),
      },
      [`${p}/me`]: {
        get: operation('Who is signed in: e-mail (null for the admin token), role and units', {
          security: admin,
          responses: {
            '200': { description: 'The account', ...json(ref('Me')) },
            ...errors('401', '429'),
          },
        }),
      },
      [`${p}/admin/accounts`]: {
        get: operation("People's accounts (a county account; never a password)", {
          security: admin,
          responses: {
            '200': { description: 'By e-mail', ...json(ref('AccountList')) },
            ...errors('401', '403', '429'),
          },
        }),
        post: operation('Add an account (without `password`: OpenID Connect only)', {
          security: admin,
          requestBody: body('NewAccountRequest'),
          responses: {
            '201': { description: 'The account', ...json(ref('Account')) },
            '409': {
              description: 'The e-mail is in use (`account_exists`)',
              ...json(ref('ApiError')),
            },
            ...errors('400', '401', '403', '429'),
          },
        }),
      },
      [`${p}/admin/accounts/{email}`]: {
        patch: operation("Change a unit account's units, or an account's language", {
          security: admin,
          parameters: [emailParameter],
          requestBody: body('AccountPatch'),
          responses: {
            '200': { description: 'The account', ...json(ref('Account')) },
            ...errors('400', '401', '403', '404', '429'),
          },
        }),
        delete: operation('Remove an account and end its sessions', {
          security: admin,
          parameters: [emailParameter],
          responses: {
            '204': { description: 'Removed' },
            '409': {
              description: 'An account cannot remove itself (`own_account`)',
              ...json(ref('ApiError')),
            },
            ...errors('401', '403', '404', '429'),
          },
        }),
      },
      [`${p}/admin/units/{unitId}`]: {
        patch: operation(
          "Set a unit's target, or publish its results (`public`; a county account; central-reports.md)",
          {
            security: admin,
            parameters: [unitIdParameter],
            requestBody: body('UnitPatch'),
            responses: {
              '200': { description: 'The unit as it is now', ...json({ type: 'object' }) },
              ...errors('400', '401', '403', '404', '429'),
            },
          },
        ),
      },
      [`${p}/reports/units/{unitId}/poster.pdf`]: {
        get: operation(
          "The unit's wall poster: one A4 page in the unit's languages with the month's result and its trend, with the public page's suppression (fewer than 5 answers: no figure)",
          {
            security: admin,
            parameters: [unitIdParameter, monthParameter],
            responses: {
              '200': { description: 'The poster', ...pdf },
              ...errors('400', '401', '403', '404', '429', '503'),
            },
          },
        ),
      },
      [`${p}/reports/units/{unitId}/month.pdf`]: {
        get: operation(
          "The month's report for the unit's managers: every question's figures, the trend, the heat map, follow-up reasons and the month's handled and open feedback; comments only with `comments=true` (audited)",
          {
            security: admin,
            parameters: [
              unitIdParameter,
              monthParameter,
              {
                name: 'comments',
                in: 'query',
                required: false,
                schema: { type: 'string', enum: ['true', 'false'] },
              },
              {
                name: 'lang',
                in: 'query',
                required: false,
                description: "An extension: the report's language; left out, the account's",
                schema: { type: 'string', enum: ['fi', 'sv', 'en'] },
              },
            ],
            responses: {
              '200': { description: 'The report', ...pdf },
              ...errors('400', '401', '403', '404', '429', '503'),
            },
          },
        ),
      },
      [`${p}/exports/national.csv`]: {
        get: operation(
          'The national export (a county account): counts per unit, local calendar month, question, value and respondent; tests and repeats left out; sorted by every column in order (docs/national-export.md). Left out, the range is the last 12 whole months (Europe/Helsinki)',
          {
            security: admin,
            parameters: queryParameters(NationalExportQuerySchema),
            responses: {
              '200': {
                description: `RFC 4180 CSV with a header line: ${NATIONAL_EXPORT_COLUMNS.join(',')}`,
                content: { 'text/csv': { schema: { type: 'string' } } },
              },
              ...errors('400', '401', '403', '429'),
            },
          },
        ),
      },
      [`${p}/exports/national.json`]: {
        get: operation(
          "The national export as JSON: the CSV's rows in the same order (an extension)",
          {
            security: admin,
            parameters: queryParameters(NationalExportQuerySchema),
            responses: {
              '200': { description: 'The rows', ...json(ref('NationalExport')) },
              ...errors('400', '401', '403', '429'),
            },
          },
        ),
      },
      [`${p}/units/{unitId}/notes`]: {
        get: operation(
          '"You said, we did": the notes of the unit\'s public page, newest first (an extension)',
          {
            security: admin,
            parameters: [unitIdParameter],
            responses: {
              '200': { description: 'The notes', ...json(ref('UnitNoteList')) },
              ...errors('401', '403', '404', '429'),
            },
          },
        ),
        post: operation(
          'Write a note for the public page (an identity code, phone number or e-mail address in it is taken out as on the terminal)',
          {
            security: admin,
            parameters: [unitIdParameter],
            requestBody: body('UnitNoteInput'),
            responses: {
              '201': { description: 'The note', ...json(ref('UnitNote')) },
              ...errors('400', '401', '403', '404', '429'),
            },
          },
        ),
      },
      [`${p}/units/{unitId}/notes/{noteId}`]: {
        delete: operation('Delete a note', {
          security: admin,
          parameters: [
            unitIdParameter,
            { name: 'noteId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '204': { description: 'Deleted' },
            ...errors('401', '403', '404', '429'),
          },
        }),
      },
      ['/public/v1/units/{unitId}']: {
        get: operation(
          "A published unit's public results: whole ISO weeks (the 13 before this one unless `from`/`to`, both moved back to their week's Monday, `to` to this week's at the latest); every figure from fewer than 5 answers is `{\"suppressed\": true}` and `n` null below 5. No authentication; cacheable for 5 minutes",
          {
            security: [],
            parameters: [unitIdParameter, ...queryParameters(PublicQuerySchema)],
            responses: {
              '200': { description: 'The results', ...json(ref('PublicResults')) },
              ...errors('400', '404', '429'),
            },
          },
        ),
      },
      [`${p}/feedback`]: {
        get: operation(
          'Feedback items (answers with a comment, and contact requests), newest first; `questionId`, `value`, `contact`, `limit` and `before` are extensions (the next page: `before` = the last id of a full page)',
          {
            security: admin,
            parameters: queryParameters(FeedbackQuerySchema),
            responses: {
              '200': { description: 'At most `limit` items', ...json(ref('FeedbackList')) },
              ...errors('400', '401', '403', '429'),
            },
          },
        ),
      },
      [`${p}/feedback/{id}`]: {
        patch: operation(
          'Mark an item read or handled (`handled` needs a `note` when it has a contact request; handling deletes the sealed contact)',
          {
            security: admin,
            parameters: [idParameter],
            requestBody: body('FeedbackPatch'),
            responses: {
              '200': { description: 'The item', ...json(ref('FeedbackItem')) },
              ...errors('400', '401', '403', '404', '429'),
            },
          },
        ),
      },
      [`${p}/feedback/{id}/contact`]: {
        post: operation(
          "Open an item's sealed contact details; every opening is written to the audit log",
          {
            security: admin,
            parameters: [idParameter],
            responses: {
              '200': { description: 'The contact details', ...json(ref('OpenedContact')) },
              '410': {
                description: 'Deleted: the item was handled, or 30 days passed (`contact_deleted`)',
                ...json(ref('ApiError')),
              },
              ...errors('401', '403', '404', '429', '500', '503'),
            },
          },
        ),
      },
      [`${p}/alerts`]: {
        get: operation("Alerts of the units' Bernoulli CUSUM of negative answers, newest first", {
          security: admin,
          parameters: queryParameters(AlertQuerySchema),
          responses: {
            '200': { description: 'The alerts', ...json(ref('AlertList')) },
            ...errors('400', '401', '403', '429'),
          },
        }),
      },
      [`${p}/alerts/{id}/acknowledge`]: {
        post: operation('Acknowledge an alert with a comment', {
          security: admin,
          parameters: [idParameter],
          requestBody: body('AlertAcknowledge'),
          responses: {
            '200': { description: 'The alert', ...json(ref('Alert')) },
            '409': {
              description: 'Already acknowledged (`alert_acknowledged`)',
              ...json(ref('ApiError')),
            },
            ...errors('400', '401', '403', '404', '429'),
          },
        }),
      },
      [`${p}/mail/status`]: {
        get: operation(
          "Whether e-mail gets through: mails waiting, failing, and the last failure (an extension, for the dashboard's warning)",
          {
            security: admin,
            responses: {
              '200': { description: 'The outbox', ...json(ref('MailStatus')) },
              ...errors('401', '429'),
            },
          },
        ),
      },
      [`${p}/openapi.json`]: {
        get: operation('This document', {
          responses: { '200': { description: 'OpenAPI 3.1', ...json({ type: 'object' }) } },
        }),
      },
    },
    components: {
      schemas: { ...components(requests, 'input'), ...components(answers, 'output') },
      securitySchemes: {
        terminalToken: {
          type: 'http',
          scheme: 'bearer',
          description: "The terminal's token from enrollment",
        },
        adminToken: { type: 'http', scheme: 'bearer', description: "The server's admin token" },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'A signed-in person (POST /v1/session). Changes (POST, PATCH, DELETE) need the server’s own Origin header.',
        },
      },
    },
  };
}
