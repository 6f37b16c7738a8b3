import { AppError } from '../../platform/http/errors.js';
import type { AccessContext } from './access-context.js';
import { isAdmin } from './permissions.js';

/** Admin pages and routes: anyone else is refused (their existence is no secret, so 403). */
export function requireAdmin(ctx: AccessContext): void {
  if (!isAdmin(ctx.actor)) throw new AppError('forbidden');
}
