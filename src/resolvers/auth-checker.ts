// Authorization for @Authorized(permission): the caller's role must hold the permission.
import type { AuthChecker } from 'type-graphql';
import { ForbiddenError } from '../runtime/errors.js';
import { roleHolds, type Permission } from '../runtime/roles.js';
import { sessionOf, type GraphQLContext } from './context.js';

/** Throws UNAUTHENTICATED without a session and FORBIDDEN when the role lacks the permission. */
export const authChecker: AuthChecker<GraphQLContext, Permission> = ({ context, info }, permissions) => {
  const { principal } = sessionOf(context).request;
  if (permissions.every((permission) => roleHolds(principal.role, permission))) return true;
  throw new ForbiddenError(`Role ${principal.role} may not call ${info.fieldName}`);
};
