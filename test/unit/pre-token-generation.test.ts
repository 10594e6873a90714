import { describe, expect, it } from 'vitest';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { handler } from '../../functions/cognito/pre-token-generation.ts';
import { tenantContextFromClaims } from '../../tenants/tenant-context.ts';

const event = (userAttributes: Record<string, string>) =>
  ({
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'us-east-1',
    userPoolId: 'us-east-1_x',
    userName: 'usr_01JC0000000000000000000001',
    callerContext: { awsSdkVersion: '1', clientId: 'c' },
    request: { userAttributes, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] }, scopes: [] },
    response: { claimsAndScopeOverrideDetails: null },
  }) as unknown as PreTokenGenerationV2TriggerEvent;

describe('pre-token-generation trigger', () => {
  it('puts the tenant claims in the access token, and they read back as the same tenant context', async () => {
    const out = await handler(
      event({ sub: 'c0ffee', 'custom:tenantId': 'ten_01JC0000000000000000000000', 'custom:role': 'store_manager', 'custom:storeIds': 'sto_1,sto_2' }),
    );
    const access = out.response.claimsAndScopeOverrideDetails?.accessTokenGeneration;
    expect(access?.scopesToSuppress).toEqual(['aws.cognito.signin.user.admin']);
    const claims = access?.claimsToAddOrOverride;
    expect(claims).toEqual({ tenantId: 'ten_01JC0000000000000000000000', role: 'store_manager', storeIds: 'sto_1,sto_2', userId: 'usr_01JC0000000000000000000001' });
    // As API Gateway would hand them over: Cognito's own sub plus our claims.
    expect(tenantContextFromClaims({ sub: 'c0ffee', ...claims })).toEqual({
      tenantId: 'ten_01JC0000000000000000000000',
      userId: 'usr_01JC0000000000000000000001',
      role: 'store_manager',
      storeIds: ['sto_1', 'sto_2'],
    });
  });

  it('adds nothing for a login without platform attributes, so the API refuses its token', async () => {
    const out = await handler(event({ sub: 'c0ffee', 'custom:role': 'hq_admin' }));
    expect(out.response.claimsAndScopeOverrideDetails).toBeNull();
    expect(() => tenantContextFromClaims({ sub: 'c0ffee' })).toThrow();
  });
});
