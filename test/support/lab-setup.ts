import { expect } from 'vitest';
import type { Client, TestApp } from './test-app.js';

/** A lab reporting to an organization, set up by the demo administrator. */
export async function setUpLab(t: TestApp, admin: Client, options: { organizationName: string; facility: string }) {
  const organizationId = t.plan.organizations.find((o) => o.name === options.organizationName)!.id;
  const lab = await admin.post('/api/v1/labs', {
    name: `${options.facility} laboratory`,
    sendingFacility: options.facility,
    organizationId,
  });
  expect(lab.statusCode, lab.body).toBe(201);
  return { labId: lab.json().id as string, organizationId };
}

/** A test collected (observed, in range) some hours ago by the caller's organization, with the lab's accession id. */
export async function collectedTest(client: Client, enrollmentId: string, accessionId: string, hoursAgo = 5) {
  const created = await client.post('/api/v1/tests', {
    enrollmentId,
    reason: 'for_cause',
    accessionId,
    notifiedAt: new Date(Date.now() - (hoursAgo + 1) * 3_600_000).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const collected = await client.post(`/api/v1/tests/${id}/collection`, {
    collection: 'collected',
    collectedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    observed: true,
    observedBy: 'Collector on duty',
    temperatureC: 34.5,
  });
  expect(collected.statusCode, collected.body).toBe(200);
  return id;
}
