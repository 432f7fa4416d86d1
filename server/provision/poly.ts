// Poly (Polycom) phones with UC Software (VVX): at boot and on check-sync they fetch their
// master configuration file, `0004f2aabbcc.cfg` (or the default `000000000000.cfg` when that is
// missing), an <APPLICATION> element whose CONFIG_FILES lists the files to fetch next. The
// office lists one, `0004f2aabbcc-switchboard.cfg`: a <polycomConfig> element whose attributes are
// the settings (`reg.1.*` the account, `attendant.resourceList.*` the BLF keys). It avoids
// `-phone.cfg` and `-web.cfg`, the names Poly phones upload their own overrides under.
import type { Language } from '../../common/api/preferences';
import { DTMF_PAYLOAD_TYPE, type PhoneProfile } from './profile';
import { MAC_IN_NAME, macOf, xmlText, type PhoneFile, type VendorFiles } from './phone-file';
import type { ClockChange } from './time-zone';

const CONTENT_TYPE = 'application/xml; charset=utf-8';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MASTER = new RegExp(`^(?:000000000000|${MAC_IN_NAME})\\.cfg$`);
const SETTINGS = new RegExp(`^${MAC_IN_NAME}-switchboard\\.cfg$`);

const LANGUAGE: Record<Language, string> = {
  en: 'English_United_States',
  es: 'Spanish_Spain',
  fr: 'French_France',
};

/**
 * The master file is the same for every phone: the phone puts its own MAC address in place of
 * [PHONE_MAC_ADDRESS]. `sip.ld` is where firmware would be; the office serves none, so the phone
 * keeps the firmware it has.
 */
function masterFile(): string {
  const attributes = {
    APP_FILE_PATH: 'sip.ld',
    CONFIG_FILES: '[PHONE_MAC_ADDRESS]-switchboard.cfg',
    MISC_FILES: '',
    LOG_FILE_DIRECTORY: '',
    OVERRIDES_DIRECTORY: '',
    CONTACTS_DIRECTORY: '',
    LICENSE_DIRECTORY: '',
  };
  return `${DECLARATION}\n<APPLICATION ${Object.entries(attributes)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ')}/>\n`;
}

/** A summer time change: month, hour, and the weekday as the first one on or after a date, or the last. */
function change(prefix: string, rule: ClockChange): [string, string | number][] {
  return [
    [`${prefix}.month`, rule.month],
    [`${prefix}.time`, Math.floor(rule.minute / 60)],
    [`${prefix}.dayOfWeek`, rule.weekday + 1],
    [`${prefix}.dayOfWeek.lastInMonth`, rule.week === 5 ? 1 : 0],
    ...(rule.week === 5 ? [] : ([[`${prefix}.date`, (rule.week - 1) * 7 + 1]] as [string, number][])),
  ];
}

function settingsFile(profile: PhoneProfile): string {
  const { line, sip, timeZone } = profile;
  const transport = sip.transport === 'tcp' ? 'TCPOnly' : 'UDPOnly';
  const summer = timeZone.summer;
  const settings: [string, string | number][] = [
    ['reg.1.address', line?.extension ?? ''],
    ['reg.1.label', line?.extension ?? ''],
    ['reg.1.displayName', line?.displayName ?? ''],
    ['reg.1.auth.userId', line?.authUsername ?? ''],
    ['reg.1.auth.password', line?.password ?? ''],
    ['reg.1.server.1.address', line ? sip.domain : ''],
    ['reg.1.server.1.port', sip.proxyPort],
    ['reg.1.server.1.transport', transport],
    ['reg.1.server.1.expires', 3600],
    ['reg.1.outboundProxy.address', sip.proxyHost],
    ['reg.1.outboundProxy.port', sip.proxyPort],
    ['reg.1.outboundProxy.transport', transport],
    ['voice.codecPref.G711_Mu', 1],
    ['voice.codecPref.G711_A', 2],
    ['voice.codecPref.G722', 3],
    ['voice.codecPref.G729_AB', ''],
    ['tone.dtmf.rfc2833Control', 1],
    ['tone.dtmf.rfc2833Payload', DTMF_PAYLOAD_TYPE],
    ['msg.mwi.1.subscribe', line?.extension ?? ''],
    ['msg.mwi.1.callBackMode', 'contact'],
    ['msg.mwi.1.callBack', profile.voicemailNumber],
    ['lcl.ml.lang', LANGUAGE[profile.language]],
    ['tcpIpApp.sntp.gmtOffset', timeZone.standardOffset * 60],
    ['tcpIpApp.sntp.daylightSavings.enable', summer ? 1 : 0],
    ...(summer
      ? ([
          ['tcpIpApp.sntp.daylightSavings.fixedDayEnable', 0],
          ...change('tcpIpApp.sntp.daylightSavings.start', summer.start),
          ...change('tcpIpApp.sntp.daylightSavings.stop', summer.end),
        ] as [string, string | number][])
      : []),
    // check-sync makes the phone fetch its files again; it restarts only when they changed.
    ['voIpProt.SIP.specialEvent.checkSync.alwaysReboot', 0],
    ['attendant.reg', 1],
    // A key per colleague (type normal: the phone subscribes to their dialog state); keys no
    // longer used are emptied so a colleague taken off the list leaves the phone too.
    ...Array.from({ length: profile.model.blfKeys }, (_, index): [string, string][] => {
      const colleague = line ? profile.blf[index] : undefined;
      const key = `attendant.resourceList.${index + 1}`;
      return [
        [`${key}.address`, colleague?.extension ?? ''],
        [`${key}.label`, colleague?.label ?? ''],
        [`${key}.type`, 'normal'],
      ];
    }).flat(),
  ];
  const attributes = settings.map(([name, value]) => `  ${name}="${xmlText(String(value))}"`).join('\n');
  return `${DECLARATION}\n<polycomConfig\n${attributes}\n/>\n`;
}

export const polyFile: VendorFiles = (name): PhoneFile | null => {
  const master = MASTER.exec(name);
  if (master)
    return { mac: master[1] ? macOf(master[1]) : null, contentType: CONTENT_TYPE, write: masterFile };
  const mac = SETTINGS.exec(name)?.[1];
  return mac ? { mac: macOf(mac), contentType: CONTENT_TYPE, write: settingsFile } : null;
};
