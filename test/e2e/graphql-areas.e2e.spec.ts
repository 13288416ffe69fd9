import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../support/stack';
import { accountFor, type BillingStack, codingFor, readEncounter, startBillingStack } from './billing-e2e.helpers';

const ROOMY_TIERS = JSON.stringify({
  gold: [{ name: 'minute', quota: 1_000_000, windowSeconds: 60 }],
  bronze: [{ name: 'minute', quota: 1_000_000, windowSeconds: 60 }],
  platinum: [{ name: 'minute', quota: 1_000_000, windowSeconds: 60 }],
  anonymous: [{ name: 'minute', quota: 1_000_000, windowSeconds: 60 }],
});

/** Every HTTP request system-api and process-api answered so far (their Prometheus counters), tokens and scrapes aside. */
async function upstreamRequests(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const line of text.split('\n')) {
      const match = /^http_server_request_duration_seconds_count\{([^}]*)\} (\d+)/.exec(line);
      if (!match || /route="\/(metrics|oauth2\/token|\.well-known)/.test(match[1])) continue;
      total += Number(match[2]);
    }
  }
  return total;
}

/**
 * The experience graph over the real stack: patients with their claims, balances and coverage,
 * the operations console, supply and workforce, per-field scopes and conventional error codes,
 * Relay pagination, and DataLoader batching that keeps upstream calls constant per page.
 */
