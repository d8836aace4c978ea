import { z } from 'zod';
import { ResponseSchema } from './response';
import { TerminalConfigSchema } from './terminal-config';

/**
 * The bodies of central-api.md, version 1, as one set of schemas for both sides: the terminal's
 * sync client parses the server's answers with them, and the reference server validates requests
 * and builds its OpenAPI document from them.
 */

export const API_PREFIX = '/v1';
export const MAX_BATCH_RESPONSES = 500;
export const MAX_BATCH_BYTES = 512 * 1024;

export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string().max(100), message: z.string().max(1000) }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const EnrollRequestSchema = z.object({
  code: z.string().min(1).max(20),
  hardwareId: z.string().min(1).max(200),
  appVersion: z.string().min(1).max(50),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollAnswerSchema = z.object({
  terminalId: z.string().min(1).max(100),
  token: z.string().min(20).max(500),
  config: TerminalConfigSchema,
});
export type EnrollAnswer = z.infer<typeof EnrollAnswerSchema>;

export const UploadRequestSchema = z.object({
  responses: z.array(ResponseSchema).min(1).max(MAX_BATCH_RESPONSES),
});

export const RejectedItemSchema = z.object({
  id: z.string().max(64),
  code: z.string().max(100),
  message: z.string().max(1000),
});

/** Every id of the batch appears in exactly one of the three lists. */
export const UploadAnswerSchema = z.object({
  accepted: z.array(z.string().max(64)),
  duplicate: z.array(z.string().max(64)),
  rejected: z.array(RejectedItemSchema),
});
export type UploadAnswer = z.infer<typeof UploadAnswerSchema>;

export const HeartbeatSchema = z.object({
  appVersion: z.string().min(1).max(50),
  queued: z.number().int().min(0),
  oldestQueuedAt: z.iso.datetime().nullable(),
  lastSyncAt: z.iso.datetime().nullable(),
  buttonBox: z
    .object({
      connected: z.boolean(),
      model: z.string().max(100).nullable(),
      firmware: z.string().max(100).nullable(),
    })
    .nullable(),
  clock: z.iso.datetime(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;
