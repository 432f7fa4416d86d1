// Grandstream phones (GXP16xx): at boot and on check-sync they ask for `cfg000b82aabbcc` (the
// legacy binary format, which the office does not serve), then `cfg000b82aabbcc.xml`: a
// <gs_provision> document whose <config> holds one element per setting, named by its P-value
// (P47 the SIP server, P35 the user id, P36 the authentication id, P34 its password…). The names
// and values follow Grandstream's configuration template for the GXP16xx series.
import type { PhoneProfile } from './profile';
import { DTMF_PAYLOAD_TYPE } from './profile';
import { MAC_IN_NAME, macOf, xmlText, type PhoneFile, type VendorFiles } from './phone-file';
import { posixTimeZone } from './time-zone';

const CONTENT_TYPE = 'application/xml; charset=utf-8';
const CONFIG = new RegExp(`^cfg${MAC_IN_NAME}\\.xml$`);

/** Vocoder numbers of P57…P62 and P46, in the office's order (the last repeated to fill the list). */
const VOCODERS = [0 /* PCMU */, 8 /* PCMA */, 9 /* G.722 */];
const VOCODER_CHOICES = ['P57', 'P58', 'P59', 'P60', 'P61', 'P62', 'P46'];

/**
 * The multi-purpose keys of a GXP1628/1630: key mode, account, description and value of keys 1 to
 * 7 (P323…P329 with P301…P321), then key 8 (P353…P356).
 */
function mpk(index: number): { mode: string; account: string; description: string; value: string } {
  if (index === 7) return { mode: 'P353', account: 'P354', description: 'P355', value: 'P356' };
  return {
    mode: `P${323 + index}`,
    account: `P${301 + index * 3}`,
    description: `P${302 + index * 3}`,
    value: `P${303 + index * 3}`,
  };
}

function configFile(profile: PhoneProfile): string {
  const { line, sip } = profile;
  const settings: [string, string | number][] = [
    ['P271', line ? 1 : 0], // account active
    ['P270', line?.extension ?? ''], // account name
    ['P47', line ? sip.domain : ''], // SIP server
    ['P48', `${sip.proxyHost}:${sip.proxyPort}`], // outbound proxy
    ['P35', line?.extension ?? ''], // SIP user ID
    ['P36', line?.authUsername ?? ''], // authenticate ID
    ['P34', line?.password ?? ''], // authenticate password
    ['P3', line?.displayName ?? ''], // name shown
    ['P130', sip.transport === 'tcp' ? 1 : 0], // SIP transport: 0 UDP, 1 TCP
    ['P33', profile.voicemailNumber], // voice mail access number
    ['P99', 1], // SUBSCRIBE for MWI
    ...VOCODER_CHOICES.map((choice, index): [string, number] => [
      choice,
      VOCODERS[Math.min(index, VOCODERS.length - 1)]!,
    ]),
    ['P2301', 0], // DTMF in audio
    ['P2302', 1], // DTMF via RTP (RFC 2833)
    ['P2303', 0], // DTMF via SIP INFO
    ['P79', DTMF_PAYLOAD_TYPE],
    ['P64', 'customize'], // time zone: the self-defined one below
    ['P246', posixTimeZone(profile.timeZone)],
    ['P143', 0], // DHCP option 2 may not override the time zone
    ['P1362', profile.language], // display language: en, es, fr
    // Each colleague on a key (mode 1: busy lamp field) for account 1; keys no longer used are
    // emptied so a colleague taken off the list leaves the phone too.
    ...Array.from({ length: profile.model.blfKeys }, (_, index): [string, string | number][] => {
      const key = mpk(index);
      const colleague = line ? profile.blf[index] : undefined;
      return [
        [key.mode, colleague ? 1 : 0],
        [key.account, 0],
        [key.description, colleague?.label ?? ''],
        [key.value, colleague?.extension ?? ''],
      ];
    }).flat(),
  ];
  const elements = settings.map(([name, value]) => `    <${name}>${xmlText(String(value))}</${name}>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gs_provision version="1">',
    // The phone checks it against its own MAC address.
    `  <mac>${profile.mac}</mac>`,
    '  <config version="1">',
    ...elements,
    '  </config>',
    '</gs_provision>',
    '',
  ].join('\n');
}

export const grandstreamFile: VendorFiles = (name): PhoneFile | null => {
  const mac = CONFIG.exec(name)?.[1];
  return mac ? { mac: macOf(mac), contentType: CONTENT_TYPE, write: configFile } : null;
};
