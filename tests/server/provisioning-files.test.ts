// The files each vendor's phones ask for, read from the names they request, and written safely
// whatever text the directory holds.
import { describe, expect, it } from 'vitest';
import { findDeskPhoneModel } from '../../common/api/desk-phone-models';
import { parseGrandstreamConfig, parseXml, parseYealinkConfig } from '../support/provisioning-phone';
import { phoneFile } from '../../server/provision/files';
import type { PhoneProfile } from '../../server/provision/profile';
import { timeZoneRules } from '../../server/provision/time-zone';

describe('the file names each vendor’s phones ask for', () => {
  it.each([
    // vendor, name, the MAC it carries (null: a common file), or undefined when not served
    ['yealink', 'y000000000000.cfg', null],
    ['yealink', 'y000000000096.cfg', null],
    ['yealink', '001565aabb01.cfg', '001565aabb01'],
    ['yealink', '001565AABB01.cfg', '001565aabb01'],
    ['yealink', '00-15-65-AA-BB-01.cfg', '001565aabb01'],
    ['yealink', '001565aabb01-local.cfg', undefined],
    ['yealink', '001565aabb01.boot', undefined],
    ['poly', '000000000000.cfg', null],
    ['poly', '0004f2aabb02.cfg', '0004f2aabb02'],
    ['poly', '0004F2AABB02-switchboard.cfg', '0004f2aabb02'],
    ['poly', '0004f2aabb02-phone.cfg', undefined],
    ['poly', 'sip.ld', undefined],
    ['grandstream', 'cfgc074adaabb03.xml', 'c074adaabb03'],
    ['grandstream', 'cfgc074adaabb03', undefined],
    ['grandstream', 'cfg.xml', undefined],
    ['grandstream', '../cfgc074adaabb03.xml', undefined],
  ] as const)('%s asks for %s', (vendor, name, mac) => {
    expect(phoneFile(vendor, name)?.mac).toBe(mac);
  });
});

describe('text from the directory in a phone’s file', () => {
  // A caller-ID name may hold anything a person types: line breaks, quotes, markup.
  const sneaky = 'Ana "&" <b>\nlinekey.9.type = 16\r\naccount.1.password = x';
  const profile: PhoneProfile = {
    mac: '001565aabbcc',
    model: findDeskPhoneModel('yealink-t46s')!,
    line: { extension: '101', displayName: sneaky, authUsername: 'd1', password: 'p"<&>' },
    sip: { domain: 'office.example.com', proxyHost: '127.0.0.1', proxyPort: 5060, transport: 'udp' },
    voicemailNumber: '*97',
    timeZone: timeZoneRules('UTC', 2026),
    language: 'en',
    blf: [{ extension: '102', label: sneaky }],
  };
  const written = (vendor: 'yealink' | 'poly' | 'grandstream', name: string, model: string) =>
    phoneFile(vendor, name)!.write({ ...profile, model: findDeskPhoneModel(model)! });

  it('stays on its own line in a Yealink file: it can start no setting', () => {
    const settings = parseYealinkConfig(written('yealink', '001565aabbcc.cfg', 'yealink-t46s'));
    expect(settings.get('account.1.display_name')).toBe(
      'Ana "&" <b> linekey.9.type = 16 account.1.password = x',
    );
    expect(settings.get('account.1.password')).toBe('p"<&>');
    expect(settings.get('linekey.9.type')).toBe('0');
  });

  it('is escaped in Poly’s and Grandstream’s XML, which still parses to the same text', () => {
    const poly = parseXml(written('poly', '001565aabbcc-switchboard.cfg', 'poly-vvx-450')).attributes;
    expect(poly.get('reg.1.displayName')).toBe('Ana "&" <b> linekey.9.type = 16 account.1.password = x');
    expect(poly.get('reg.1.auth.password')).toBe('p"<&>');
    expect(poly.get('attendant.resourceList.1.label')).toBe(poly.get('reg.1.displayName'));
    const { settings } = parseGrandstreamConfig(
      written('grandstream', 'cfg001565aabbcc.xml', 'grandstream-gxp1628'),
    );
    expect(settings.get('P3')).toBe(poly.get('reg.1.displayName'));
    expect(settings.get('P34')).toBe('p"<&>');
  });
});
