// CSRF protection (Apollo's csrfPrevention): a GET, or a POST a browser could send without a CORS
// preflight, is executed only when it carries a header no cross-site form or <img> can set. Every
// authenticated request carries `Authorization`, which is such a header, so it counts; Apollo's own
// `apollo-require-preflight` and `x-apollo-operation-name` count too. (Non-JSON POSTs are already
// refused with 415 before Apollo sees them.)
import type { ApolloServerOptions } from '@apollo/server';

/** The csrfPrevention setting of the Apollo server. */
export const csrfPrevention: NonNullable<ApolloServerOptions<never>['csrfPrevention']> = {
  requestHeaders: ['authorization', 'apollo-require-preflight', 'x-apollo-operation-name'],
};
