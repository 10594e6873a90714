// The demo chain, created through the public API so the seed exercises what clients use. Safe to
// run again: an existing slug is left as it is.
export const DEMO = {
  tenant: { name: 'Sunshine Jiajia Convenience', slug: 'jiajia' },
  admin: { email: 'admin@jiajia.example', password: 'Jiajia-demo-2026' },
} as const;

const post = async (apiUrl: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

export const seedDemoChain = async (apiUrl: string): Promise<{ created: boolean }> => {
  const signup = await post(
    apiUrl,
    '/v1/tenants',
    { name: DEMO.tenant.name, slug: DEMO.tenant.slug, adminEmail: DEMO.admin.email, adminPassword: DEMO.admin.password },
    { 'idempotency-key': 'seed-demo-chain-jiajia' },
  );
  const code = (signup.body.error as { code?: string } | undefined)?.code;
  if (signup.status !== 201 && code !== 'already_exists') throw new Error(`Seeding the demo chain failed: ${JSON.stringify(signup.body)}`);
  // Prove the admin can sign in, so the printed instructions are known to work.
  const token = await post(apiUrl, '/v1/auth/token', { tenant: DEMO.tenant.slug, email: DEMO.admin.email, password: DEMO.admin.password });
  if (token.status !== 200) throw new Error(`The demo admin cannot sign in: ${JSON.stringify(token.body)}`);
  return { created: signup.status === 201 };
};
