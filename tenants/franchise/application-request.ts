// The public application request (API.md). In tenants/ because the applicant's password follows
// the platform's password policy (tenants/passwords.ts).
import { z } from 'zod';
import { Password } from '../passwords.ts';
import { Email, RegionId, text } from '../../domain/franchise/schemas.ts';

export const NewApplication = z.object({
  // Codes we issue are 32 base64url characters; the bounds only keep junk out.
  code: z.string().min(16).max(128),
  applicant: z.object({
    legalName: text(200),
    // China's unified social credit code is 18 characters; other registries use other lengths.
    licenseNo: z.string().trim().toUpperCase().regex(/^[0-9A-Z-]{6,32}$/, 'letters, digits and -, 6 to 32'),
    contactName: text(100),
    phone: z.string().trim().regex(/^\+?[0-9]{6,15}$/, 'digits, optionally with a leading +, 6 to 15'),
    email: Email,
    password: Password,
  }),
  // The same limits as a store HQ creates (domain/stores/schemas.ts NewStore).
  store: z.object({ name: text(120), address: text(300), regionId: RegionId.optional() }),
  settlementAccount: z.object({
    bankName: text(120),
    accountName: text(200),
    // Spaces and hyphens as people write them are dropped; what is kept is digits only.
    accountNo: z
      .string()
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[0-9]{8,34}$/, '8 to 34 digits')),
  }),
});
export type NewApplication = z.infer<typeof NewApplication>;
