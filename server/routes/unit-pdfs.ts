import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import type { Limiters } from './limits';

export function registerUnitPdfRoutes(
  _app: FastifyInstance,
  _ctx: ServerContext,
  _limiters: Limiters,
): void {}
