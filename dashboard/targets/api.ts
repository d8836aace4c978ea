import { z } from 'zod';
import { UnitTargetSchema, type UnitTarget } from '../../core/accounts-api';
import { sendChange, type ChangeResult } from '../accounts/api';

/** What `PATCH /v1/admin/units/{unitId}` answers that this page reads. */
const UnitAnswerSchema = z.object({ unitId: z.string(), target: UnitTargetSchema.nullable() });

/** `PATCH /v1/admin/units/{unitId}` `{target}`: sets a unit's target, or removes it (null). */
export async function setUnitTarget(
  unitId: string,
  target: UnitTarget | null,
): Promise<ChangeResult<UnitTarget | null>> {
  const path = `/v1/admin/units/${encodeURIComponent(unitId)}`;
  const result = await sendChange('PATCH', path, { target }, UnitAnswerSchema);
  return result.ok ? { ok: true, value: result.value.target } : result;
}
