// Links the OS hands to the app, read into what the softphone dials or refused with a reason.
import { describe, expect, it } from 'vitest';
import { linkInArgv, parseDialLink } from '../../main/links/dial-link';

const target = (link: string) => {
  const result = parseDialLink(link);
  if (!result.ok) throw new Error(`${link} was refused: ${result.message}`);
  return result.target;
};
const refusal = (link: string) => {
  const result = parseDialLink(link);
  return result.ok ? `dials ${result.target}` : result.refusal;
};

describe('parseDialLink', () => {
  it('reads tel: numbers, global and local, without separators or parameters', () => {
    expect(target('tel:+1-555-010-9999')).toBe('+15550109999');
    expect(target('tel:+1-555-010-9999;phone-context=example.com')).toBe('+15550109999');
    expect(target('tel:7042;phone-context=example.com')).toBe('7042');
    expect(target('tel:863-1234;phone-context=+1-914-555')).toBe('8631234');
    expect(target('tel:+33 (1) 42.68.53.00')).toBe('+33142685300');
    expect(target('tel:+1%20555%20010%209999;ext=22')).toBe('+15550109999');
    expect(target('TEL://101')).toBe('101');
    expect(target('tel:*98#')).toBe('*98#');
  });

  it('reads callto: links in both their forms', () => {
    expect(target('callto:+15550100')).toBe('+15550100');
    expect(target('callto://+1-555-0100/')).toBe('+15550100');
    expect(target('callto://102?video=no')).toBe('102');
    expect(target('callto:%2B44%2020%207946%200958')).toBe('+442079460958');
  });

  it('reads sip: addresses as sip:user@host[:port], dropping parameters and headers', () => {
    expect(target('sip:101@office.example.com')).toBe('sip:101@office.example.com');
    expect(target('sip:alice.smith@Example.COM:5070;transport=tcp')).toBe('sip:alice.smith@example.com:5070');
    expect(target('sip:101@office.example.com?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2')).toBe(
      'sip:101@office.example.com',
    );
    expect(target('sip:%2B15550100@10.0.0.5')).toBe('sip:+15550100@10.0.0.5');
  });

  it('refuses other schemes', () => {
    for (const link of ['javascript:alert(1)', 'sips:101@host', 'file:///etc/passwd', 'https://x', '101', ''])
      expect(refusal(link), link).toBe('unsupported-scheme');
  });

  it('refuses links without a number or a user', () => {
    for (const link of [
      'tel:',
      'tel:+',
      'tel:;phone-context=example.com',
      'callto://',
      'sip:office.example.com',
      'sip:@host',
    ])
      expect(refusal(link), link).toBe('no-number');
  });

  it('refuses junk with a reason, never a half-read number', () => {
    for (const link of [
      'tel:555-CALL-NOW',
      'tel:+1+2',
      'tel:12%',
      'tel:%E0%A4%A',
      'tel:1'.padEnd(40, '2'),
      'callto:skype.name',
      'sip:a b@host',
      'sip:101@host:99999',
      'sip:101@host:0',
      'sip:101@[::1]',
      'sip:101@host:5060:1',
      'sip:<script>@host',
      'sip:%ZZ@host',
      `sip:${'a'.repeat(65)}@host`,
      `tel:${'1'.repeat(3000)}`,
    ])
      expect(refusal(link), link).toBe('malformed');
    const result = parseDialLink('tel:555-CALL-NOW');
    expect(result).toMatchObject({ ok: false, message: "The tel: link's number is not a phone number" });
  });
});

describe('linkInArgv', () => {
  it('finds the link among the command line, never in a switch', () => {
    expect(linkInArgv(['/opt/Switchboard/switchboard', '--no-sandbox', 'tel:+15550100'])).toBe(
      'tel:+15550100',
    );
    expect(linkInArgv(['switchboard.exe', 'CALLTO://101'])).toBe('CALLTO://101');
    expect(linkInArgv(['switchboard', '--open=tel:101', '--inspect'])).toBeNull();
    expect(linkInArgv(['switchboard', '.'])).toBeNull();
  });
});
