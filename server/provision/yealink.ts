// Yealink phones (T3x/T4x/T5x, firmware V8x): at boot and on check-sync they fetch the common
// file (`y000000000000.cfg`, or `y0000000000XX.cfg` named after the hardware) and then their
// MAC-oriented file (`001565aabbcc.cfg`), each a `#!version:1.0.0.1` header and `key = value`
// lines. The office puts what all its phones share in the common file and the account, language
// and line keys in the MAC file. Both are fetched with the phone's own credential.
import type { Language } from '../../common/api/preferences';
import { DTMF_PAYLOAD_TYPE, type PhoneProfile } from './profile';
import { MAC_IN_NAME, macOf, oneLine, type PhoneFile, type VendorFiles } from './phone-file';
import { signedHours, type ClockChange } from './time-zone';

const HEADER = '#!version:1.0.0.1';
const CONTENT_TYPE = 'text/plain; charset=utf-8';
const COMMON = /^y0{10}[0-9A-Fa-f]{2}\.cfg$/;
const MAC_FILE = new RegExp(`^${MAC_IN_NAME}\\.cfg$`);

const LANGUAGE: Record<Language, string> = { en: 'English', es: 'Spanish', fr: 'French' };

/** Yealink's codec names and whether the office offers each (the rest are turned off). */
const CODECS: [name: string, offered: boolean][] = [
  ['pcmu', true],
  ['pcma', true],
  ['g722', true],
  ['g729', false],
  ['g726_32', false],
  ['ilbc', false],
  ['opus', false],
];

/** `month/week/weekday/hour`, weekday 1 (Monday) to 7 (Sunday), week 5 the last. */
const byWeek = (change: ClockChange) =>
  `${change.month}/${change.week}/${change.weekday === 0 ? 7 : change.weekday}/${Math.floor(change.minute / 60)}`;

function lines(settings: [string, string | number][]): string {
  return `${[HEADER, ...settings.map(([key, value]) => `${key} = ${oneLine(String(value))}`)].join('\n')}\n`;
}

/** What every phone of the office shares: its clock, and a check-sync that does not reboot it. */
function commonFile(profile: PhoneProfile): string {
  const { timeZone } = profile;
  const summer = timeZone.summer;
  return lines([
    // check-sync fetches the files again; the phone restarts only when a setting needs it.
    ['sip.notify_reboot_enable', 0],
    ['local_time.time_zone', signedHours(timeZone.standardOffset)],
    ['local_time.summer_time', summer ? 1 : 0],
    ...(summer
      ? ([
          ['local_time.dst_time_type', 1],
          ['local_time.start_time', byWeek(summer.start)],
          ['local_time.end_time', byWeek(summer.end)],
          ['local_time.offset_time', summer.saving],
        ] as [string, number | string][])
      : []),
  ]);
}

function macFile(profile: PhoneProfile): string {
  const { line, sip } = profile;
  const account: [string, string | number][] = line
    ? [
        ['account.1.enable', 1],
        ['account.1.label', line.extension],
        ['account.1.display_name', line.displayName],
        ['account.1.auth_name', line.authUsername],
        ['account.1.user_name', line.extension],
        ['account.1.password', line.password],
        ['account.1.sip_server.1.address', sip.domain],
        ['account.1.sip_server.1.port', sip.proxyPort],
        ['account.1.sip_server.1.transport_type', sip.transport === 'tcp' ? 1 : 0],
        ['account.1.outbound_proxy_enable', 1],
        ['account.1.outbound_proxy.1.address', sip.proxyHost],
        ['account.1.outbound_proxy.1.port', sip.proxyPort],
        ...CODECS.flatMap(([name, offered], index): [string, number][] => [
          [`account.1.codec.${name}.enable`, offered ? 1 : 0],
          ...(offered ? ([[`account.1.codec.${name}.priority`, index + 1]] as [string, number][]) : []),
        ]),
        ['account.1.dtmf.type', 1],
        ['account.1.dtmf.dtmf_payload', DTMF_PAYLOAD_TYPE],
        ['account.1.subscribe_mwi', 1],
        ['account.1.subscribe_mwi_to_vm', 1],
        ['voice_mail.number.1', profile.voicemailNumber],
      ]
    : [
        ['account.1.enable', 0],
        ['account.1.user_name', '%NULL%'],
        ['account.1.auth_name', '%NULL%'],
        ['account.1.password', '%NULL%'],
      ];
  // Line key 1 is the account's own line; each colleague takes the next one (type 16: BLF), and
  // keys no longer used are cleared so a colleague taken off the list leaves the phone too.
  const keys = Array.from({ length: profile.model.blfKeys }, (_, index): [string, string | number][] => {
    const key = `linekey.${index + 2}`;
    const colleague = profile.blf[index];
    return colleague && line
      ? [
          [`${key}.type`, 16],
          [`${key}.line`, 1],
          [`${key}.value`, colleague.extension],
          [`${key}.label`, colleague.label],
        ]
      : [
          [`${key}.type`, 0],
          [`${key}.value`, '%NULL%'],
          [`${key}.label`, '%NULL%'],
        ];
  }).flat();
  return lines([
    ...account,
    ['lang.gui', LANGUAGE[profile.language]],
    ['lang.wui', LANGUAGE[profile.language]],
    ...keys,
  ]);
}

export const yealinkFile: VendorFiles = (name): PhoneFile | null => {
  if (COMMON.test(name)) return { mac: null, contentType: CONTENT_TYPE, write: commonFile };
  const mac = MAC_FILE.exec(name)?.[1];
  return mac ? { mac: macOf(mac), contentType: CONTENT_TYPE, write: macFile } : null;
};
