// What every vendor's files have in common: how a requested name is read (whose MAC address it
// carries) and how text from the directory is written safely into a file.
import type { PhoneProfile } from './profile';

export interface PhoneFile {
  /** The MAC address in the name (12 lowercase hex digits), or null for a file every phone asks for. */
  mac: string | null;
  contentType: string;
  write(profile: PhoneProfile): string;
}

/** A vendor's reading of a requested name: the file, or null for a name the office does not serve. */
export type VendorFiles = (name: string) => PhoneFile | null;

/** A MAC address in a file name: 12 hex digits, or six pairs joined by `-` or `:`, any case. */
export const MAC_IN_NAME = '([0-9A-Fa-f]{12}|[0-9A-Fa-f]{2}(?:[-:][0-9A-Fa-f]{2}){5})';

/** The MAC address captured by MAC_IN_NAME, as 12 lowercase hex digits. */
export const macOf = (captured: string) => captured.replace(/[-:]/g, '').toLowerCase();

/** Text from the directory on one line with no control characters: nothing can start a new setting. */
export const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, ' ').trim();

/** Text for an XML attribute or element. */
export const xmlText = (text: string) =>
  oneLine(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
