// The local certificate authority for MQTT over mTLS: a CA, the broker's server certificate, and
// the fleet claim certificate a terminal presents before it has its own. ECDSA P-256, as IoT Core
// accepts. Kept in .local/iot/ so devices and tests can read them.
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type KeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** `caKey` signs the certificates fleet provisioning issues (IoT Core's own CA does it in AWS). */
export type LocalPki = { caCert: string; caKey: string; serverCert: string; serverKey: string; claimCert: string; claimKey: string; dir: string };

const pemKey = async (key: webcrypto.CryptoKey): Promise<string> =>
  x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');

const serial = (): string => Buffer.from(webcrypto.getRandomValues(new Uint8Array(12))).toString('hex');

const issue = async (ca: { cert: x509.X509Certificate; keys: KeyPair }, subject: string, server: boolean) => {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + YEAR_MS),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([server ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
      ...(server
        ? [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }])]
        : []),
    ],
  });
  return { cert: cert.toString('pem'), key: await pemKey(keys.privateKey) };
};

const generate = async (): Promise<Omit<LocalPki, 'dir'>> => {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=Storefleet Local CA',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 5 * YEAR_MS),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const ca = { cert, keys };
  const server = await issue(ca, 'CN=localhost', true);
  const claim = await issue(ca, 'CN=storefleet-claim', false);
  return { caCert: cert.toString('pem'), caKey: await pemKey(keys.privateKey), serverCert: server.cert, serverKey: server.key, claimCert: claim.cert, claimKey: claim.key };
};

/** A new device key and certificate signed by the local CA (CreateKeysAndCertificate). */
export const issueDeviceCertificate = async (pki: Pick<LocalPki, 'caCert' | 'caKey'>, subject = 'CN=AWS IoT Certificate'): Promise<{ cert: string; key: string }> => {
  const cert = new x509.X509Certificate(pki.caCert);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decode(pki.caKey)[0]!, ALG, false, ['sign']);
  const publicKey = await cert.publicKey.export(ALG, ['verify']);
  return issue({ cert, keys: { privateKey, publicKey } }, subject, false);
};

/** IoT Core's certificate id: the SHA-256 of the certificate's DER, in hex. */
export const certificateId = (pemOrDer: string | Buffer): string => {
  const der = typeof pemOrDer === 'string' ? Buffer.from(x509.PemConverter.decode(pemOrDer)[0]!) : pemOrDer;
  return createHash('sha256').update(der).digest('hex');
};

const FILES = { caCert: 'ca.pem', caKey: 'ca.key', serverCert: 'server.pem', serverKey: 'server.key', claimCert: 'claim.pem', claimKey: 'claim.key' } as const;

/** Reuses the PKI in `dir` when it is complete (a PKI from before the CA key was kept is remade), so devices provisioned earlier keep trusting it. */
export const ensureLocalPki = async (dir: string): Promise<LocalPki> => {
  const paths = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, join(dir, f)])) as Record<keyof typeof FILES, string>;
  if (Object.values(paths).every(existsSync)) {
    const read = (k: keyof typeof FILES) => readFileSync(paths[k], 'utf8');
    return { dir, caCert: read('caCert'), caKey: read('caKey'), serverCert: read('serverCert'), serverKey: read('serverKey'), claimCert: read('claimCert'), claimKey: read('claimKey') };
  }
  const pki = await generate();
  mkdirSync(dir, { recursive: true });
  for (const [k, path] of Object.entries(paths)) writeFileSync(path, pki[k as keyof typeof FILES], { mode: 0o600 });
  return { dir, ...pki };
};
