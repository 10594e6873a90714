// Tenant A's franchise pipeline for the walk: an invitation and a submitted application whose
// every field is unique, plus an open invitation code of tenant B's for the public route's probe.
import { randomBytes, randomInt } from 'node:crypto';
import { PASSWORD } from '../support/api.ts';
import type { Api } from './client.ts';

const hex = () => randomBytes(4).toString('hex');
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

const invite = async (api: Api, token: string, body: { regionId?: string } = {}): Promise<{ id: string; code: string }> => {
  const res = await api.call('POST', '/v1/franchise/invitations', { token, body });
  if (res.status !== 201) throw new Error(`invitation: ${res.status} ${res.text}`);
  return { id: res.body.id, code: res.body.code };
};

export type FranchiseRecords = { applicationId: string; bInvitationCode: string; secrets: [string, string][] };

export const franchiseRecords = async (api: Api, a: { token: string; regionId: string }, b: { token: string }): Promise<FranchiseRecords> => {
  const [invitation, bInvitation] = await Promise.all([invite(api, a.token, { regionId: a.regionId }), invite(api, b.token)]);
  const tag = hex();
  const applicant = {
    legalName: `Franchisee ${tag} Trading Co., Ltd.`,
    licenseNo: `LIC-${tag.toUpperCase()}`,
    contactName: `Contact ${tag}`,
    phone: `+86138${digits(8)}`,
    email: `applicant-${tag}@example.com`,
    password: PASSWORD,
  };
  const store = { name: `Franchise store ${tag}`, address: `${tag} Century Avenue` };
  const settlementAccount = { bankName: 'Bank of Shanghai', accountName: `Account ${tag}`, accountNo: digits(19) };
  const res = await api.call('POST', '/v1/franchise/applications', { body: { code: invitation.code, applicant, store, settlementAccount } });
  if (res.status !== 201) throw new Error(`application: ${res.status} ${res.text}`);
  return {
    applicationId: res.body.id,
    bInvitationCode: bInvitation.code,
    secrets: [
      [invitation.id, 'A invitation id'],
      [invitation.code, 'A invitation code'],
      [res.body.id, 'A application id'],
      [applicant.legalName, 'A applicant legal name'],
      [applicant.licenseNo, 'A applicant licence'],
      [applicant.contactName, 'A applicant contact'],
      [applicant.phone, 'A applicant phone'],
      [applicant.email, 'A applicant email'],
      [store.name, 'A application store name'],
      [store.address, 'A application store address'],
      [settlementAccount.accountName, 'A settlement account name'],
      // Never shown whole to anyone, A included; here it must not appear at all.
      [settlementAccount.accountNo, 'A settlement account number'],
    ],
  };
};