describe('GraphQL experience API', () => {
  let billing: BillingStack;
  let url: string;
  let operator: Record<string, string>;
  let claimId: string;

  beforeAll(async () => {
    // GraphQL operations are charged their cost (page sizes included); roomy quotas keep this suite about behaviour.
    billing = await startBillingStack({ pollers: false, env: { THROTTLE_TIERS: ROOMY_TIERS } });
    url = billing.stack.urls.experienceApi;
    operator = await billing.stack.auth('ops-console');
    // Avery Quinn's knee replacement, registered, charged and coded as the patient-to-cash flow would, then claimed.
    const ehr = await readEncounter(billing.stack, 'enc-aq-tka');
    const account = await billing.call('POST', '/billing/v1/accounts', accountFor(ehr));
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    for (const charge of ehr.charges) {
      const posted = await billing.call('POST', `/billing/v1/accounts/${account.body.id}/charges`, {
        chargeCode: charge.chargeCode,
        quantity: charge.quantity,
        serviceDate: charge.serviceDate,
        ...(charge.departmentCode ? { departmentCode: charge.departmentCode } : {}),
        ...(charge.performerNpi ? { performerNpi: charge.performerNpi } : {}),
        sourceChargeId: charge.id,
      });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    }
    expect((await billing.call('PUT', `/billing/v1/accounts/${account.body.id}/coding`, codingFor(ehr, '470'))).status).toBe(200);
    const claim = await billing.call('POST', '/billing/v1/claims', { accountId: account.body.id });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    claimId = claim.body.id as string;
    // 59 more patients named Quinn at the EHR, so one name search pages through 60.
    for (let n = 1; n < 60; n++) {
      const response = await fetch(`${billing.stack.urls.fhir}/Patient`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Patient',
          identifier: [{ system: 'urn:concord:health:mrn', value: `QB-${String(n).padStart(6, '0')}` }],
          name: [{ family: 'Quinn', given: [`Batch${n}`] }],
          gender: 'unknown',
          birthDate: '1980-01-01',
        }),
      });
      expect(response.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await billing?.close();
  });

  it('builds a patient financial view in one query: claims with status history, balance due, coverage, payments', async () => {
    const { body } = await graphql<{ patient: Record<string, any> }>(
      url,
      `
        query Financial($id: ID!) {
          patient(id: $id) {
            id
            displayName
            mrn
            balanceDue {
              amount
              currency
            }
            accounts {
              totalCount
              nodes {
                accountNumber
                status
                coverages {
                  order
                  payerId
                }
                balances {
                  charges {
                    amount
                  }
                  patientBalance {
                    amount
                  }
                }
              }
            }
            claims(first: 5) {
              totalCount
              nodes {
                id
                status
                kind
                totalCharge {
                  amount
                  currency
                }
                expectedPayerPayment {
                  amount
                }
                statusHistory {
                  status
                  source
                }
              }
            }
            payments {
              totalCount
            }
          }
        }
      `,
      { id: 'avery-quinn' },
      operator,
    );
    expect(body.errors).toBeUndefined();
    const patient = body.data!.patient;
    expect(patient).toMatchObject({ id: 'avery-quinn', mrn: 'CG-100234', balanceDue: { amount: 0, currency: 'USD' } });
    expect(patient.accounts.totalCount).toBe(1);
    expect(patient.accounts.nodes[0].balances.charges.amount).toBe(2_865_000);
    expect(patient.accounts.nodes[0].coverages[0]).toMatchObject({ order: 1 });
    expect(patient.claims).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: claimId,
          status: 'VALIDATED',
          kind: 'institutional',
          totalCharge: { amount: 2_865_000, currency: 'USD' },
          expectedPayerPayment: { amount: 1_327_400 },
          statusHistory: expect.arrayContaining([expect.objectContaining({ status: 'VALIDATED' })]),
        },
      ],
    });
    expect(patient.payments).toEqual({ totalCount: 0 });
  });

  it('pages with Relay cursors: edges, pageInfo and totalCount, resuming exactly after endCursor', async () => {
    const page = (after?: string) =>
      graphql<{ patients: { totalCount: number; pageInfo: any; edges: { cursor: string; node: { id: string } }[] } }>(
        url,
        `
          query Page($after: String) {
            patients(name: "Quinn", first: 25, after: $after) {
              totalCount
              pageInfo {
                hasNextPage
                hasPreviousPage
                startCursor
                endCursor
              }
              edges {
                cursor
                node {
                  id
                }
              }
            }
          }
        `,
        { after },
        operator,
      );
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    let total: number;
    do {
      const { body } = await page(after);
      expect(body.errors).toBeUndefined();
      const connection = body.data!.patients;
      expect(connection.pageInfo.hasPreviousPage).toBe(pages > 0);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      ids.push(...connection.edges.map((edge) => edge.node.id));
      total = connection.totalCount;
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : undefined;
      pages++;
    } while (after);
    // The seed has its own Quinns besides Avery; every one of them comes exactly once.
    expect(total).toBeGreaterThanOrEqual(60);
    expect(pages).toBe(Math.ceil(total / 25));
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toContain('avery-quinn');

    const forged = await graphql(url, '{ patients(name: "Quinn", after: "not-a-cursor") { totalCount } }', undefined, operator);
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ARGUMENT' });
  });

  it('asks the lower layers the same number of times for 50 patients with their claims as for 5 (DataLoader batching)', async () => {
    const upstream = [billing.stack.urls.systemApi, billing.stack.urls.processApi];
    const query = `query Page($first: Int!) { patients(name: "Quinn", first: $first) {
      nodes { id displayName claims { totalCount nodes { id status totalCharge { amount } } } } } }`;
    const callsFor = async (first: number) => {
      const before = await upstreamRequests(upstream);
      const { body } = await graphql<{ patients: { nodes: { id: string; claims: { totalCount: number } }[] } }>(
        url,
        query,
        { first },
        operator,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.patients.nodes).toHaveLength(first);
      const withClaims = body.data!.patients.nodes.filter((p) => p.claims.totalCount > 0).map((p) => p.id);
      return { calls: (await upstreamRequests(upstream)) - before, withClaims };
    };
    const five = await callsFor(5);
    const fifty = await callsFor(50);
    expect(fifty.withClaims).toEqual(['avery-quinn']);
    // One patient page and one batched claims read, however many patients are on the page.
    expect(fifty.calls).toBe(five.calls);
    expect(fifty.calls).toBe(2);
  });

  it('serves the operations console, supply and workforce dashboards with filters', async () => {
    const { body } = await graphql<Record<string, any>>(
      url,
      `
        {
          flows(first: 5) {
            totalCount
            pageInfo {
              hasNextPage
            }
          }
          flowExceptions(status: OPEN) {
            totalCount
          }
          slaBreaches {
            totalCount
          }
          approvals(status: PENDING) {
            totalCount
          }
          items(first: 50) {
            nodes {
              id
              reorderStatus
              stock {
                locationId
                onHand
                atOrBelowReorderPoint
              }
              openPurchaseOrders {
                totalCount
              }
            }
          }
          purchaseOrders(open: true) {
            totalCount
          }
          staff(status: ACTIVE, first: 10) {
            nodes {
              id
              familyName
              position {
                title
              }
              credentials {
                type
                expiresOn
              }
            }
          }
          positions {
            totalCount
          }
          expiringCredentials(withinDays: 60) {
            nodes {
              employeeId
              type
              expiresOn
            }
          }
          claims(status: VALIDATED) {
            totalCount
            nodes {
              id
              patientId
            }
          }
        }
      `,
      undefined,
      operator,
    );
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    expect(data.flows.pageInfo.hasNextPage).toBe(false);
    expect(data.items.nodes.find((item: { id: string }) => item.id === 'KNEE-TOT-CR')).toMatchObject({
      reorderStatus: 'OK',
      stock: [{ locationId: 'CG-MAIN-OR', onHand: 4, atOrBelowReorderPoint: false }],
    });
    const hale = data.staff.nodes.find((s: { id: string }) => s.id === 'W-1001');
    expect(hale).toMatchObject({ familyName: 'Hale', position: { title: 'Nurse Manager' }, credentials: [{ type: 'RN_LICENCE' }] });
    const expiring = data.expiringCredentials.nodes.map((c: { expiresOn: string }) => c.expiresOn);
    expect(expiring).toEqual([...expiring].sort());
    expect(data.positions.totalCount).toBeGreaterThan(0);
    expect(data.claims.nodes).toEqual([{ id: claimId, patientId: 'avery-quinn' }]);
  });

  it('authorises per field: a missing scope nulls that field with FORBIDDEN, the rest of the answer stays', async () => {
    const partner = await billing.stack.auth('partner-acme'); // system/Patient.rs only
    const { body } = await graphql<{ patient: Record<string, unknown> | null }>(
      url,
      '{ patient(id: "avery-quinn") { id claims { totalCount } } }',
      undefined,
      partner,
    );
    expect(body.data!.patient).toEqual({ id: 'avery-quinn', claims: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['patient', 'claims'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_SCOPE' }),
      }),
    ]);
  });

  it('keeps a patient-bound token to its own patient, and off patient lists', async () => {
    const portal = await billing.stack.auth('portal-web'); // bound to avery-quinn
    const own = await graphql<{ patient: { id: string } }>(url, '{ patient(id: "avery-quinn") { id displayName } }', undefined, portal);
    expect(own.body.data!.patient.id).toBe('avery-quinn');
    const other = await graphql(url, '{ patient(id: "jordan-rivera") { id } }', undefined, portal);
    expect(other.body.data).toEqual({ patient: null });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PATIENT_NOT_IN_CONTEXT' });
    const list = await graphql(url, '{ patients(name: "Quinn") { totalCount } }', undefined, portal);
    expect(list.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PATIENT_NOT_IN_CONTEXT' });
  });

  it('answers UNAUTHENTICATED without a token, NOT_FOUND for an unknown claim, and never internals', async () => {
    const anonymous = await graphql(url, '{ claims { totalCount } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const missing = await graphql(url, '{ claim(id: "clm-000000000000") { id } }', undefined, operator);
    expect(missing.body.data).toEqual({ claim: null });
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'CLAIM_NOT_FOUND' });
    expect(JSON.stringify(missing.body)).not.toMatch(/stack|\.ts:|node_modules/);
  });

  it('refuses operator mutations without the process scopes, and names an unknown exception NOT_FOUND for operators', async () => {
    const partner = await billing.stack.auth('partner-acme');
    const refused = await graphql(url, 'mutation { retryException(id: "exc-1") { id } }', undefined, partner);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_SCOPE' });
    const unknown = await graphql(
      url,
      'mutation { retryException(id: "00000000-0000-4000-8000-000000000000", comment: "try again") { id } }',
      undefined,
      operator,
    );
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('works with a real client: Apollo Client runs the portal query for the patient the token is bound to', async () => {
    const portal = await billing.stack.auth('portal-web');
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${url}/graphql`, headers: portal, fetch }),
      cache: new InMemoryCache(),
    });
    const { data } = await client.query<{ patient: { id: string; displayName: string; gender: string } }>({
      query: gql`
        query PortalPatient($id: ID!) {
          patient(id: $id) {
            id
            displayName
            gender
          }
        }
      `,
      variables: { id: 'avery-quinn' },
    });
    expect(data.patient).toMatchObject({ id: 'avery-quinn', displayName: 'Avery Quinn', gender: 'FEMALE' });
    client.stop();
  });
});
