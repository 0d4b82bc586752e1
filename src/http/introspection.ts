// Introspection: on by default for every transport (callers are authenticated before anything
// executes, introspection included); GRAPHQL_INTROSPECTION=false refuses it with a validation
// error. It does not depend on NODE_ENV (Apollo's default would).
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';

/** The validation rules that enforce the setting: none when introspection is allowed. */
export function introspectionRules(allowed: boolean): ValidationRule[] {
  return allowed ? [] : [NoSchemaIntrospectionCustomRule];
}
