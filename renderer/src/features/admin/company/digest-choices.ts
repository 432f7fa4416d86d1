import type { DigestAlgorithms } from '../../../../../common/api/company';

/** The digest challenge choices, as the company's security panel and a device's form list them. */
export const DIGEST_CHOICES: { value: DigestAlgorithms; label: string }[] = [
  { value: 'md5', label: 'admin.company.sipDigestMd5' },
  { value: 'sha-256', label: 'admin.company.sipDigestSha256' },
  { value: 'both', label: 'admin.company.sipDigestBoth' },
];
