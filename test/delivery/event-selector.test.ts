// Unit tests of event selection: a subscriber only ever matches its own tenant's events, whatever
// else its selector names; subject and status narrow within the tenant.
import { describe, expect, it } from 'vitest';
import { selects, type EventSelector } from '../../src/delivery/event-selector.js';
import type { StoredEvent } from '../../src/runtime/read-outbox.js';

const jobEventOfA: StoredEvent = {
  id: '7',
  tenantId: 'tenant-a',
  type: 'job.completed',
  subjectType: 'job',
  subjectId: 'job_1',
  actor: 'olga',
  payload: { status: 'COMPLETED', job: { id: 'job_1' } },
  createdAt: new Date(0),
};

describe('selects', () => {
  it.each<{ name: string; selector: EventSelector; expected: boolean }>([
    { name: 'the tenant alone', selector: { tenantId: 'tenant-a' }, expected: true },
    { name: 'tenant, subject type and id', selector: { tenantId: 'tenant-a', subjectType: 'job', subjectId: 'job_1' }, expected: true },
    { name: 'a status list containing the status', selector: { tenantId: 'tenant-a', subjectType: 'job', statuses: ['FAILED', 'COMPLETED'] }, expected: true },
    { name: 'null narrowing fields (no filter)', selector: { tenantId: 'tenant-a', subjectType: null, subjectId: null, statuses: null }, expected: true },
    { name: 'another subject id', selector: { tenantId: 'tenant-a', subjectId: 'job_2' }, expected: false },
    { name: 'another subject type', selector: { tenantId: 'tenant-a', subjectType: 'contract' }, expected: false },
    { name: 'a status list without the status', selector: { tenantId: 'tenant-a', statuses: ['RUNNING'] }, expected: false },
    { name: 'an empty status list', selector: { tenantId: 'tenant-a', statuses: [] }, expected: false },
    { name: 'a type list containing the type', selector: { tenantId: 'tenant-a', types: ['job.started', 'job.completed'] }, expected: true },
    { name: 'a type list without the type', selector: { tenantId: 'tenant-a', types: ['job.started'] }, expected: false },
  ])('matching by $name: $expected', ({ selector, expected }) => {
    expect(selects(selector, jobEventOfA)).toBe(expected);
  });

  it.each<{ name: string; selector: EventSelector }>([
    { name: 'nothing else', selector: { tenantId: 'tenant-b' } },
    { name: 'the guessed job id', selector: { tenantId: 'tenant-b', subjectType: 'job', subjectId: 'job_1' } },
    { name: 'the right status', selector: { tenantId: 'tenant-b', subjectType: 'job', statuses: ['COMPLETED'] } },
    { name: 'a tenant id differing only in case', selector: { tenantId: 'TENANT-A', subjectId: 'job_1' } },
  ])("never matches another tenant's event, by $name", ({ selector }) => {
    expect(selects(selector, jobEventOfA)).toBe(false);
  });
});
