// Roles and what each may do (INTERFACE.md "Identity"); declared once, used by the auth checker.
// admin may do everything; viewer only reads.

/** The four API key roles. */
export const Roles = ['viewer', 'operator', 'approver', 'admin'] as const;

/** One API key role. */
export type Role = (typeof Roles)[number];

/** Permissions a GraphQL operation may require. */
export const Permissions = ['read', 'operate', 'approve', 'administer'] as const;

/** One permission. */
export type Permission = (typeof Permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: ['read', 'operate'],
  approver: ['read', 'approve'],
  admin: ['read', 'operate', 'approve', 'administer'],
};

/** Every permission a role holds (consoles show the actions these allow). */
export function permissionsOf(role: Role): readonly Permission[] {
  return grants[role];
}

/** Whether a role holds a permission. */
export function roleHolds(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** Narrows an arbitrary string to a Role. */
export function isRole(value: string): value is Role {
  return (Roles as readonly string[]).includes(value);
}
