// GraphQL types of the caller: Viewer (principal, role, tenant, permissions) and the Role and
// Permission enums, built from the runtime's own lists (values shown upper-case, as every enum here).
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Permissions, Roles, type Permission as PermissionValue, type Role as RoleValue } from '../runtime/roles.js';

function upperCaseEnumOf<T extends string>(values: readonly T[]): Record<Uppercase<T>, T> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<T>, T>;
}

/** API key roles (INTERFACE.md "Identity"). */
export const Role = upperCaseEnumOf(Roles);
/** What a role permits: READ (queries, subscriptions), OPERATE (drive work), APPROVE (decide), ADMINISTER. */
export const Permission = upperCaseEnumOf(Permissions);

registerEnumType(Role, { name: 'Role', description: 'The role of an API key' });
registerEnumType(Permission, { name: 'Permission', description: 'What a role permits: READ queries and subscriptions, OPERATE (create contracts, drive jobs and runs), APPROVE (approve, reject, audit verdicts, lesson reviews), ADMINISTER (settings)' });

/** The authenticated caller. */
@ObjectType({ description: 'The caller, as its API key identifies it' })
export class Viewer {
  @Field({ description: 'The principal recorded as the actor of the caller\'s changes' }) principal!: string;
  @Field(() => Role) role!: RoleValue;
  @Field() tenant!: string;
  @Field(() => [Permission], { description: 'Every permission the role holds; consoles offer only the actions these allow' }) permissions!: PermissionValue[];
}
