import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateContractDocument } from '../generated/graphql.js';
import { proposal } from '../support/fixtures.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('smoke', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('creates a contract', async () => {
    const key = await server.key('operator', 'olga');
    const result = await server.gql(key, CreateContractDocument, { input: proposal() });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createContract.status).toBe('ELIGIBLE');
  });
});
