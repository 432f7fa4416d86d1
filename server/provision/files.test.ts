import { describe, expect, it } from 'vitest';
import { phoneFile } from './files';

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
