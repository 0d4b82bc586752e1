// Runtime read: the caller as the server knows them — principal, role, tenant and the permissions the
// role holds (a console signs in with this and shows only the actions the caller may take).
import type { RequestContext } from './request-context.js';
import { permissionsOf, type Permission, type Role } from './roles.js';

/** The authenticated caller. */
export interface ViewerRecord {
  principal: string;
  role: Role;
  tenant: string;
  permissions: readonly Permission[];
}

/** Who is asking: read from the request's authenticated principal, no storage involved. */
export function readViewer(ctx: RequestContext): ViewerRecord {
  const { name, role, tenantId } = ctx.principal;
  return { principal: name, role, tenant: tenantId, permissions: permissionsOf(role) };
}
