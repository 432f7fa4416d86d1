// The files a desk phone asks the provisioning server for, by its vendor.
import type { DeskPhoneVendor } from '../../common/api/desk-phone-models';
import type { PhoneFile, VendorFiles } from './phone-file';
import { yealinkFile } from './yealink';
import { polyFile } from './poly';
import { grandstreamFile } from './grandstream';

const FILES: Record<DeskPhoneVendor, VendorFiles> = {
  yealink: yealinkFile,
  poly: polyFile,
  grandstream: grandstreamFile,
};

export function phoneFile(vendor: DeskPhoneVendor, name: string): PhoneFile | null {
  return FILES[vendor](name);
}
