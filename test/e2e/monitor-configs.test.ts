// Monitor configurations through GraphQL: admin-only writes, restrictive defaults on the first write,
// unspecified fields kept on later ones, no configuration meaning all-denied, input validation,
// tenant isolation, and concurrent patches of different fields all landing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpsertMonitorConfigDocument, type MonitorConfigInput } from '../generated/graphql.js';
import { checkAs, configurePolicy, everyOperation, monitorConfigOf } from '../support/inspection.js';
import { expectRefusedWithoutWrites } from '../support/refusals.js';
import { dataOf } from '../support/responses.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** What a first write leaves in every field it does not set. */
const restrictiveDefaults = {
  allowPromptLogging: false,
  allowResponseLogging: false,
  allowPiiCapture: false,
  allowSecretAccess: false,
  monitorTokenUsage: true,
  monitorTokenPerStep: true,
  monitorCost: true,
  monitorBurnRate: true,
  burnRateWindowSeconds: 3600,
  monitorRagAccess: true,
  allowedRagSources: [],
  monitorLatency: true,
  monitorStepCount: true,
};

describe('monitor configurations', () => {
  let server: TestServer;
  let admin: string;
  let operator: string;
  let approver: string;
  let viewer: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.key('admin', 'ada');
    operator = await server.key('operator', 'otto');
    approver = await server.key('approver', 'april');
    viewer = await server.key('viewer', 'vera');
  });
  afterAll(() => server.close());

  const upsert = (key: string, input: MonitorConfigInput) => server.gql(key, UpsertMonitorConfigDocument, { input });

  it.each(['operator', 'approver', 'viewer'] as const)('a %s may not write a configuration (FORBIDDEN, nothing written)', async (role) => {
    const key = { operator, approver, viewer }[role];
    const policyId = `forbidden-for-${role}`;
    await expectRefusedWithoutWrites(server, 'FORBIDDEN', () => upsert(key, { policyId, allowSecretAccess: true }), () => monitorConfigOf(server, admin, policyId));
    expect(await monitorConfigOf(server, admin, policyId)).toBeNull();
  });

  it('the first write takes the restrictive default for every field it does not set', async () => {
    const stored = await configurePolicy(server, admin, { policyId: 'first-write', allowPiiCapture: true });
    expect(stored).toEqual({ ...restrictiveDefaults, allowPiiCapture: true, id: expect.any(String), policyId: 'first-write', updatedAt: server.clock.now().toISOString() });
    expect(await monitorConfigOf(server, viewer, 'first-write')).toEqual(stored);
  });

  it('later writes change only the fields they set', async () => {
    const first = await configurePolicy(server, admin, { policyId: 'patched', allowPromptLogging: true, monitorCost: false });
    server.clock.advance(60_000);
    const second = await configurePolicy(server, admin, { policyId: 'patched', burnRateWindowSeconds: 600, allowedRagSources: ['kb-internal', 'kb-public'] });
    expect(second).toEqual({ ...first, burnRateWindowSeconds: 600, allowedRagSources: ['kb-internal', 'kb-public'], updatedAt: server.clock.now().toISOString() });
    const third = await configurePolicy(server, admin, { policyId: 'patched', allowPromptLogging: false, allowResponseLogging: true });
    expect(third).toEqual({ ...second, allowPromptLogging: false, allowResponseLogging: true });
    expect(third.id).toBe(first.id);
    expect(await monitorConfigOf(server, operator, 'patched')).toEqual(third);
  });

  it('an unconfigured policy has no configuration and denies every operation', async () => {
    expect(await monitorConfigOf(server, viewer, 'never-configured')).toBeNull();
    const check = dataOf(await checkAs(server, viewer, 'never-configured', everyOperation)).checkInspection;
    expect(check.allowed).toEqual([]);
    expect(check.denied).toEqual(everyOperation);
  });

  it.each([0, -5])('a burn window of %i seconds is BAD_USER_INPUT and changes nothing', async (burnRateWindowSeconds) => {
    const before = await configurePolicy(server, admin, { policyId: 'bad-window', burnRateWindowSeconds: 120 });
    const error = await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => upsert(admin, { policyId: 'bad-window', burnRateWindowSeconds, allowSecretAccess: true }), () => monitorConfigOf(server, admin, 'bad-window'));
    expect(error.extensions?.reasons).toEqual(['burnRateWindowSeconds must be a positive integer']);
    expect(await monitorConfigOf(server, admin, 'bad-window')).toEqual(before);
  });

  it('a refused first write leaves the policy unconfigured', async () => {
    await expectRefusedWithoutWrites(server, 'BAD_USER_INPUT', () => upsert(admin, { policyId: 'bad-first', burnRateWindowSeconds: 0 }), () => monitorConfigOf(server, admin, 'bad-first'));
    expect(await monitorConfigOf(server, admin, 'bad-first')).toBeNull();
  });

  it("one tenant's configuration is invisible to another, whose same-named policy stays all-denied", async () => {
    const otherViewer = await server.key('viewer', 'vera', 'other');
    await configurePolicy(server, admin, { policyId: 'shared-name', allowPromptLogging: true, allowResponseLogging: true, allowPiiCapture: true, allowSecretAccess: true });
    expect(await monitorConfigOf(server, otherViewer, 'shared-name')).toBeNull();
    expect(dataOf(await checkAs(server, otherViewer, 'shared-name', everyOperation)).checkInspection.allowed).toEqual([]);
    expect(dataOf(await checkAs(server, viewer, 'shared-name', everyOperation)).checkInspection.allowed).toEqual(everyOperation);
  });

  it('concurrent patches of different fields all land, on a new policy and on an existing one', async () => {
    const patches: Omit<MonitorConfigInput, 'policyId'>[] = [
      { allowPromptLogging: true },
      { allowResponseLogging: true },
      { allowPiiCapture: true },
      { allowSecretAccess: true },
      { monitorCost: false },
      { monitorLatency: false },
      { burnRateWindowSeconds: 90 },
      { allowedRagSources: ['kb'] },
    ];
    const patchAll = async (policyId: string, each: (patch: (typeof patches)[number]) => Omit<MonitorConfigInput, 'policyId'>) => {
      const responses = await Promise.all(patches.map((patch) => upsert(admin, { policyId, ...each(patch) })));
      for (const response of responses) dataOf(response);
      return monitorConfigOf(server, admin, policyId);
    };
    const landed = await patchAll('raced', (patch) => patch);
    expect(landed).toMatchObject({ ...restrictiveDefaults, ...Object.assign({}, ...patches) });

    const undone = await patchAll('raced', (patch) => Object.fromEntries(Object.keys(patch).map((field) => [field, (restrictiveDefaults as Record<string, unknown>)[field]])));
    expect(undone).toMatchObject(restrictiveDefaults);
    expect(undone!.id).toBe(landed!.id);
  });
});
